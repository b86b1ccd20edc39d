"""Scheduled booking jobs: reminders the day before, no-shows after the slot has ended.

Each booking is handled on its own: one that fails is rolled back and named in the Error Log, and
the others are still done."""

from functools import partial

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, today

from mynumber_card import settings
from mynumber_card.booking import notify
from mynumber_card.core import booking_states as states
from mynumber_card.utils.isolated import run_isolated

NO_SHOW_GRACE_MINUTES = 30
BOOKING = "Card Booking"


def reminder_days_before() -> int:
	"""The setting as the town set it (0: on the day of the visit); its JSON default when never set."""
	return max(settings.get_int("reminder_days_before"), 0)


def send_reminders(on=None) -> list[str]:
	"""Bookings reminded; a booking whose reminder fails is logged and tried again the next run."""
	target = add_days(on or today(), reminder_days_before())
	names = frappe.get_all(
		BOOKING,
		filters={"slot_date": target, "workflow_state": states.CONFIRMED, "reminder_sent": 0},
		pluck="name",
	)
	return [name for name in names if run_isolated("Booking reminder", BOOKING, name, partial(_remind, name))]


def _remind(name: str):
	booking = frappe.get_doc(BOOKING, name)
	notify.send_reminder(booking)
	booking.db_set("reminder_sent", 1, update_modified=False)


def mark_no_shows(now=None) -> list[str]:
	"""Confirmed bookings whose slot ended a while ago become No-show, giving pickup cards back."""
	cutoff = add_to_date(now or now_datetime(), minutes=-NO_SHOW_GRACE_MINUTES)
	booking = frappe.qb.DocType(BOOKING)
	slot = frappe.qb.DocType("Booking Slot")
	names = (
		frappe.qb.from_(booking)
		.join(slot)
		.on(slot.name == booking.slot)
		.select(booking.name)
		.where((booking.workflow_state == states.CONFIRMED) & (slot.ends_at < cutoff))
	).run(pluck=True)
	return [name for name in names if run_isolated("Booking no-show", BOOKING, name, partial(_no_show, name))]


def _no_show(name: str):
	doc = frappe.get_doc(BOOKING, name)
	doc.workflow_state = states.NO_SHOW
	doc.flags.system_transition = True  # the system's move, checked against the booking table
	doc.save(ignore_permissions=True)
