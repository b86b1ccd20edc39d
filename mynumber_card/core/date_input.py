"""Dates the way a town's spreadsheets hold them, read into a `date`.

和暦 (令和8年4月1日, 令和元年5月1日, R8.4.1, H30/1/5, S55-4-1, 平30.1.5), 西暦 (2026-04-01, 2026/4/1,
2026.4.1, 2026年4月1日, 20260401, 2026-04-01 00:00:00), full-width digits and separators, and the
cells Excel stores as dates or as day serials. Month-first and two-digit western years are
ambiguous and are not read.
"""

import re
from datetime import date, datetime, timedelta

from mynumber_card.core import eras
from mynumber_card.core.text import normalize_code

_ERA_NAMES = "|".join(eras.NAMES)
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


def outside_era(value) -> eras.OutsideEra | None:
	"""Why a 和暦 text is no date when its era did not have that day (平成1年1月1日 is 昭和64年), so
	that the person is told the era's first or last day; None for any other text."""
	if not isinstance(value, str) or not (match := _ERA_RE.match(_clean(value))):
		return None
	try:
		_era_date(match)
	except eras.OutsideEra as outside:
		return outside
	except ValueError:
		pass
	return None


def _clean(value: str) -> str:
	return normalize_code(_TIME_RE.sub("", value.strip()))  # NFKC, one hyphen, no spaces, upper case


def _era_date(match) -> date:
	number = 1 if match[2] == "元" else int(match[2])
	if number < 1:
		raise ValueError(number)
	return eras.western(match[1], number, int(match[3]), int(match[4]))


def _from_text(value: str) -> date | None:
	text = _clean(value)
	if match := _ERA_RE.match(text):
		try:
			return _era_date(match)
		except ValueError:  # no such day, or not a day of that era (OutsideEra)
			return None
	for pattern in (_WESTERN_RE, _COMPACT_RE):
		if match := pattern.match(text):
			return _safe_date(match[1], match[2], match[3])
	return None


def _safe_date(year, month, day) -> date | None:
	try:
		return date(int(year), int(month), int(day))
	except ValueError:
		return None  # 2026/2/30
