"""Days the counter is closed: national holidays (jpholiday), 年末年始 (12/29–1/3) and the town's own."""

from datetime import date

import jpholiday

YEAR_END_REASON = "年末年始"


def is_year_end(day: date) -> bool:
	return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def closed_reason(day: date, town_closing_days: dict[date, str] | None = None) -> str | None:
	"""Why the counter is closed that day, or None when it is open."""
	if town_closing_days and day in town_closing_days:
		return town_closing_days[day] or "休業日"
	if is_year_end(day):
		return YEAR_END_REASON
	holiday = jpholiday.is_holiday_name(day)
	if holiday:
		return holiday
	return None
