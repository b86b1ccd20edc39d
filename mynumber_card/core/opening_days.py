"""Which dates an opening session picks: one date, or a period narrowed by a day rule (月〜金, 日曜日,
土日祝…) and a week-of-month rule (第2・第4…).

Towns open on chosen Sundays and holidays and add evening sessions in a rush week (休日開庁):
栗東市 opens one day a month and keeps the counter open until 19:00 on weekdays, 大阪市鶴見区 on the
4th Sunday, 加古川市's マイナンバーカードセンター 土日祝日 10:00–18:00, 須恵町 on the 3rd Wednesday
evening (夜間役場). The Select options of Booking Opening Session are these tuples (a static test
compares them)."""

from collections.abc import Iterator
from datetime import date, timedelta

from mynumber_card.core.closing_days import WEEKDAYS, holiday_name

EVERY_DAY = "Every Day"
EVERY_WEEK = "Every Week"
_RULES = {
	EVERY_DAY: lambda day: True,
	"Monday to Friday": lambda day: day.weekday() < 5,
	"Saturday and Sunday": lambda day: day.weekday() >= 5,
	"Saturday, Sunday and Holidays": lambda day: day.weekday() >= 5 or holiday_name(day) is not None,
	"Holidays": lambda day: holiday_name(day) is not None,
	**{name: (lambda day, index=index: day.weekday() == index) for index, name in enumerate(WEEKDAYS)},
}
DAY_RULES = tuple(_RULES)
# Which of a weekday's days in the month: the nth Sunday is the Sunday of days 7n-6 to 7n.
_WEEKS = {
	EVERY_WEEK: None,
	"1st": {1},
	"2nd": {2},
	"3rd": {3},
	"4th": {4},
	"5th": {5},
	"1st and 3rd": {1, 3},
	"2nd and 4th": {2, 4},
}
WEEK_RULES = tuple(_WEEKS)


def week_of_month(day: date) -> int:
	"""1 for days 1–7, 2 for days 8–14…: the 2nd Sunday is the Sunday with week_of_month 2."""
	return (day.day - 1) // 7 + 1


def check_rules(days: str, weeks: str):
	if days not in _RULES:
		raise ValueError(f"unknown day rule: {days}")
	if weeks not in _WEEKS:
		raise ValueError(f"unknown week rule: {weeks}")


def day_matches(day: date, days: str = EVERY_DAY, weeks: str = EVERY_WEEK) -> bool:
	check_rules(days, weeks)
	chosen_weeks = _WEEKS[weeks]
	if chosen_weeks is not None and week_of_month(day) not in chosen_weeks:
		return False
	return _RULES[days](day)


def dates_between(first: date, last: date, days: str = EVERY_DAY, weeks: str = EVERY_WEEK) -> Iterator[date]:
	"""The dates from first to last (both included) that the rules pick."""
	check_rules(days, weeks)
	day = first
	while day <= last:
		if day_matches(day, days, weeks):
			yield day
		day += timedelta(days=1)
