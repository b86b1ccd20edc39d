"""The reception kiosk's endpoints, the only ones its role may call: check a booking in by its QR
code, or take a walk-in ticket. What they return is shown on a screen residents see, so it holds no
personal data: the ticket number, the purpose and the wait.

The QR holds the booking's signed check-in code (booking.links); a bare booking number, which anyone
could count through, is not taken here (staff may type one at the counter's scanner). Whatever is
wrong with a code, the kiosk says the same, so that it never tells whether a booking exists."""

import functools

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate, now_datetime

from mynumber_card import settings
from mynumber_card.api.scanner import MAX_CODE, scan_rules
from mynumber_card.booking.links import booking_for_check_in
from mynumber_card.core import barcodes, booking_states
from mynumber_card.core import queue as q
from mynumber_card.core.dates import clock, wareki
from mynumber_card.core.furigana import ruby_segments
from mynumber_card.counter_queue import figures, phone, tickets
from mynumber_card.counter_queue.check_in import AlreadyCheckedIn, CheckInRefused
from mynumber_card.counter_queue.check_in import check_in as check_booking_in
from mynumber_card.counter_queue.offices import choices, office_for
from mynumber_card.resident_language import date_label
from mynumber_card.roles import only_kiosk

BOOKING = "Card Booking"
# rate_limit counts per address and this form key, which kiosk_call sets from the session: two
# kiosks behind one address (a town hall's NAT) keep their own counts, and no request can pick one.
KIOSK_KEY = "_mnc_kiosk_user"
CALLS_PER_MINUTE = 30  # a resident a minute at a busy entrance, with room for misreads


def kiosk_call(method):
	"""The kiosk's endpoints: its own role only (or staff standing in for it), rate limited per kiosk.
	The limit's key is set from the session before rate_limit reads it, so no request can pick one."""
	limited = rate_limit(key=KIOSK_KEY, limit=CALLS_PER_MINUTE, seconds=60)(method)

	@functools.wraps(method)
	def keyed(*args, **kwargs):
		only_kiosk()
		frappe.form_dict[KIOSK_KEY] = frappe.session.user
		return limited(*args, **kwargs)

	return keyed


def not_a_valid_code() -> dict:
	"""The one answer for a forged, outdated or unknown code, or one of a booking that is gone."""
	return refused(_("This QR code cannot be used. Please see a clerk."))


def refused(message: str) -> dict:
	return {"ok": False, "result": "Refused", "message": message, "ticket": None}


def ticket_view(doc, booked_time=None) -> dict:
	view = {
		"number": doc.number,
		"kind": doc.kind,
		"kind_label": q.KIND_LABELS_JA.get(doc.kind, doc.kind),
		"purpose": doc.purpose,
		"office": doc.location,
		"state": doc.state,
		"state_label": q.STATE_LABELS_JA.get(doc.state, doc.state),
		"late": bool(doc.late),
		"date_label": date_label(doc.ticket_date),  # 和暦, or the Western calendar in another language
		"checked_in": clock(doc.checked_in_at),
		"booked_time": clock(booked_time) or None,
	}
	# the ticket on the phone: the QR of its signed link, good today only (counter_queue/phone.py)
	return {**view, **figures.estimate(doc), "phone_qr": phone.ticket_qr(doc)}


@frappe.whitelist(methods=["GET"])
@kiosk_call
def start(office: str | None = None) -> dict:
	"""What the kiosk shows before anyone comes: the purposes to pick, with furigana, and the office it
	stands in (set by the page's ?office= parameter; a town of one office sets nothing)."""
	office = office_for(office)
	purposes = frappe.get_all(
		"Booking Purpose", filters={"is_active": 1}, pluck="name", order_by="sort_order asc, name asc"
	)
	return {
		"purposes": [{"name": p, "ruby": ruby_segments(p)} for p in purposes],
		"town": settings.town_name(),
		"office": office,
		**choices(),
	}


@frappe.whitelist(methods=["POST"])
@kiosk_call
def check_in(code: str, office: str | None = None) -> dict:
	"""The resident shows the confirmation QR: the booking's check-in code."""
	office = office_for(office)
	scan = barcodes.classify((code or "")[:MAX_CODE], scan_rules())
	if scan.message_key == "individual_number":  # the card's own QR: refused unread, as the scanner does
		return refused(
			_(
				"This is your Individual Number (My Number): it is not read or kept. Please show the QR code of your booking confirmation."
			)
		)
	if not scan.ok or scan.kind != barcodes.CHECK_IN_CODE:  # a booking number too: never looked up
		return refused(_("Please show the QR code of your booking confirmation."))
	booking = booking_for_check_in(scan.value)
	if not booking:
		return not_a_valid_code()
	# A current, signed code: its holder was sent this booking, and the day is on their own mail.
	if booking.workflow_state == booking_states.CONFIRMED and getdate(booking.slot_date) != getdate(
		now_datetime()
	):
		return refused(
			_("Your booking is for {0}. Please see a clerk.").format(
				wareki(getdate(booking.slot_date), with_weekday=True)
			)
		)
	try:
		doc = check_booking_in(booking, by_staff=False, office=office)
	except AlreadyCheckedIn as already:
		if already.ticket:
			return answer(already.ticket, booking, "Repeated", _("You are already checked in."))
		return refused(_("This booking cannot be checked in. Please see a clerk."))
	except CheckInRefused as refusal:
		if refusal.key == "too_early":
			return refused(
				_("Check-in opens at {0}. Please wait a little and show the code again.").format(
					clock(refusal.opens_at)
				)
			)
		if refusal.key == "booked_elsewhere":
			return refused(refusal.message)
		return refused(_("This booking cannot be checked in. Please see a clerk."))
	if doc.state == q.TO_STAFF:
		message = _("You came after your booked time. Please see a clerk at the reception.")
	elif doc.late:
		message = _("You came after your booked time: you will be called after those already waiting.")
	else:
		message = _("Checked in. Please wait until your number is called.")
	return answer(doc, booking, "OK", message)


def answer(doc, booking, result: str, message: str) -> dict:
	return {
		"ok": True,
		"result": result,
		"message": message,
		"ticket": ticket_view(doc, booked_time=booking.start_time),
	}


@frappe.whitelist(methods=["POST"])
@kiosk_call
def walk_in(purpose: str, office: str | None = None) -> dict:
	"""A resident without a booking picks the purpose and gets a ticket for the kiosk's office."""
	office = office_for(office)
	if not purpose or not frappe.db.get_value("Booking Purpose", {"name": purpose, "is_active": 1}):
		frappe.throw(_("Please choose what the visit is for."), tickets.QueueRefused)
	doc = tickets.issue(q.WALK_IN, purpose, office=office)
	return {
		"ok": True,
		"result": "OK",
		"message": _("Here is your number. Please wait until it is called."),
		"ticket": ticket_view(doc),
	}
