"""Dates the way a town's spreadsheets hold them, read into a `date`.

和暦 (令和8年4月1日, 令和元年5月1日, R8.4.1, H30/1/5, S55-4-1, 平30.1.5), 西暦 (2026-04-01, 2026/4/1,
2026.4.1, 2026年4月1日, 20260401, 2026-04-01 00:00:00), full-width digits and separators, and the
cells Excel stores as dates or as day serials. Month-first and two-digit western years are
ambiguous and are not read.
"""

import re
from datetime import date, datetime, timedelta

from mynumber_card.core.text import normalize_code

# 元号: the western year of its 元年 and the last year number it reached (令和 is open).
_ERAS = {
	"令和": (2019, 99),
	"平成": (1989, 31),
	"昭和": (1926, 64),
	"大正": (1912, 15),
	"明治": (1868, 45),
}
_ERA_ALIASES = {
	"R": "令和",
	"令": "令和",
	"H": "平成",
	"平": "平成",
	"S": "昭和",
	"昭": "昭和",
	"T": "大正",
	"大": "大正",
	"M": "明治",
	"明": "明治",
}
_ERA_NAMES = "|".join([*_ERAS, *_ERA_ALIASES])
_SEP = r"(?:年|[./-])"
_ERA_DATE = rf"({_ERA_NAMES})(元|\d{{1,2}}){_SEP}(\d{{1,2}})(?:月|[./-])(\d{{1,2}})日?"
_WESTERN_DATE = rf"(\d{{4}}){_SEP}(\d{{1,2}})(?:月|[./-])(\d{{1,2}})日?"
_ERA_RE = re.compile(rf"^{_ERA_DATE}$")
_WESTERN_RE = re.compile(rf"^{_WESTERN_DATE}$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# The same writings inside a longer text (a search: `ヤマダ S55.4.1`), not glued to other digits.
_IN_TEXT = (
	re.compile(rf"(?<![0-9]){_ERA_DATE}"),
	re.compile(rf"(?<![0-9]){_WESTERN_DATE}"),
	re.compile(r"(?<![0-9])[0-9]{8}(?![0-9])"),
)
_TIME_RE = re.compile(r"[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")

# Excel counts days from 1899-12-30 (its 1900 leap-year bug only shifts dates before March 1900).
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(1, 73051)  # up to 2099-12-31


def parse_date(value) -> date | None:
	"""The date a cell holds, or None when it is not one (empty, unreadable or impossible)."""
	if value is None or value == "":
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, bool):
		return None
	if isinstance(value, int | float):
		return _from_number(value)
	return _from_text(str(value))


def find_date(text: str) -> tuple[date | None, str]:
	"""The first readable date written inside a text, and the text with it cut out."""
	for pattern in _IN_TEXT:
		for match in pattern.finditer(text):
			if found := _from_text(match[0]):
				return found, text[: match.start()] + " " + text[match.end() :]
	return None, text


def _from_number(value: int | float) -> date | None:
	if isinstance(value, float):
		if not value.is_integer():
			value = int(value)  # a date with a time of day: the day
		value = int(value)
	if 10_000_000 <= value <= 99_999_999:
		return _from_text(str(value))  # 20260401
	if value in _EXCEL_SERIALS:
		return _EXCEL_EPOCH + timedelta(days=value)
	return None


def _from_text(value: str) -> date | None:
	text = _TIME_RE.sub("", value.strip())
	text = normalize_code(text)  # NFKC, one kind of hyphen, no spaces, upper case
	if match := _ERA_RE.match(text):
		era = _ERA_ALIASES.get(match[1], match[1])
		first_year, last_number = _ERAS[era]
		number = 1 if match[2] == "元" else int(match[2])
		if not 1 <= number <= last_number:
			return None
		return _safe_date(first_year + number - 1, match[3], match[4])
	for pattern in (_WESTERN_RE, _COMPACT_RE):
		if match := pattern.match(text):
			return _safe_date(match[1], match[2], match[3])
	return None


def _safe_date(year, month, day) -> date | None:
	try:
		return date(int(year), int(month), int(day))
	except ValueError:
		return None  # 2026/2/30
