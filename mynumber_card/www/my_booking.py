"""The resident's own booking, reached only through the signed link in the confirmation."""

import frappe
from frappe import _

from mynumber_card.api.booking import booking_summary
from mynumber_card.booking.links import booking_from_token
from mynumber_card.booking.resident_pages import add_town_frame

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.title = _("Your booking")
	context.error = None
	context.booking = None
	token = frappe.form_dict.get("token") or ""
	try:
		context.booking = booking_summary(booking_from_token(token))
		context.token = token
		context.is_new = bool(frappe.form_dict.get("new"))
	except frappe.PermissionError as error:
		frappe.clear_last_message()
		context.error = str(error)
	settings = frappe.get_cached_doc("MyNumber Card Settings")
	context.town = settings.town_name
	context.contact_phone = settings.contact_phone
	add_town_frame(context)
	return context
