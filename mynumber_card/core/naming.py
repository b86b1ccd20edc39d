"""The names a Frappe naming series gives (`BK-.YYYY.-.#####` → `BK-2026-00012`), read from the series.

The shell passes a DocType's series from its meta, so the prefixes live in the DocType JSON only and a
town that changes a series in Customize Form changes what the scanner recognises and which counter
rows are made ahead."""

import re
from datetime import date

# Frappe's date parts (frappe.model.naming.parse_naming_series): regex and strftime format.
_DATE_PARTS = {
	"YYYY": (r"\d{4}", "%Y"),
	"YY": (r"\d{2}", "%y"),
	"MM": (r"\d{2}", "%m"),
	"DD": (r"\d{2}", "%d"),
}


def _parts(series: str) -> list[str]:
	parts = [p for p in (series or "").strip().split(".") if p]
	if not any(p.startswith("#") for p in parts):
		raise ValueError(f"naming series {series!r} has no counter (#####)")
	for part in parts:
		if part.startswith("{") or part in ("WW", "timestamp"):
			raise ValueError(f"naming series part {part!r} is not supported here")
	return parts


def supported(series: str) -> bool:
	"""Whether the app can read the series (a counter, literals and date parts; no field parts)."""
	try:
		_parts(series)
	except ValueError:
		return False
	return True


def series_prefix(series: str, on: date) -> str:
	"""The key of Frappe's counter row (tabSeries) for names given on that day: `BK-2026-`."""
	prefix = ""
	for part in _parts(series):
		if part.startswith("#"):
			break
		prefix += on.strftime(_DATE_PARTS[part][1]) if part in _DATE_PARTS else part
	return prefix


def series_regex(series: str) -> str:
	"""A regular expression without groups for every name the series gives; Frappe widens the counter
	past its width, so the digits have a minimum only."""
	pattern, counted = "", False
	for part in _parts(series):
		if part.startswith("#"):
			pattern += "" if counted else rf"\d{{{len(part)},}}"
			counted = True
		elif part in _DATE_PARTS:
			pattern += _DATE_PARTS[part][0]
		else:
			pattern += re.escape(part)
	return pattern
