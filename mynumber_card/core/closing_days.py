"""Days the counter is closed: national holidays (jpholiday), 年末年始 (12/29–1/3) and the town's own.
An opening session (core/opening_days.py) can still open such a day for the hours it names."""

from datetime import date

import jpholiday

from mynumber_card.core.dates import wareki

YEAR_END_REASON = "年末年始"
SUBSTITUTE = "振替休日"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_year_end(day: date) -> bool:
	return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def holiday_name(day: date) -> str | None:
	"""The national holiday's name (祝日, 振替休日, 国民の休日), or None. jpholiday names a substitute
	holiday after the one it replaces (憲法記念日 振替休日): calendars and residents say 振替休日."""
	name = jpholiday.is_holiday_name(day)
	if not name:
		return None
	return SUBSTITUTE if name.endswith(SUBSTITUTE) else name


def closed_reason(day: date, town_closing_days: dict[date, str] | None = None) -> str | None:
	"""Why the counter is closed that day, or None when it is open."""
	if town_closing_days and day in town_closing_days:
		return town_closing_days[day] or "休業日"
	if is_year_end(day):
		return YEAR_END_REASON
	return holiday_name(day)


def day_label(day: date) -> str:
	"""A day as residents read it in the slot list: 令和9年3月21日（日）春分の日. The holiday's name
	tells them the office opens on a day it is usually closed; a town's own closing reason stays
	internal (it may be システム保守)."""
	label = wareki(day, with_weekday=True)
	holiday = holiday_name(day)
	return f"{label}{holiday}" if holiday else label
