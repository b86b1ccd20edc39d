"""The residents' side of the counter queue, open to guests: the ticket on the phone (reached only by the
signed, day-bound link in the ticket's QR), the call-back it may ask for, and the public waits.
Numbers and states only; the phone or mail a resident types is kept until the ticket ends.

Rate limits: the ticket page asks every 2–10 s without a socket, so its read is limited per address and
ticket (phones behind one address, a hall's Wi-Fi or a carrier's NAT, keep their own counts) and, much
higher, per address (forged links cost a signature check each, never a read)."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from mynumber_card.counter_queue import alerts, phone, waits


def _ticket_view(ticket) -> dict:
	return {**phone.view(ticket), "alerts": alerts.channels_of(ticket.name)}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=1200, seconds=60)
@rate_limit(key="token", limit=60, seconds=60)
@frappe.read_only()  # served from the replica when the site has one
def ticket(token: str) -> dict:
	return _ticket_view(phone.ticket_from_token(token))


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=600)
@rate_limit(key="token", limit=10, seconds=600)
def subscribe_push(token: str, subscription: str) -> dict:
	"""The phone's Web Push subscription (PushSubscription.toJSON() as JSON) for this ticket."""
	doc = phone.ticket_from_token(token)
	alerts.subscribe_push(doc, subscription)
	return {"alerts": alerts.channels_of(doc.name), "message": _("This phone will be told.")}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=600)
@rate_limit(key="token", limit=10, seconds=600)
def subscribe_contact(token: str, channel: str, value: str) -> dict:
	"""An SMS number or a mail address for this ticket (channel SMS or Email)."""
	doc = phone.ticket_from_token(token)
	alerts.subscribe_contact(doc, channel, value)
	return {"alerts": alerts.channels_of(doc.name), "message": _("You will be told.")}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=60, seconds=600)
@rate_limit(key="token", limit=10, seconds=600)
def unsubscribe(token: str) -> dict:
	doc = phone.ticket_from_token(token)
	alerts.unsubscribe(doc)
	return {"alerts": [], "message": _("You will not be told. The phone number or address was deleted.")}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=120, seconds=60)
@frappe.read_only()  # served from the replica when the site has one
def waits_state() -> dict:
	return waits.state()
