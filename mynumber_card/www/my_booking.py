"""The resident's own booking, reached only through the signed link in the confirmation."""

import frappe
from frappe import _

from mynumber_card.api.booking import booking_summary
from mynumber_card.booking.links import booking_from_token
from mynumber_card.booking.resident_pages import add_town_frame
from mynumber_card.wording import bring_for

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.title = _("Your booking")
	context.error = None
	context.booking = None
	context.bring = None
	token = frappe.form_dict.get("token") or ""
	try:
		booking = booking_from_token(token)
		context.booking = booking_summary(booking)
		context.bring = bring_for(booking.purpose)
		context.token = token
		context.is_new = bool(frappe.form_dict.get("new"))
	except frappe.PermissionError as error:
		frappe.clear_last_message()
		context.error = str(error)
	add_town_frame(context)
	return context
