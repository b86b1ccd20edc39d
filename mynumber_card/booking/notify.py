"""Confirmation and reminder for residents, through Frappe's Email Queue (and SMS Settings)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate

from mynumber_card.booking.links import manage_url
from mynumber_card.core.dates import clock, wareki
from mynumber_card.utils.qr import png_data_uri, qr_png
from mynumber_card.wording import bring_for, office_name


def booking_context(booking) -> dict:
	settings = frappe.get_cached_doc("MyNumber Card Settings")
	location = frappe.get_cached_doc("Booking Location", booking.location) if booking.location else None
	purpose = frappe.get_cached_doc("Booking Purpose", booking.purpose)
	return {
		"booking": booking,
		"date_text": wareki(getdate(booking.slot_date), with_weekday=True),
		"time_text": clock(booking.start_time),
		"location": location,
		"purpose": purpose,
		"bring": bring_for(purpose),
		"settings": settings,
		"office": office_name(),
		"manage_url": manage_url(booking),
		"members": [m.full_name for m in booking.members],
	}


def queue_confirmation(booking, rescheduled: bool = False):
	"""The mail and SMS are built by a worker once the booking is committed, so the resident's request
	only books (and a rolled-back booking sends nothing). Tests send at once."""
	frappe.enqueue(
		CONFIRMATION_JOB,
		queue="short",
		booking=booking.name,
		rescheduled=rescheduled,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)


def send_queued_confirmation(booking: str, rescheduled: bool = False):
	# Anonymised or deleted before the worker came to it: nothing to send.
	if frappe.db.exists("Card Booking", booking):
		send_confirmation(frappe.get_doc("Card Booking", booking), rescheduled)


CONFIRMATION_JOB = f"{__name__}.{send_queued_confirmation.__name__}"


def send_confirmation(booking, rescheduled: bool = False):
	"""Queue the confirmation. A mail problem never undoes the booking; staff see it in the error log."""
	try:
		_send_confirmation(booking, rescheduled)
	except Exception:
		frappe.log_error(title=f"Booking confirmation not queued: {booking.name}")


def _send_confirmation(booking, rescheduled: bool):
	context = booking_context(booking)
	if booking.email and has_outgoing_email():
		subject = (
			_("Your visit is booked: {0} {1}") if not rescheduled else _("Your booking was changed: {0} {1}")
		)
		png = qr_png(booking.name, scale=6)
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
	send_sms(booking, _("{0}: booking {1} on {2} {3}. Change or cancel: {4}"), context)


def has_outgoing_email() -> bool:
	from frappe.email.doctype.email_account.email_account import EmailAccount

	return bool(EmailAccount.find_outgoing(_raise_error=False))


def send_reminder(booking):
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
	send_sms(booking, _("{0}: reminder of booking {1} on {2} {3}. Change or cancel: {4}"), context)


def send_sms(booking, template: str, context: dict):
	if not booking.phone or not cint(context["settings"].send_sms):
		return
	if not frappe.db.get_single_value("SMS Settings", "sms_gateway_url"):
		return
	message = template.format(
		context["settings"].town_name or "",
		booking.name,
		context["date_text"],
		context["time_text"],
		context["manage_url"],
	)
	frappe.enqueue(
		"frappe.core.doctype.sms_settings.sms_settings.send_sms",
		receiver_list=[booking.phone],
		msg=message,
		success_msg=False,
		enqueue_after_commit=True,
	)
