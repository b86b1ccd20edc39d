"""A town's figures for one day, counted from its own ledger, bookings and queue: the only thing the
town ever sends to the prefecture (core/town_report.py holds the allowlist)."""

from datetime import date

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import add_months

from mynumber_card import settings
from mynumber_card.core import booking_states, lifecycle, town_report
from mynumber_card.core import queue as q
from mynumber_card.core.statistics import UNCOLLECTED
from mynumber_card.ledger import statistics

RENEWAL_MONTHS = 3


def _count(doctype: str, condition) -> int:
	table = DocType(doctype)
	return frappe.qb.from_(table).select(Count("*")).where(condition(table)).run()[0][0]


def figures_for(day: date) -> dict:
	"""Every figure of town_report.FIGURES for the day (flows that day, stocks at its end)."""
	totals = statistics.totals_on(day)
	horizon = add_months(day, RENEWAL_MONTHS)
	ticket = DocType("Queue Ticket")
	waits = (
		frappe.qb.from_(ticket)
		.select(ticket.wait_minutes)
		.where((ticket.ticket_date == day) & (ticket.state == q.DONE) & ticket.called_at.isnotnull())
	).run()
	return {
		"cards_received": _count("MyNumber Card", lambda c: c.received_date == day),
		"cards_issued": _count("MyNumber Card", lambda c: c.issued_date == day),
		"cards_issued_total": totals.cumulative,
		"cards_held": totals.held,
		"uncollected_past_deadline": _count(
			"MyNumber Card", lambda c: c.workflow_state.isin(UNCOLLECTED) & (c.disposal_deadline < day)
		),
		"renewals_due": _count(
			"MyNumber Card",
			lambda c: c.workflow_state.isin(lifecycle.HELD)
			& (c.card_expiry_date.between(day, horizon) | c.certificate_expiry_date.between(day, horizon)),
		),
		"bookings": _count(
			"Card Booking",
			lambda b: (b.slot_date == day) & b.workflow_state.notin(booking_states.RELEASING),
		),
		"tickets_served": len(waits),
		"median_wait_minutes": town_report.median(row[0] for row in waits),
		"population": settings.get_int("population"),
	}
