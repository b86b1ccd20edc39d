"""Which slots can still take a booking: not closed, a place left, not begun, and serving the purpose.
The residents' form and the staff's slot search both ask here, so the two never disagree on what is
open; each then narrows to its own window (residents: the booking window; staff: any future time)."""

from datetime import date, datetime

import frappe


def open_slots_query(starts_from: datetime, purpose: str | None = None, with_room: bool = True):
	"""A frappe.qb query on Booking Slot, earliest first; the caller selects the fields it shows.
	with_room=False leaves out the places left, for a list kept while places are taken (see `full_between`)."""
	slot = frappe.qb.DocType("Booking Slot")
	query = (
		frappe.qb.from_(slot)
		.where((slot.is_closed == 0) & (slot.starts_at >= starts_from))
		.orderby(slot.starts_at)
		.orderby(slot.location)
	)
	if with_room:
		query = query.where(has_room(slot))
	if purpose:
		served = frappe.qb.DocType("Booking Slot Purpose")
		query = query.where(
			slot.name.isin(frappe.qb.from_(served).select(served.parent).where(served.purpose == purpose))
		)
	return slot, query


def has_room(slot):
	return slot.booked_count < slot.capacity


def full_between(first: date, last: date) -> set[str]:
	"""The slots of these days with no place left now: few, and one indexed read."""
	slot = frappe.qb.DocType("Booking Slot")
	query = frappe.qb.from_(slot).select(slot.name)
	return set(query.where(slot.slot_date.between(first, last) & ~has_room(slot)).run(pluck=True))
