"""Desk helpers for staff bookings."""

import frappe
from frappe.utils import now_datetime

from mynumber_card.booking.open_slots import open_slots_query
from mynumber_card.core.dates import clock, wareki


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def open_slots(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for the slot field: future open slots with room for the purpose."""
	frappe.has_permission("Booking Slot", "read", throw=True)
	slot, query = open_slots_query(now_datetime(), filters.get("purpose"))
	query = (
		query.select(
			slot.name, slot.slot_date, slot.start_time, slot.location, slot.capacity, slot.booked_count
		)
		.limit(page_len)
		.offset(start)
	)
	if txt:
		query = query.where(slot.slot_date.like(f"%{txt}%") | slot.location.like(f"%{txt}%"))
	return [
		(
			row[0],
			f"{wareki(row[1], with_weekday=True)} {clock(row[2])}",
			f"{row[3]} {row[5]}/{row[4]}",
		)
		for row in query.run()
	]


@frappe.whitelist()
def slot_bookings(slot: str) -> list[dict]:
	"""The residents booked in a slot, for staff to contact when it closes."""
	from mynumber_card.booking.slot_calendar import bookings_to_contact

	frappe.has_permission("Card Booking", "read", throw=True)
	return bookings_to_contact([slot])
