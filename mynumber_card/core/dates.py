"""Calendar arithmetic the way Japanese law counts it, and dates written the Japanese way."""

import calendar
from datetime import date, datetime, time, timedelta

from mynumber_card.core import eras
from mynumber_card.core.date_input import parse_date

_WEEKDAYS_JA = "月火水木金土日"


def add_months(start: date, months: int) -> date:
	"""Same day N months later; the month's last day when that day does not exist (1/31 + 1 → 2/28)."""
	month_index = start.month - 1 + months
	year, month = start.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def anniversary(birth_date: date, years: int) -> date:
	"""The birthday N years on, as a validity limit: a 29 February birthday is 28 February in
	common years (the last day of that birthday's month)."""
	year = birth_date.year + years
	if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
		return date(year, 2, 28)
	return birth_date.replace(year=year)


def age_on(birth_date: date, on: date) -> int:
	"""Age in whole years during a date. By 年齢計算ニ関スル法律 an age is reached when the day before
	the birthday ends, so one holds the new age all through the birthday; someone born on
	29 February holds it from 1 March in common years (the end of 28 February)."""
	years = on.year - birth_date.year
	if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(on.year):
		reached = date(on.year, 3, 1)
	else:
		reached = birth_date.replace(year=on.year)
	return years if on >= reached else years - 1


def wareki(value, with_weekday: bool = False) -> str:
	"""令和7年11月26日 (and （水） when asked); 元年 for an era's first year. Takes what code and print
	templates hand over: a date, a datetime or an ISO text (`frappe.utils.today()`)."""
	value = parse_date(value)
	if not value:
		return ""
	era = eras.era_of(value)
	if era:
		year = value.year - era.start.year + 1
		year_text = "元" if year == 1 else str(year)
		text = f"{era.name}{year_text}年{value.month}月{value.day}日"
	else:
		text = f"{value.year}年{value.month}月{value.day}日"
	if with_weekday:
		text += f"（{_WEEKDAYS_JA[value.weekday()]}）"
	return text


def clock(value) -> str:
	"""09:30 from what the database hands over for a TIME (a timedelta), a time, a datetime or
	"9:30:00". Plain arithmetic: Frappe's format_time goes through babel, about 0.1 ms a call, which
	was most of the residents' slot listing."""
	if value is None or value == "":
		return ""
	if isinstance(value, timedelta):
		minutes = int(value.total_seconds()) // 60
		return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
	if isinstance(value, datetime | time):
		return f"{value.hour:02d}:{value.minute:02d}"
	hours, minutes = str(value).split(":")[:2]
	return f"{int(hours):02d}:{int(minutes):02d}"


def plausible_birth_date(value: date | None, today: date) -> bool:
	"""A birth date a resident can have: not in the future, not before 1900."""
	return value is not None and date(1900, 1, 1) <= value <= today


def parse_birth_date(value, today: date) -> date | None:
	"""A resident's birth date as a form, a lookup or staff give it (a date, ISO text, 和暦 such as
	昭和55年4月1日 or S55.4.1), or None when it is unreadable or not a birth date anyone can have."""
	birth = parse_date(value)
	return birth if plausible_birth_date(birth, today) else None
