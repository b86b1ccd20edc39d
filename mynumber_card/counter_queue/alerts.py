"""The call-back (呼出のお知らせ): a resident may ask on the ticket page to be told when N are ahead (a town
setting, default 3) and when called, by Web Push to that phone, or by SMS or mail through the gateways
the town configured. The messages hold the ticket number, the office and the counter: never a name.

Each committed change of the queue queues one run of `send_due` (at most one waits at a time), which
locks the day's alerts, reads the queue as committed, sends what is due (core.queue_phone.due_alerts)
and marks it. The phone number, mail or push address is kept only until the ticket ends: an ended
ticket's alerts are deleted by the next run, and the hourly clean-up deletes what is left of days past
(with the mails sent). A resident who does not come after the call is the clerk's absent/recall case."""

import json

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import escape_html, getdate, now_datetime

from mynumber_card import resident_language
from mynumber_card.core import queue as q
from mynumber_card.core import queue_phone
from mynumber_card.core.contact import normalize_email, normalize_phone
from mynumber_card.counter_queue import phone, phone_settings, sms, web_push
from mynumber_card.counter_queue.tickets import TICKET
from mynumber_card.utils.plain_text import checked_text
from mynumber_card.wording import office_name, residents_language

ALERT = "Queue Ticket Alert"
WEB_PUSH = "Web Push"
SMS = "SMS"
EMAIL = "Email"
CHANNELS = (WEB_PUSH, SMS, EMAIL)
JOB = f"{__name__}.send_due"
PENDING_KEY = "mnc_queue_alerts_pending"  # a run is queued and has not started
PENDING_SECONDS = 300
MAX_SUBSCRIPTION = 4000  # characters of a subscription's JSON

SENT = "sent"
GONE = "gone"  # the address will never take a message (a push subscription the service forgot)
FAILED = "failed"  # tried again by the next run

REFUSALS = {
	"bad_subscription": lambda: _("This browser's notification settings could not be used."),
	"push_service": lambda: _("Notifications to this browser are not offered. Please choose SMS or email."),
	"channel": lambda: _("This way of being told is not offered."),
	"ended": lambda: _("This ticket is no longer waiting."),
}


class AlertRefused(frappe.ValidationError):
	pass


def refuse(key: str):
	frappe.throw(REFUSALS[key](), AlertRefused)


def offered() -> dict:
	"""The ways the page offers (each switched on by the town and configured)."""
	return {
		"push": phone_settings.web_push_offered(),
		"sms": phone_settings.sms_offered(),
		"mail": phone_settings.mail_offered(),
	}


def channels_of(ticket_name: str) -> list[str]:
	return frappe.get_all(ALERT, filters={"ticket": ticket_name}, pluck="channel", order_by="channel asc")


def _open(ticket):
	if ticket.state in queue_phone.ENDED:
		refuse("ended")


def _save(ticket, channel: str, values: dict):
	"""One alert per ticket and channel: a new address replaces the old and keeps what was told."""
	old = frappe.get_all(
		ALERT, filters={"ticket": ticket.name, "channel": channel}, fields=["name", "near_sent", "called_key"]
	)
	for row in old:
		frappe.delete_doc(ALERT, row.name, ignore_permissions=True, delete_permanently=True)
	frappe.get_doc(
		{
			"doctype": ALERT,
			"ticket": ticket.name,
			"ticket_date": ticket.ticket_date,
			"channel": channel,
			"near_sent": old[0].near_sent if old else 0,
			"called_key": old[0].called_key if old else "",
			# the page's language: the messages come in the language the resident read the ticket in
			"resident_language": resident_language.current(),
			**values,
		}
	).insert(ignore_permissions=True)
	# told at once when the turn is already near or called (this request commits, then a run comes)
	frappe.db.after_commit.add(queue_delivery)


def subscribe_push(ticket, subscription: str):
	_open(ticket)
	if not offered()["push"]:
		refuse("push_service")
	try:
		data = json.loads(subscription) if len(subscription or "") <= MAX_SUBSCRIPTION else None
	except ValueError:
		data = None
	try:
		checked = queue_phone.checked_subscription(data, phone_settings.push_services())
	except queue_phone.Refused as error:
		refuse(error.key)
	_save(
		ticket,
		WEB_PUSH,
		{"push_endpoint": checked.endpoint, "push_p256dh": checked.p256dh, "push_auth": checked.auth},
	)


def subscribe_contact(ticket, channel: str, value: str):
	_open(ticket)
	if channel == SMS and offered()["sms"]:
		typed = checked_text(value, _("Phone"), 30, AlertRefused, required=True)
		phone_number = normalize_phone(typed)
		if not phone_number:
			frappe.throw(
				_(
					"Please enter a phone number of 10 or 11 digits beginning with 0 (hyphens may be left out)."
				),
				AlertRefused,
			)
		_save(ticket, SMS, {"phone": phone_number})
	elif channel == EMAIL and offered()["mail"]:
		typed = checked_text(value, _("Email"), 140, AlertRefused, required=True)
		email = normalize_email(typed)
		if not email:
			frappe.throw(_("Please enter an email address such as name@example.jp."), AlertRefused)
		_save(ticket, EMAIL, {"email": email})
	else:
		refuse("channel")


def unsubscribe(ticket):
	"""The resident no longer wants to be told: the address goes now."""
	frappe.db.delete(ALERT, {"ticket": ticket.name})


# Delivery -----------------------------------------------------------------------------------------------


def queue_delivery():
	"""After a committed change: one run of send_due, when alerts exist today and none is queued yet
	(a run clears the mark when it starts, so a later change queues the next)."""
	if not frappe.db.exists(ALERT, {"ticket_date": getdate(now_datetime())}):
		return
	if not frappe.cache.set(frappe.cache.make_key(PENDING_KEY), 1, ex=PENDING_SECONDS, nx=True):
		return
	frappe.enqueue(JOB, queue="short", now=frappe.flags.in_test)


def send_due() -> dict:
	"""Tell what is due; how many alerts were sent, deleted and left to try again."""
	frappe.cache.delete_value(PENDING_KEY)
	today = getdate(now_datetime())
	alert = DocType(ALERT)
	rows = (
		frappe.qb.from_(alert)
		.select(
			alert.name,
			alert.ticket,
			alert.channel,
			alert.near_sent,
			alert.called_key,
			alert.resident_language,
		)
		.where(alert.ticket_date == today)
		.for_update()
	).run(as_dict=True)
	counts = {SENT: 0, GONE: 0, FAILED: 0, "ended": 0}
	if not rows:
		return counts
	tickets = _tickets({row.ticket for row in rows})
	ahead = {name: index for index, name in enumerate(_waiting_order(today))}
	near = phone_settings.near_threshold()
	for row in rows:
		ticket = tickets.get(row.ticket)
		if not ticket or ticket.state in queue_phone.ENDED:
			frappe.db.delete(ALERT, {"name": row.name})
			counts["ended"] += 1
			continue
		key = queue_phone.call_key(ticket.number, ticket.last_called_at) if ticket.state == q.CALLED else ""
		marks = queue_phone.AlertMarks(bool(row.near_sent), row.called_key or "")
		for kind in queue_phone.due_alerts(marks, ticket.state, ahead.get(ticket.name), key, near):
			outcome = _deliver(row, kind, ticket, ahead.get(ticket.name))
			counts[outcome] += 1
			if outcome == GONE:
				frappe.db.delete(ALERT, {"name": row.name})
			elif outcome == SENT:
				marked = {"near_sent": 1} if kind == queue_phone.NEAR else {"near_sent": 1, "called_key": key}
				frappe.db.set_value(ALERT, row.name, marked, update_modified=False)
	return counts


def _tickets(names: set[str]) -> dict:
	rows = frappe.get_all(
		TICKET,
		filters={"name": ("in", list(names))},
		fields=["name", "number", "state", "counter", "last_called_at", "ticket_date"],
	)
	return {row.name: row for row in rows}


def _waiting_order(day) -> list[str]:
	ticket = DocType(TICKET)
	return (
		frappe.qb.from_(ticket)
		.select(ticket.name)
		.where((ticket.ticket_date == day) & (ticket.state == q.WAITING))
		.orderby(ticket.queue_key)
		.orderby(ticket.creation)
	).run(pluck=True)


def message_text(kind: str, number: str, ahead: int | None, counter: int | None) -> str:
	"""The notice: the office, the ticket number and the counter or the people ahead; never a name."""
	office = office_name()
	if kind == queue_phone.CALLED:
		return _("{0}: ticket {1}, please come to counter {2}.").format(office, number, counter)
	if not ahead:
		return _("{0}: ticket {1}, you are next. Please come back to the waiting area.").format(
			office, number
		)
	return _("{0}: ticket {1}, {2} ahead of you. Please come back to the waiting area.").format(
		office, number, ahead
	)


def _deliver(row, kind: str, ticket, ahead: int | None) -> str:
	with residents_language(row.resident_language):
		text = message_text(kind, ticket.number, ahead, ticket.counter)
	url = phone.ticket_url(ticket)
	try:
		if row.channel == WEB_PUSH:
			address = frappe.db.get_value(ALERT, row.name, ["push_endpoint", "push_p256dh", "push_auth"])
			status = web_push.send(
				*address,
				{"title": office_name(), "body": text, "url": url, "tag": f"mnc-queue-{ticket.number}"},
			)
			if status in web_push.GONE:
				return GONE
			return SENT if 200 <= status < 300 else FAILED
		if row.channel == SMS:
			sms.send(frappe.db.get_value(ALERT, row.name, "phone"), f"{text} {url}")
			return SENT
		frappe.sendmail(
			recipients=[frappe.db.get_value(ALERT, row.name, "email")],
			subject=text,
			message=f'<p>{escape_html(text)}</p><p><a href="{escape_html(url)}">{escape_html(url)}</a></p>',
			reference_doctype=TICKET,
			reference_name=ticket.name,
			now=not frappe.flags.in_test,
		)
		return SENT
	except Exception as error:
		# the error's text may hold the address (a gateway URL with the phone in it): its kind only
		frappe.log_error(
			title=f"Queue alert not sent: {ALERT} {row.name}",
			message=f"{row.channel} {kind}: {type(error).__name__}",
			reference_doctype=ALERT,
			reference_name=row.name,
		)
		return FAILED


# Retention ----------------------------------------------------------------------------------------------


def clear_ended() -> int:
	"""Hourly: the alerts of ended tickets and of days past (a ticket left open at the day's end), and
	the mails sent for them. How many alerts went."""
	today = getdate(now_datetime())
	alert, ticket = DocType(ALERT), DocType(TICKET)
	ended = frappe.qb.from_(ticket).select(ticket.name).where(ticket.state.isin(queue_phone.ENDED))
	names = (
		frappe.qb.from_(alert)
		.select(alert.name)
		.where(
			(alert.ticket_date < today)
			| alert.ticket.isin(ended)
			| alert.ticket.notin(frappe.qb.from_(ticket).select(ticket.name))
		)
	).run(pluck=True)
	if names:
		frappe.db.delete(ALERT, {"name": ("in", names)})
	_clear_mails(today)
	return len(names)


def _clear_mails(today):
	"""Mails sent to residents about a ticket keep their address in the Email Queue: gone once the
	ticket is over (a mail not yet sent stays for Frappe to send)."""
	mail, ticket = DocType("Email Queue"), DocType(TICKET)
	over = (
		frappe.qb.from_(ticket)
		.select(ticket.name)
		.where((ticket.ticket_date < today) | ticket.state.isin(queue_phone.ENDED))
	)
	names = (
		frappe.qb.from_(mail)
		.select(mail.name)
		.where(
			(mail.reference_doctype == TICKET)
			& (mail.status != "Not Sent")
			& (
				mail.reference_name.isin(over)
				| mail.reference_name.notin(frappe.qb.from_(ticket).select(ticket.name))
			)
		)
	).run(pluck=True)
	if names:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", names)})
		frappe.db.delete("Email Queue", {"name": ("in", names)})
