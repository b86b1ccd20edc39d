"""The ticket on the resident's phone (/queue-ticket?token=…), opened from the QR on the kiosk's screen
or the printed ticket. No login and no personal data: the number, where and for what, how many are
ahead, the wait, the call. The first state is rendered here; queue_ticket.js keeps it live."""

import frappe

from mynumber_card.booking.resident_pages import add_town_frame
from mynumber_card.counter_queue import alerts, phone, phone_settings, web_push
from mynumber_card.utils.resident_text import mnc_plain

no_cache = 1


@frappe.read_only()  # served from the replica when the site has one
def ticket_context(token: str) -> dict:
	ticket = phone.ticket_from_token(token)
	return {"state": {**phone.view(ticket), "alerts": alerts.channels_of(ticket.name)}}


def get_context(context):
	context.no_cache = 1
	context.title = mnc_plain("番号札")
	context.error = None
	context.state = None
	token = frappe.form_dict.get("token") or ""
	try:
		context.update(ticket_context(token))
		context.token = token
		offer = alerts.offered()
		context.offer = offer
		context.vapid_key = web_push.public_key() if offer["push"] else ""
		context.near = phone_settings.near_threshold()
	except frappe.PermissionError as error:
		frappe.clear_last_message()
		context.error = str(error)
	add_town_frame(context)  # the town's name too
	return context
