"""Places in a slot. The capacity check and the count change happen in one transaction under a
row lock on the slot (SELECT … FOR UPDATE), so twenty residents clicking at once cannot overbook
a slot of two: each waits for the lock, then sees the count the previous one left."""

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from mynumber_card import settings
from mynumber_card.core.slots import BookingWindow

SLOT = "Booking Slot"


class SlotFullError(frappe.ValidationError):
	pass


class SlotUnavailableError(frappe.ValidationError):
	pass


def booking_window() -> BookingWindow:
	"""0 is a town's choice here: bookable only today, or until the slot starts."""
	values = settings.values("booking_opens_days_ahead", "booking_closes_hours_before")
	return BookingWindow(
		opens_days_ahead=max(cint(values.booking_opens_days_ahead), 0),
		closes_hours_before=max(cint(values.booking_closes_hours_before), 0),
	)


def lock_slot(slot_name: str, purpose: str | None = None) -> dict:
	"""The slot's row, locked; with a purpose, `offers_purpose` says whether the slot is for it."""
	slot = frappe.qb.DocType(SLOT)
	query = (
		frappe.qb.from_(slot)
		.select(slot.name, slot.capacity, slot.booked_count, slot.is_closed, slot.starts_at)
		.where(slot.name == slot_name)
		.for_update()
	)
	if purpose:
		offered = frappe.qb.DocType("Booking Slot Purpose")
		query = (
			query.left_join(offered)
			.on((offered.parent == slot.name) & (offered.purpose == purpose))
			.select(offered.name.isnotnull().as_("offers_purpose"))
		)
	rows = query.run(as_dict=True)
	if not rows:
		frappe.throw(_("The chosen time is no longer offered. Please choose another."), SlotUnavailableError)
	return rows[0]


def reserve_place(slot_name: str, purpose: str, check_window: bool = True):
	"""Take one place in the slot, or refuse with a clear message. Call inside the booking's transaction.
	Staff (check_window=False) may book inside the closing hours, but never a slot that has begun."""
	row = lock_slot(slot_name, purpose)
	if row.is_closed:
		frappe.throw(_("The chosen time is closed. Please choose another."), SlotUnavailableError)
	if not row.offers_purpose:
		frappe.throw(
			_("The chosen time is not for this purpose. Please choose another."), SlotUnavailableError
		)
	starts_at, now = get_datetime(row.starts_at), now_datetime()
	if starts_at < now:
		frappe.throw(_("The chosen time has already passed."), SlotUnavailableError)
	if check_window and not booking_window().contains(starts_at, now):
		frappe.throw(
			_(
				"The chosen time cannot be booked now: bookings open and close at set times. Please choose another."
			),
			SlotUnavailableError,
		)
	if row.booked_count >= row.capacity:
		frappe.throw(
			_("Sorry, the chosen time is full. Please choose another."), SlotFullError, title=_("Full")
		)
	_add(slot_name, 1)


def release_place(slot_name: str):
	row = lock_slot(slot_name)
	if row.booked_count > 0:
		_add(slot_name, -1)


def _add(slot_name: str, step: int):
	slot = frappe.qb.DocType(SLOT)
	frappe.qb.update(slot).set(slot.booked_count, slot.booked_count + step).where(
		slot.name == slot_name
	).run()
