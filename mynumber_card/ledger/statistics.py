"""Counts behind the issuance reports, straight from the ledger with one grouped query each."""

from datetime import date

import frappe
from frappe.query_builder.functions import Count, Extract
from frappe.utils import getdate

from mynumber_card import settings
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


def _population() -> int:
	return settings.get_int("population")


def earlier_figures() -> list[statistics.EarlierFigure]:
	"""The town's own figures for cards the ledger does not hold (settings table)."""
	return [
		statistics.EarlierFigure(getdate(row.month), int(row.issued or 0), int(row.held or 0))
		for row in settings.rows("earlier_figures", ["month", "issued", "held"])
	]


def _flows(start: date, end: date) -> dict:
	"""Issued cards and cards no longer held (held_until: returned, revoked, expired, holder left),
	per month and before the period, and the figures for cards outside the ledger."""
	return {
		"issued_per_month": count_by_month("issued_date", start, end),
		"issued_before": count_before("issued_date", start),
		"ended_per_month": count_by_month("held_until", start, end, issued_only=True),
		"ended_before": count_before("held_until", start, issued_only=True),
		"earlier": earlier_figures(),
	}


def issuance_rate(start: date, end: date):
	"""交付率 and 保有枚数率, month by month (core.statistics.MonthRate); needs the population."""
	return statistics.monthly_issuance_rate(
		start=start, end=end, population=_population(), **_flows(start, end)
	)


def held_by_month(start: date, end: date) -> dict[date, int]:
	"""保有枚数 at each month's end, with the cards outside the ledger."""
	return statistics.held_by_month(start=start, end=end, **_flows(start, end))


def totals_on(day: date):
	"""交付枚数 (cumulative), 保有枚数 and their rates at the end of a day: a MonthRate."""
	return issuance_rate(day, day)[-1]


def current_issuance_rate() -> float | None:
	return totals_on(getdate()).rate if _population() else None


def current_held_rate() -> float | None:
	return totals_on(getdate()).held_rate if _population() else None
