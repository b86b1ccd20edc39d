"""Hostile text planted straight into the database, as old data or another path could have left it:
no validation runs, so the tests see what staff views do with markup that is already stored. Each
payload would run script if a view put it into the page as HTML; `alert(n)` tells which one did."""

from dataclasses import dataclass
from datetime import timedelta

import frappe
from frappe.utils import add_days, now_datetime, today

from mynumber_card.core import lifecycle
from mynumber_card.testing import booking_values, make_card, make_slot, remove_slot

# The quoted one parses as JSON, so Frappe's sanitiser skips it (issue 21).
IMG = '"<img src=x onerror=alert(1)>"'
SVG = "<svg onload=alert(2)>"
SCRIPT = "</script><script>alert(3)</script>"
LINK = '<a href="javascript:alert(4)">x</a>'
TEMPLATE = "{{7*7}}${alert(5)}"

# Spreadsheet formulas a name could carry into an export.
FORMULA = '=HYPERLINK("http://x","y")'
AT_FORMULA = "@SUM(1)"

TICKET_COUNTER = 9  # the counter the planted ticket is called to


@dataclass
class Planted:
	booking: str = ""
	slot: str = ""
	card: str = ""  # Notice Sent long ago, linked to the booking: pull list, uncollected, re-notice
	renewal_card: str = ""  # Issued, expiring soon: cards due for renewal
	delivery: str = ""
	ticket: str = ""
	scan_log: str = ""


BOOKING_TEXT = {
	"full_name": IMG,
	"full_name_kana": SVG,
	"proxy_name": SCRIPT,
	"proxy_name_kana": LINK,
	"proxy_relationship": TEMPLATE,
	"remarks": f"{IMG}\n{SVG}",
}
MEMBER_TEXT = {"full_name": SVG, "full_name_kana": SCRIPT}
CARD_TEXT = {
	"full_name": IMG,
	"full_name_kana": SVG,
	"address": SCRIPT,
	"remarks": LINK,
	"proxy_name": TEMPLATE,
}


def plant(
	booking_text: dict = BOOKING_TEXT, member_text: dict = MEMBER_TEXT, card_text: dict = CARD_TEXT
) -> Planted:
	"""A booking for today with a family member and a proxy, two cards, a delivery, a called queue
	ticket and a scan log, holding the given text (default: the payloads above); committed for the
	served site. remove(planted) takes them away."""
	planted = Planted()
	planted.delivery = (
		frappe.get_doc(
			{"doctype": "Card Delivery", "expected_count": 2, "received_date": today(), "status": "Open"}
		)
		.insert()
		.name
	)
	card = make_card(lifecycle.NOTICE_SENT, delivery=planted.delivery)
	planted.card = card.name
	renewal = make_card(lifecycle.NOTICE_SENT, delivery=planted.delivery)
	planted.renewal_card = renewal.name

	slot = make_slot(capacity=3, days_ahead=3)
	planted.slot = slot.name
	booking = frappe.get_doc(booking_values(slot.name)).insert(ignore_permissions=True)
	planted.booking = booking.name
	member = frappe.get_doc(
		{
			"doctype": "Card Booking Member",
			"parent": booking.name,
			"parenttype": "Card Booking",
			"parentfield": "members",
			"idx": 1,
			"full_name": "家族 一郎",
			"birth_date": "1990-01-01",
		}
	)
	member.db_insert()

	# Today, an hour from now: the day sheet, the pull list and the counter queue show it.
	start = (now_datetime() + timedelta(hours=1)).replace(second=0, microsecond=0)
	moved = {"slot_date": today(), "start_time": start.strftime("%H:%M:%S"), "starts_at": start}
	frappe.db.set_value("Booking Slot", slot.name, moved, update_modified=False)
	frappe.db.set_value(
		"Card Booking",
		booking.name,
		{**moved, **booking_text, "card": card.name, "proxy_coming": 1, "proxy_kind": "Authorised Proxy"},
		update_modified=False,
	)
	frappe.db.set_value("Card Booking Member", member.name, member_text)
	long_ago = add_days(today(), -400)
	frappe.db.set_value(
		"MyNumber Card", card.name, {**card_text, "notice_date": long_ago}, update_modified=False
	)
	soon = add_days(today(), 30)
	frappe.db.set_value(
		"MyNumber Card",
		renewal.name,
		{
			**card_text,
			"workflow_state": lifecycle.ISSUED,
			"issued_date": add_days(today(), -3600),
			"card_expiry_date": soon,
			"certificate_expiry_date": soon,
		},
		update_modified=False,
	)

	ticket = frappe.get_doc(
		{
			"doctype": "Queue Ticket",
			"ticket_date": today(),
			"number": "Z-901",
			"kind": "Booked",
			"purpose": booking.purpose,
			"booking": booking.name,
			"state": "Called",
			"counter": TICKET_COUNTER,
			"call_count": 1,
			"queue_key": now_datetime(),
			"checked_in_at": now_datetime(),
			"called_at": now_datetime(),
		}
	).insert(ignore_permissions=True)
	planted.ticket = ticket.name
	frappe.db.set_value("Queue Ticket", ticket.name, "number", SVG, update_modified=False)

	log = frappe.get_doc(
		{
			"doctype": "Card Scan Log",
			"scanned_at": now_datetime(),
			"user": "Administrator",
			"mode": "Lookup",
			"result": "OK",
			"kind": "booking_code",
			"masked_value": booking.name,
			"message": "plain",
			"booking": booking.name,
			"card": card.name,
		}
	).insert(ignore_permissions=True)
	planted.scan_log = log.name
	frappe.db.set_value("Card Scan Log", log.name, {"message": f"Checked in: {IMG}", "state_before": SCRIPT})
	frappe.db.commit()
	return planted


def remove(planted: Planted):
	"""Take every planted record away again, and commit."""
	frappe.db.rollback()
	if planted.scan_log:
		frappe.db.delete("Card Scan Log", {"name": planted.scan_log})
	if planted.ticket:
		frappe.db.delete("Queue Ticket", {"name": planted.ticket})
	if planted.booking:
		frappe.db.delete("Card Scan Log", {"booking": planted.booking})
		frappe.db.delete("Queue Ticket", {"booking": planted.booking})
	if planted.slot:
		remove_slot(planted.slot)
	for name in (planted.card, planted.renewal_card):
		if name and frappe.db.exists("MyNumber Card", name):
			frappe.db.delete("Card Scan Log", {"card": name})
			frappe.delete_doc("MyNumber Card", name, force=True, ignore_permissions=True)
	if planted.delivery and frappe.db.exists("Card Delivery", planted.delivery):
		frappe.delete_doc("Card Delivery", planted.delivery, force=True, ignore_permissions=True)
	frappe.db.commit()
