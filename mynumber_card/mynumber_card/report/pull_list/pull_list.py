# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""取出しリスト: the cards to take out of the safe for a day's pickup bookings (renewal cards included:
they are picked up like any new card), with each card's box and position, in one walk along the
shelves; the day's renewal applications follow, with nothing to take out. Printed the afternoon before."""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from mynumber_card.booking.purposes import renewal_purposes
from mynumber_card.core import booking_states, lifecycle, storage
from mynumber_card.core.dates import clock
from mynumber_card.ledger.report_columns import report_columns

CARD_FIELDS = (
	"storage_box",
	"storage_position",
	"full_name",
	"full_name_kana",
	"notice_number",
	"workflow_state",
)
BOOKING_FIELDS = ("name", "card", "start_time", "purpose", "location", "full_name", "full_name_kana")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	day = getdate(filters.get("date") or add_days(today(), 1))
	bookings = active_bookings(day, filters.get("location"))
	cards = cards_of(bookings)
	rows, renewals = [], set(renewal_purposes())
	for booking in bookings.values():
		if not booking.cards and booking.purpose in renewals:
			rows.append(renewal_visit_row(booking))  # nothing to take out, but the clerk sees the visit
		for card_name in booking.cards:
			card = cards.get(card_name)
			if not card:
				continue
			rows.append(
				{
					"place": storage.format_place(card.storage_box, card.storage_position) or _("Not placed"),
					"storage_box": card.storage_box,
					"storage_position": card.storage_position,
					"card": card_name,
					"full_name": card.full_name,
					"full_name_kana": card.full_name_kana,
					"notice_number": card.notice_number,
					"state": lifecycle.STATE_LABELS_JA.get(card.workflow_state, card.workflow_state),
					**visit(booking),
				}
			)
	rows.sort(key=lambda r: (*storage.pull_order(r["storage_box"], r["storage_position"]), r["time"]))
	return report_columns(
		"place",
		"full_name",
		"full_name_kana",
		"notice_number",
		"card",
		"state",
		"time",
		"purpose",
		"booking",
		"location",
	), rows


def visit(booking) -> dict:
	"""The visit a row is for: the booking, its time, purpose and place."""
	return {
		"booking": booking.name,
		"time": clock(booking.start_time),
		"purpose": booking.purpose,
		"location": booking.location,
	}


def renewal_visit_row(booking) -> dict:
	return {
		"place": "—",
		"storage_box": None,
		"storage_position": None,
		"full_name": booking.full_name,
		"full_name_kana": booking.full_name_kana,
		"state": _("Renewal application: nothing to take out"),
		**visit(booking),
	}


def active_bookings(day, location: str | None) -> dict:
	booking = frappe.qb.DocType("Card Booking")
	query = (
		frappe.qb.from_(booking)
		.select(*(booking[field] for field in BOOKING_FIELDS))
		.where((booking.slot_date == day) & booking.workflow_state.isin(booking_states.ACTIVE))
	)
	if location:
		query = query.where(booking.location == location)
	found = {}
	for row in query.run(as_dict=True):
		row.cards = [row.card] if row.card else []
		found[row.name] = row
	if found:
		member = frappe.qb.DocType("Card Booking Member")
		for row in (
			frappe.qb.from_(member)
			.select(member.parent, member.card)
			.where(member.parent.isin(list(found)) & member.card.isnotnull())
			.orderby(member.idx)
		).run(as_dict=True):
			if row.card not in found[row.parent].cards:
				found[row.parent].cards.append(row.card)
	return found


def cards_of(bookings: dict) -> dict:
	names = sorted({name for booking in bookings.values() for name in booking.cards})
	if not names:
		return {}
	card = frappe.qb.DocType("MyNumber Card")
	rows = (
		frappe.qb.from_(card).select(card.name, *(card[f] for f in CARD_FIELDS)).where(card.name.isin(names))
	).run(as_dict=True)
	return {row.name: row for row in rows}
