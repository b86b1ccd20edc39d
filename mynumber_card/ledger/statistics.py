"""Counts behind the issuance reports, straight from the ledger with one grouped query each."""

from datetime import date

import frappe
from frappe.query_builder.functions import Count, Extract

from mynumber_card.core import booking_states, lifecycle
from mynumber_card.core.statistics import monthly_issuance_rate

CARD = "MyNumber Card"
# The national categories of the monthly report, each counted by the date a card entered a state.
CATEGORIES = (
	("received_date", "Received from J-LIS"),
	("prepared_date", "Prepared"),
	("notice_date", "Notice Sent"),
	("issued_date", "Issued"),
	("disposed_date", "Disposed"),
)


def count_by_month(date_field: str, start: date, end: date) -> dict[date, int]:
	card = frappe.qb.DocType(CARD)
	column = card[date_field]
	year, month = Extract("year", column), Extract("month", column)
	rows = (
		frappe.qb.from_(card)
		.select(year, month, Count("*"))
		.where(column.between(start, end))
		.groupby(year, month)
	).run()
	return {date(int(y), int(m), 1): n for y, m, n in rows}


def count_before(date_field: str, start: date) -> int:
	card = frappe.qb.DocType(CARD)
	return (frappe.qb.from_(card).select(Count("*")).where(card[date_field] < start)).run()[0][0]


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


def issuance_rate(start: date, end: date):
	values = frappe.db.get_singles_dict("MyNumber Card Settings", cast=True)
	population = int(values.get("population") or 0)
	before = int(values.get("issued_before_system") or 0) + count_before("issued_date", start)
	return monthly_issuance_rate(count_by_month("issued_date", start, end), start, end, population, before)


def current_issuance_rate() -> float | None:
	values = frappe.db.get_singles_dict("MyNumber Card Settings", cast=True)
	population = int(values.get("population") or 0)
	if not population:
		return None
	card = frappe.qb.DocType(CARD)
	issued = (frappe.qb.from_(card).select(Count("*")).where(card.issued_date.isnotnull())).run()[0][0]
	return round((issued + int(values.get("issued_before_system") or 0)) * 100 / population, 1)


UNCOLLECTED = (*lifecycle.AWAITING_PICKUP, lifecycle.BOOKED, lifecycle.PENDING_DISPOSAL)
