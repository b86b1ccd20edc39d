"""Counts behind the issuance reports, straight from the ledger with one grouped query each."""

from datetime import date

import frappe
from frappe.query_builder.functions import Count, Extract
from frappe.utils import getdate, today

from mynumber_card.core import booking_states, statistics

CARD = "MyNumber Card"
# The national categories of the monthly report, each counted by the date a card entered a state.
# Issued counts every hand-over, at the counter or by post (a mailed card delivered to its holder).
CATEGORIES = (
	("received_date", "Received from J-LIS"),
	("prepared_date", "Prepared"),
	("notice_date", "Notice Sent"),
	("mailed_date", "Mailed"),
	("issued_date", "Issued"),
	("disposed_date", "Disposed"),
	("returned_date", "Returned"),
	("revoked_date", "Revoked"),
)


def count_by_month(date_field: str, start: date, end: date, issued_only: bool = False) -> dict[date, int]:
	card = frappe.qb.DocType(CARD)
	column = card[date_field]
	year, month = Extract("year", column), Extract("month", column)
	query = (
		frappe.qb.from_(card)
		.select(year, month, Count("*"))
		.where(column.between(start, end))
		.groupby(year, month)
	)
	if issued_only:
		query = query.where(card.issued_date.isnotnull())
	return {date(int(y), int(m), 1): n for y, m, n in query.run()}


def count_before(date_field: str, start: date, issued_only: bool = False) -> int:
	card = frappe.qb.DocType(CARD)
	query = frappe.qb.from_(card).select(Count("*")).where(card[date_field] < start)
	if issued_only:
		query = query.where(card.issued_date.isnotnull())
	return query.run()[0][0]


def no_longer_held_by_month(start: date, end: date) -> dict[date, int]:
	"""Issued cards that stopped being held (返納, 廃止), by the month they did."""
	found: dict[date, int] = {}
	for field in statistics.NO_LONGER_HELD_DATE_FIELDS.values():
		for month, count in count_by_month(field, start, end, issued_only=True).items():
			found[month] = found.get(month, 0) + count
	return found


def no_longer_held_before(start: date) -> int:
	return sum(
		count_before(field, start, issued_only=True)
		for field in statistics.NO_LONGER_HELD_DATE_FIELDS.values()
	)


def application_support_by_month(start: date, end: date) -> dict[date, int]:
	"""Completed 申請サポート-like visits (purposes that are not pickups), by month of the visit."""
	booking = frappe.qb.DocType("Card Booking")
	purpose = frappe.qb.DocType("Booking Purpose")
	year, month = Extract("year", booking.slot_date), Extract("month", booking.slot_date)
	rows = (
		frappe.qb.from_(booking)
		.join(purpose)
		.on(purpose.name == booking.purpose)
		.select(year, month, Count("*"))
		.where(
			(booking.workflow_state == booking_states.COMPLETED)
			& (purpose.is_pickup == 0)
			& booking.slot_date.between(start, end)
		)
		.groupby(year, month)
	).run()
	return {date(int(y), int(m), 1): n for y, m, n in rows}


def _settings() -> tuple[int, int]:
	"""(population, cards issued before the system) from the settings."""
	values = frappe.db.get_singles_dict("MyNumber Card Settings", cast=True)
	return int(values.get("population") or 0), int(values.get("issued_before_system") or 0)


def _flows(start: date, end: date) -> dict:
	"""Issued and no-longer-held cards per month and before the period (with those before the system)."""
	_population, before_system = _settings()
	return {
		"issued_per_month": count_by_month("issued_date", start, end),
		"issued_before": before_system + count_before("issued_date", start),
		"ended_per_month": no_longer_held_by_month(start, end),
		"ended_before": no_longer_held_before(start),
	}


def issuance_rate(start: date, end: date):
	"""交付率 and 保有枚数率, month by month (core.statistics.MonthRate); needs the population."""
	population, _before = _settings()
	return statistics.monthly_issuance_rate(start=start, end=end, population=population, **_flows(start, end))


def held_by_month(start: date, end: date) -> dict[date, int]:
	"""保有枚数 at each month's end (cards issued before the system counted as held)."""
	return statistics.held_by_month(start=start, end=end, **_flows(start, end))


def totals_on(day: date):
	"""交付枚数 (cumulative), 保有枚数 and their rates at the end of a day: a MonthRate."""
	return issuance_rate(day, day)[-1]


def current_issuance_rate() -> float | None:
	population, _before = _settings()
	return totals_on(getdate(today())).rate if population else None


def current_held_rate() -> float | None:
	population, _before = _settings()
	return totals_on(getdate(today())).held_rate if population else None
