"""Guest endpoints of the resident booking forms. Each is rate-limited, validates on the server and
shows a guest only open slots and their own booking (through its signed link)."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import get_datetime, now_datetime

from mynumber_card import resident_language
from mynumber_card import settings as town_settings
from mynumber_card.booking import places, slot_list_cache
from mynumber_card.booking.links import booking_from_token, check_in_code, token_for
from mynumber_card.booking.open_slots import full_between, open_slots_query
from mynumber_card.core import booking_states as states
from mynumber_card.core.dates import clock
from mynumber_card.resident_language import slot_day_label
from mynumber_card.utils.plain_text import checked_text
from mynumber_card.utils.qr import qr_data_uri
from mynumber_card.wording import office_name

MAX_REASON = 200


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=120, seconds=60)
@frappe.read_only()  # served from the replica when the site has one
def booking_options() -> dict:
	"""What the forms need to start: the purposes on offer and the town's contact (the office's name
	for texts such as "please call 南野市役所")."""
	purposes = frappe.get_all(
		"Booking Purpose",
		filters={"is_active": 1},
		fields=["name", "is_pickup", "description", "what_to_bring"],
		order_by="sort_order asc, name asc",
	)
	settings = town_settings.contact()
	return {
		"purposes": purposes,
		"town": settings.town_name,
		"office": office_name(),
		"contact_phone": settings.contact_phone,
		"office_hours": settings.office_hours,
	}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=120, seconds=60)
@frappe.read_only()  # served from the replica when the site has one
def available_slots(purpose: str) -> list[dict]:
	"""Open slots with room for the purpose inside the booking window, by date. No counts, no names."""
	window = places.booking_window()
	now = now_datetime()
	# the day labels are in the page's language: one list per language
	day_key = f"{now.date()}:{resident_language.current()}"
	offered = slot_list_cache.cached(purpose, day_key, lambda: _open_slots_of_window(purpose, window))
	if offered is None:
		frappe.throw(_("Please choose what the visit is for."), frappe.ValidationError)
	# places left are read live: residents booking all day would otherwise drop the kept list each time
	full = full_between(*window.date_range(now)) if offered else set()
	return window.offered_days(offered, full, now)


def _open_slots_of_window(purpose: str, window) -> list[tuple] | None:
	"""Every open slot of the purpose from today to the window's last day, written for residents, full
	or not; None for a purpose not on offer. Cached, so today's whole window: each request narrows it."""
	if not frappe.db.exists("Booking Purpose", {"name": purpose, "is_active": 1}):
		return None
	now = now_datetime()
	first, last = window.date_range(now)
	slot, query = open_slots_query(get_datetime(now.date()), purpose, with_room=False)
	rows = (
		query.select(slot.name, slot.slot_date, slot.start_time, slot.end_time, slot.location, slot.starts_at)
		.where(slot.slot_date.between(first, last))
		.run(as_dict=True)
	)
	# 令和9年3月21日（日）春分の日: a holiday opening (休日開庁) is named as such
	labels = {day: slot_day_label(day) for day in {row.slot_date for row in rows}}
	return [
		(
			get_datetime(row.starts_at),
			str(row.slot_date),
			labels[row.slot_date],
			{
				"slot": row.name,
				"start": clock(row.start_time),
				"end": clock(row.end_time),
				"location": row.location,
			},
		)
		for row in rows
	]


def booking_summary(booking) -> dict:
	"""What the resident's page shows. The QR (the check-in code) only while the booking can be
	checked in or was: a cancelled booking shows none."""
	shows_qr = booking.workflow_state in (states.CONFIRMED, states.CHECKED_IN)
	return {
		"name": booking.name,
		"state": booking.workflow_state,
		"state_label": _(states.STATE_LABELS_JA.get(booking.workflow_state, booking.workflow_state)),
		"purpose": booking.purpose,
		"date": str(booking.slot_date),
		"date_label": slot_day_label(booking.slot_date),
		"time": clock(booking.start_time),
		"location": booking.location,
		"full_name": booking.full_name,
		"members": [m.full_name for m in booking.members],
		"qr": qr_data_uri(check_in_code(booking)) if shows_qr else None,
		"can_change": booking.workflow_state == states.CONFIRMED,
	}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=60, seconds=60)
def get_booking(token: str) -> dict:
	return booking_summary(booking_from_token(token))


def _changeable(token: str):
	booking = booking_from_token(token)
	if booking.workflow_state != states.CONFIRMED:
		frappe.throw(
			_("This booking can no longer be changed. Please call {0}.").format(office_name()),
			frappe.ValidationError,
		)
	return booking


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def cancel_booking(token: str, reason: str | None = None) -> dict:
	booking = _changeable(token)
	reason = checked_text(
		reason, _("Reason for Cancelling"), MAX_REASON, frappe.ValidationError, multiline=True
	)
	booking.workflow_state = states.CANCELLED
	booking.cancel_reason = reason or _("Cancelled by the resident")
	booking.flags.system_transition = True
	booking.save(ignore_permissions=True)
	return booking_summary(booking)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
def reschedule_booking(token: str, slot: str) -> dict:
	booking = _changeable(token)
	if not isinstance(slot, str) or not frappe.db.exists("Booking Slot", slot):
		frappe.throw(
			_("The chosen time is no longer offered. Please choose another."), frappe.ValidationError
		)
	booking.slot = slot
	booking.flags.system_transition = True
	booking.save(ignore_permissions=True)
	# The move revoked the resident's link: the page goes on with the new one. When the booking's
	# messages were sent a moment ago, the mail with the new time and link waits (notify's pacing).
	return {
		**booking_summary(booking),
		"token": token_for(booking),
		"mail_held": bool(booking.change_mail_held),
	}
