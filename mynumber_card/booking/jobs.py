"""Scheduled booking jobs: reminders the day before, no-shows after the slot has ended."""

import frappe
from frappe.utils import add_days, add_to_date, cint, now_datetime, today

from mynumber_card.booking import notify
from mynumber_card.core import booking_states as states

NO_SHOW_GRACE_MINUTES = 30


def send_reminders(on=None) -> list[str]:
	days = cint(frappe.db.get_single_value("MyNumber Card Settings", "reminder_days_before") or 1)
	target = add_days(on or today(), days)
	names = frappe.get_all(
		"Card Booking",
		filters={"slot_date": target, "workflow_state": states.CONFIRMED, "reminder_sent": 0},
		pluck="name",
	)
	for name in names:
		booking = frappe.get_doc("Card Booking", name)
		notify.send_reminder(booking)
		booking.db_set("reminder_sent", 1, update_modified=False)
	return names


def mark_no_shows(now=None) -> list[str]:
	"""Confirmed bookings whose slot ended a while ago become No-show, giving pickup cards back."""
	cutoff = add_to_date(now or now_datetime(), minutes=-NO_SHOW_GRACE_MINUTES)
	booking = frappe.qb.DocType("Card Booking")
	slot = frappe.qb.DocType("Booking Slot")
	names = (
		frappe.qb.from_(booking)
		.join(slot)
		.on(slot.name == booking.slot)
		.select(booking.name)
		.where((booking.workflow_state == states.CONFIRMED) & (slot.ends_at < cutoff))
	).run(pluck=True)
	for name in names:
		doc = frappe.get_doc("Card Booking", name)
		doc.workflow_state = states.NO_SHOW
		doc.flags.system_transition = True  # the system's move, checked against the booking table
		doc.save(ignore_permissions=True)
	return names
