"""The resident's own link to their booking: signed, expiring the day after the visit."""

from datetime import datetime, time, timedelta

import frappe
from frappe import _
from frappe.utils import get_url, getdate, now_datetime
from frappe.utils.password import get_encryption_key

from mynumber_card.core.signing import ExpiredToken, InvalidToken, make_token, read_token
from mynumber_card.wording import office_name

MANAGE_ROUTE = "my-booking"


def _secret() -> str:
	return get_encryption_key()


def token_for(booking) -> str:
	expires = datetime.combine(getdate(booking.slot_date) + timedelta(days=1), time(23, 59, 59))
	return make_token(booking.name, expires, _secret())


def manage_url(booking) -> str:
	return get_url(f"/{MANAGE_ROUTE}?token={token_for(booking)}")


def booking_from_token(token: str):
	"""The booking the token was made for, or a PermissionError that says why (in plain Japanese)."""
	try:
		name = read_token(token, _secret(), now_datetime())
	except ExpiredToken:
		frappe.throw(
			_("This link has expired. Please call {0}.").format(office_name()), frappe.PermissionError
		)
	except InvalidToken:
		frappe.throw(
			_("This link is not valid. Please open it from your confirmation email."), frappe.PermissionError
		)
	if not frappe.db.exists("Card Booking", name):
		frappe.throw(_("This booking no longer exists."), frappe.PermissionError)
	return frappe.get_doc("Card Booking", name)
