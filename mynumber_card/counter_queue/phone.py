"""The ticket on the resident's phone (/queue-ticket): the signed link in the ticket's QR, good on the
ticket's day only, and what the page shows: the number, where and for what, how many are ahead, the
estimated wait, and the counter once called, with the name of its realtime room (counter_queue/line.py).
A ticket holds no personal data, and neither does this."""

import frappe
from frappe import _
from frappe.utils import get_url, getdate, now_datetime
from frappe.utils.password import get_encryption_key

from mynumber_card import settings
from mynumber_card.core import queue as q
from mynumber_card.core import queue_phone
from mynumber_card.core.signing import ExpiredToken, InvalidToken, make_ticket_token, read_ticket_token
from mynumber_card.counter_queue import figures, line, phone_settings
from mynumber_card.counter_queue.tickets import TICKET
from mynumber_card.resident_language import date_label
from mynumber_card.utils.qr import qr_data_uri
from mynumber_card.wording import office_name

ROUTE = "queue-ticket"
FIELDS = [
	"name",
	"number",
	"state",
	"purpose",
	"booking",
	"counter",
	"ticket_date",
	"queue_key",
	"creation",
	"last_called_at",
]
# Where a ticket waits: its own office once Queue Ticket carries one (several offices, issue 23 point
# 4), until then the office of its booking, else the town's office.
LOCATION_FIELD = "location"


class TicketLinkRefused(frappe.PermissionError):
	pass


def token_for(doc) -> str:
	return make_ticket_token(doc.name, getdate(doc.ticket_date), get_encryption_key())


def ticket_url(doc) -> str:
	return get_url(f"/{ROUTE}?token={token_for(doc)}")


def ticket_qr(doc) -> str:
	"""The QR of the ticket's link as a data: URI, for the kiosk's screen and its printed receipt."""
	return qr_data_uri(ticket_url(doc), scale=4)


def fields() -> list[str]:
	has_location = frappe.get_meta(TICKET).has_field(LOCATION_FIELD)
	return [*FIELDS, LOCATION_FIELD] if has_location else FIELDS


def ticket_from_token(token: str):
	"""The ticket's fields the page needs, or TicketLinkRefused saying why in plain Japanese."""
	try:
		name = read_ticket_token(token, get_encryption_key(), getdate(now_datetime()))
	except ExpiredToken:
		frappe.throw(
			_("This ticket was for another day. Please take a new ticket at the reception."),
			TicketLinkRefused,
		)
	except InvalidToken:
		name = None
	ticket = frappe.db.get_value(TICKET, name, fields(), as_dict=True) if name else None
	if not ticket:
		frappe.throw(
			_("This link cannot be used. Please open it from the QR code on your ticket."), TicketLinkRefused
		)
	return ticket


def place_of(ticket) -> str:
	location = ticket.get(LOCATION_FIELD)
	if not location and ticket.booking:
		location = frappe.db.get_value("Card Booking", ticket.booking, "location")
	return location or office_name()


def view(ticket) -> dict:
	"""What the ticket page shows and its script keeps up to date."""
	rules = settings.queue_rules()
	near = phone_settings.near_threshold()
	ahead = minutes = None
	counters = rules.counters
	if ticket.state == q.WAITING:
		purposes = figures.ahead_of(ticket)
		counters = figures.open_counters(rules, ticket.get(LOCATION_FIELD))
		ahead = len(purposes)
		minutes = q.rounded_wait(
			q.estimate_wait(purposes, figures.service_medians(), rules.default_service_minutes, counters)
		)
	at_counter = ticket.state in q.AT_COUNTER
	line.watch(ticket.name, getdate(ticket.ticket_date))  # its page is open: tell it of changes
	return {
		"number": ticket.number,
		"status": queue_phone.status(ticket.state),
		"purpose": _(ticket.purpose),  # a standard purpose in the page's language
		"place": place_of(ticket),
		"date_label": date_label(ticket.ticket_date),
		"ahead": ahead,
		"minutes": minutes,
		"counter": (ticket.counter or None) if at_counter else None,
		"call_key": queue_phone.call_key(ticket.number, ticket.last_called_at) if at_counter else "",
		"near": near,
		"poll_s": queue_phone.poll_seconds(ahead, near, counters),
		"room": line.room_for(ticket.name),
	}
