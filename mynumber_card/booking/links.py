"""The resident's own link to their booking, and the check-in code of its QR: both signed, both made
for the booking's current link version (core.signing). Cancelling or moving the booking raises the
version, so every link and code mailed before stops working; the newest mail holds the valid ones."""

from datetime import datetime, time, timedelta

import frappe
from frappe import _
from frappe.utils import cint, get_url, getdate, now_datetime
from frappe.utils.password import get_encryption_key

from mynumber_card.core import booking_states as states
from mynumber_card.core.signing import (
	ExpiredToken,
	InvalidToken,
	make_check_in_code,
	make_token,
	read_check_in_code,
	read_link,
)
from mynumber_card.wording import office_name

MANAGE_ROUTE = "my-booking"
BOOKING = "Card Booking"


def _secret() -> str:
	return get_encryption_key()


def token_for(booking) -> str:
	expires = datetime.combine(getdate(booking.slot_date) + timedelta(days=1), time(23, 59, 59))
	return make_token(booking.name, expires, _secret(), version=cint(booking.link_version))


def manage_url(booking) -> str:
	return get_url(f"/{MANAGE_ROUTE}?token={token_for(booking)}")


def check_in_code(booking) -> str:
	"""What the confirmation's QR holds: good at the kiosk on the visit day only."""
	return make_check_in_code(booking.name, cint(booking.link_version), getdate(booking.slot_date), _secret())


def revoke_links(booking):
	"""Called while a cancel or a move is saved: the links and codes sent so far stop working."""
	booking.link_version = cint(booking.link_version) + 1


def booking_from_token(token: str):
	"""The booking the token was made for, or a PermissionError that says why (in plain Japanese)."""
	try:
		claims = read_link(token, _secret(), now_datetime())
	except ExpiredToken:
		frappe.throw(
			_("This link has expired. Please call {0}.").format(office_name()), frappe.PermissionError
		)
	except InvalidToken:
		frappe.throw(
			_("This link is not valid. Please open it from your confirmation email."), frappe.PermissionError
		)
	if not frappe.db.exists(BOOKING, claims.name):
		frappe.throw(_("This booking no longer exists."), frappe.PermissionError)
	booking = frappe.get_doc(BOOKING, claims.name)
	if claims.version != cint(booking.link_version):
		# The signature proves the holder was sent this booking's link: saying what became of it
		# tells them nothing they could not ask for.
		if booking.workflow_state == states.CANCELLED:
			frappe.throw(
				_("This booking has been cancelled, so this link can no longer be used."),
				frappe.PermissionError,
			)
		frappe.throw(
			_(
				"This booking has been changed, so this link can no longer be used. Please open the link in the newest email about your booking."
			),
			frappe.PermissionError,
		)
	return booking


def booking_for_check_in(code: str, for_update: bool = True):
	"""The booking a check-in code was made for, locked, when the code is signed by this site and
	still current (its version and day are the booking's); None otherwise, with no word of why: a
	booking that does not exist and a code that is forged or outdated look the same."""
	try:
		claims = read_check_in_code(code, _secret())
	except InvalidToken:
		return None
	if not frappe.db.exists(BOOKING, claims.name):
		return None
	booking = frappe.get_doc(BOOKING, claims.name, for_update=for_update)
	if claims.version != cint(booking.link_version) or claims.day != getdate(booking.slot_date):
		return None
	return booking
