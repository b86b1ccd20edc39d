"""Which slots can still take a booking: not closed, a place left, not begun, and serving the purpose.
The residents' form and the staff's slot search both ask here, so the two never disagree on what is
open; each then narrows to its own window (residents: the booking window; staff: any future time)."""

from datetime import datetime

import frappe


def open_slots_query(starts_from: datetime, purpose: str | None = None):
	"""A frappe.qb query on Booking Slot, earliest first; the caller selects the fields it shows."""
	slot = frappe.qb.DocType("Booking Slot")
	query = (
		frappe.qb.from_(slot)
		.where((slot.is_closed == 0) & (slot.booked_count < slot.capacity) & (slot.starts_at >= starts_from))
		.orderby(slot.starts_at)
		.orderby(slot.location)
	)
	if purpose:
		served = frappe.qb.DocType("Booking Slot Purpose")
		query = query.where(
			slot.name.isin(frappe.qb.from_(served).select(served.parent).where(served.purpose == purpose))
		)
	return slot, query
