"""総務省's published monthly figures per municipality (「マイナンバーカードの市区町村別交付枚数等」,
CSV or Excel), read for the overview's comparison: for each row the municipality, its population and
the cards issued (交付枚数) and held (保有枚数).

The ministry's tables have changed their headers over the years (交付枚数 until 2023, 保有枚数 since
2023-07) and start with title rows, so the header row is found by its cells, and a row is matched to a
town by its 団体コード when the table has one, else by 都道府県名 + 市区町村名."""

import re
from dataclasses import dataclass

from mynumber_card.core.text import normalize

HEADERS = {
	"code": ("団体コード", "全国地方公共団体コード", "市区町村コード"),
	"prefecture": ("都道府県名", "都道府県"),
	"name": ("市区町村名", "団体名", "市区町村"),
	"population": ("人口", "総数（人口）", "総数(人口)", "住基人口"),
	"issued": ("交付枚数",),
	"held": ("保有枚数",),
}
MAX_HEADER_ROW = 20


class MinistryFileError(ValueError):
	pass


@dataclass(frozen=True)
class MinistryRow:
	code: str  # the 6-digit code, or "" when the table has none
	prefecture: str  # 都道府県名 as published ("" when the table has no such column)
	name: str  # 市区町村名 as published
	population: int | None
	issued: int | None
	held: int | None


def _cell(value) -> str:
	return re.sub(r"\s+", "", normalize(str(value if value is not None else "")))


def _header(cells: list[str]) -> dict[str, int] | None:
	found = {}
	for key, names in HEADERS.items():
		wanted = {_cell(n) for n in names}
		for index, cell in enumerate(cells):
			# 「人口【R6.1.1時点】」, 「保有枚数【R6.12末時点】」: the header starts with the name
			if cell in wanted or any(
				cell.startswith(n) for n in wanted if key in ("population", "issued", "held")
			):
				found.setdefault(key, index)
	if ("code" in found or "name" in found) and ("issued" in found or "held" in found):
		return found
	return None


def _number(value) -> int | None:
	if isinstance(value, int | float) and not isinstance(value, bool):
		return int(value)
	text = _cell(value).replace(",", "")
	return int(text) if text.isascii() and text.isdigit() else None


def read_rows(rows) -> list[MinistryRow]:
	"""The municipalities of the table; MinistryFileError when no header row is found near the top."""
	columns = None
	found = []
	for index, row in enumerate(rows):
		cells = [_cell(c) for c in row]
		if columns is None:
			columns = _header(cells)
			if columns is None and index >= MAX_HEADER_ROW:
				break
			continue

		def get(key):
			i = columns.get(key)
			return row[i] if i is not None and i < len(row) else None

		code = _cell(get("code")).replace("-", "")
		code = code if len(code) in (5, 6) and code.isascii() and code.isdigit() else ""
		prefecture, name = _cell(get("prefecture")), _cell(get("name"))
		if not code and not name:
			continue
		found.append(
			MinistryRow(
				code,
				prefecture,
				name,
				_number(get("population")),
				_number(get("issued")),
				_number(get("held")),
			)
		)
	if columns is None:
		raise MinistryFileError("no header row")
	return found


def match(row: MinistryRow, towns: dict[str, str], prefecture: str = "") -> str | None:
	"""The town's code for a published row: `towns` maps each town's code to its name (市区町村名).
	A 5-digit code (a table without check digits) matches the first five. By name only within the
	prefecture when both it and the row name one: 府中市 is in 東京都 and in 広島県."""
	if row.code:
		for code in towns:
			if row.code == code or (len(row.code) == 5 and code.startswith(row.code)):
				return code
		return None
	if prefecture and row.prefecture and _cell(prefecture) != row.prefecture:
		return None
	for code, name in towns.items():
		if name and _cell(name) == row.name:
			return code
	return None
