"""Confirmation and reminder for residents, through Frappe's Email Queue (and SMS Settings).

No message names the resident in its subject or its SMS text (a lock screen shows both); the mail's
body is escaped by its template. A changed booking's messages are paced (core.message_pacing)."""

from functools import partial

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime

from mynumber_card import settings
from mynumber_card.booking.links import check_in_code, manage_url
from mynumber_card.core import booking_states as states
from mynumber_card.core.dates import clock
from mynumber_card.core.message_pacing import held_back_due, may_send
from mynumber_card.resident_language import date_label
from mynumber_card.utils.isolated import log_job_error, run_isolated
from mynumber_card.utils.qr import png_data_uri, qr_png
from mynumber_card.wording import bring_for, office_name, residents_language

BOOKING = "Card Booking"


def booking_context(booking) -> dict:
	town = settings.values(*settings.CONTACT_FIELDS, "send_sms")
	location = frappe.get_cached_doc("Booking Location", booking.location) if booking.location else None
	purpose = frappe.get_cached_doc("Booking Purpose", booking.purpose)
	return {
		"booking": booking,
		"date_text": date_label(booking.slot_date),
		"time_text": clock(booking.start_time),
		"location": location,
		"purpose": purpose,
		"bring": bring_for(purpose),
		"settings": town,
		"office": office_name(),
		"manage_url": manage_url(booking),
		# what the QR holds: the check-in code, good at the kiosk on the visit day only
		"check_in_code": check_in_code(booking),
		"members": [m.full_name for m in booking.members],
	}


def change_mail_minutes() -> int:
	return max(settings.get_int("change_mail_minutes"), 0)


def queue_confirmation(booking, rescheduled: bool = False) -> bool:
	"""The mail and SMS are built by a worker once the booking is committed, so the resident's request
	only books (and a rolled-back booking sends nothing). Tests send at once.

	A change inside the pacing interval after the last message is held back (False): the booking is
	marked, and send_held_changes sends its newest state when the interval is up."""
	now = now_datetime()
	if rescheduled and not may_send(
		booking.last_mail_at and get_datetime(booking.last_mail_at), now, change_mail_minutes()
	):
		_stamp(booking, change_mail_held=1)
		return False
	frappe.enqueue(
		CONFIRMATION_JOB,
		queue="short",
		booking=booking.name,
		rescheduled=rescheduled,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)
	_stamp(booking, last_mail_at=now, change_mail_held=0)
	return True


def _stamp(booking, **values):
	# Not a save: the booking's own save (or insert) is under way, and these fields are the
	# server's (CardBooking.keep_server_fields), so no stale form can write them back.
	booking.update(values)
	frappe.db.set_value(BOOKING, booking.name, values, update_modified=False)


def send_held_changes(now=None) -> list[str]:
	"""The scheduler's frequent run ("all"): the bookings whose change message was held back and whose
	interval is up get their newest state. A booking no longer confirmed (cancelled meanwhile) gets
	nothing."""
	booking = frappe.qb.DocType(BOOKING)
	names = (
		frappe.qb.from_(booking)
		.select(booking.name)
		.where(
			(booking.change_mail_held == 1)
			& (
				booking.last_mail_at.isnull()
				| (booking.last_mail_at <= held_back_due(now or now_datetime(), change_mail_minutes()))
			)
		)
	).run(pluck=True)
	return [
		name
		for name in names
		if run_isolated("Held booking change", BOOKING, name, partial(_send_held_change, name))
	]


def _send_held_change(name: str):
	booking = frappe.get_doc(BOOKING, name, for_update=True)
	if not booking.change_mail_held:  # another run sent it while this one waited for the lock
		return
	if booking.workflow_state != states.CONFIRMED:
		_stamp(booking, change_mail_held=0)
		return
	booking.last_mail_at = None  # the interval is up: this one goes
	queue_confirmation(booking, rescheduled=True)


def send_queued_confirmation(booking: str, rescheduled: bool = False):
	# Anonymised or deleted before the worker came to it: nothing to send.
	if frappe.db.exists("Card Booking", booking):
		send_confirmation(frappe.get_doc("Card Booking", booking), rescheduled)


CONFIRMATION_JOB = f"{__name__}.{send_queued_confirmation.__name__}"


def send_confirmation(booking, rescheduled: bool = False):
	"""Queue the confirmation. A mail problem never undoes the booking; staff see it in the error log."""
	try:
		with residents_language(booking.get("resident_language")):
			_send_confirmation(booking, rescheduled)
	except Exception:
		# without the traceback's local variables: they hold the resident's name, phone and link
		log_job_error("Booking confirmation not queued", booking.doctype, booking.name)


def _send_confirmation(booking, rescheduled: bool):
	context = booking_context(booking)
	if booking.email and has_outgoing_email():
		subject = (
			_("Your visit is booked: {0} {1}") if not rescheduled else _("Your booking was changed: {0} {1}")
		)
		png = qr_png(context["check_in_code"], scale=6)
		frappe.sendmail(
			recipients=[booking.email],
			subject=subject.format(context["date_text"], context["time_text"]),
			template="booking_confirmation",
			args={**context, "rescheduled": rescheduled, "qr_data_uri": png_data_uri(png)},
			attachments=[{"fname": f"{booking.name}.png", "fcontent": png}],
			reference_doctype=booking.doctype,
			reference_name=booking.name,
			header=[_("MyNumber Card booking"), "blue"],
		)
	send_sms(booking, confirmation_sms(), context)


def confirmation_sms() -> str:
	return _("{0}: booking {1} on {2} {3}. Change or cancel: {4}")


def reminder_sms() -> str:
	return _("{0}: reminder of booking {1} on {2} {3}. Change or cancel: {4}")


def has_outgoing_email() -> bool:
	from frappe.email.doctype.email_account.email_account import EmailAccount

	return bool(EmailAccount.find_outgoing(_raise_error=False))


def send_reminder(booking):
	with residents_language(booking.get("resident_language")):
		_send_reminder(booking)


def _send_reminder(booking):
	context = booking_context(booking)
	if booking.email and has_outgoing_email():
		frappe.sendmail(
			recipients=[booking.email],
			subject=_("Reminder: your visit on {0} {1}").format(context["date_text"], context["time_text"]),
			template="booking_reminder",
			args=context,
			reference_doctype=booking.doctype,
			reference_name=booking.name,
			header=[_("MyNumber Card booking"), "blue"],
		)
	send_sms(booking, reminder_sms(), context)


def send_sms(booking, template: str, context: dict):
	if not booking.phone or not cint(context["settings"].send_sms):
		return
	if not frappe.db.get_single_value("SMS Settings", "sms_gateway_url"):
		return
	frappe.enqueue(
		"frappe.core.doctype.sms_settings.sms_settings.send_sms",
		receiver_list=[booking.phone],
		msg=sms_text(booking, template, context),
		success_msg=False,
		enqueue_after_commit=True,
	)


def sms_text(booking, template: str, context: dict) -> str:
	"""The town, the booking number, the time and the link: never the resident's name."""
	return template.format(
		context["settings"].town_name or "",
		booking.name,
		context["date_text"],
		context["time_text"],
		context["manage_url"],
	)
