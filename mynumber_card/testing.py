"""Helpers for the integration tests (FrappeTestCase on a real site)."""

import random
from contextlib import contextmanager

import frappe

from mynumber_card.core import lifecycle
from mynumber_card.ledger.transitions import apply_system_transition

# Human moves in order, up to each state (Booked and Pending Disposal are the system's moves).
PATH_TO = {
	lifecycle.RECEIVED: (),
	lifecycle.PREPARED: (lifecycle.PREPARED,),
	lifecycle.NOTICE_SENT: (lifecycle.PREPARED, lifecycle.NOTICE_SENT),
	lifecycle.RENOTICE_SENT: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.RENOTICE_SENT),
	lifecycle.BOOKED: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.BOOKED),
	lifecycle.ISSUED: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.BOOKED, lifecycle.ISSUED),
	lifecycle.PENDING_DISPOSAL: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.PENDING_DISPOSAL),
	lifecycle.MAILED: (lifecycle.PREPARED, lifecycle.MAILED),
}


def unique_application_id() -> str:
	return f"8{random.randrange(10**22):022d}"  # the leading 8 marks test data


def unique_notice_number() -> str:
	return f"{frappe.generate_hash(length=3).upper()}-{random.randrange(10**6):06d}"


def make_card(state: str = lifecycle.RECEIVED, **values):
	"""A card saved and moved to `state` along the real transitions, as Administrator."""
	card = frappe.get_doc(
		{
			"doctype": "MyNumber Card",
			"application_id": unique_application_id(),
			"notice_number": unique_notice_number(),
			"full_name": "試験 太郎",
			"full_name_kana": "シケン タロウ",
			"birth_date": "1980-04-01",
			**values,
		}
	).insert()
	for next_state in PATH_TO[state]:
		if next_state in (lifecycle.BOOKED, lifecycle.PENDING_DISPOSAL):
			apply_system_transition(card, next_state)
		else:
			card.workflow_state = next_state
			card.save()
	return card


def make_user(email: str, *roles: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	return email


@contextmanager
def versions_recorded():
	"""Frappe skips Version records while testing; the audit-trail tests need them."""
	in_test = frappe.flags.in_test
	frappe.flags.in_test = False
	try:
		yield
	finally:
		frappe.flags.in_test = in_test


def make_location(name: str = "テスト庁舎") -> str:
	if not frappe.db.exists("Booking Location", name):
		frappe.get_doc(
			{"doctype": "Booking Location", "location_name": name, "address": "テスト町1番地"}
		).insert(ignore_permissions=True)
	return name


def make_slot(
	capacity: int = 2, purposes=("申請サポート", "カード受取", "更新"), days_ahead: int = 3, hour: int = 10
):
	"""A slot inside the default booking window (30 days ahead, closing 24 hours before)."""
	day = frappe.utils.add_days(frappe.utils.today(), days_ahead)
	minute = random.randrange(25)
	return frappe.get_doc(
		{
			"doctype": "Booking Slot",
			"location": make_location(
				f"テスト庁舎{random.randrange(10**6)}"
			),  # a distinct slot key each time
			"slot_date": day,
			"start_time": f"{hour:02d}:{minute:02d}:00",
			"end_time": f"{hour:02d}:{minute + 30:02d}:00",
			"capacity": capacity,
			"purposes": [{"purpose": p} for p in purposes],
		}
	).insert(ignore_permissions=True)


def booking_values(slot: str, purpose: str = "申請サポート", **values) -> dict:
	return {
		"doctype": "Card Booking",
		"purpose": purpose,
		"slot": slot,
		"channel": "Web",
		"full_name": "予約 花子",
		"full_name_kana": "ヨヤク ハナコ",
		# a different person each time unless a test says otherwise
		"birth_date": frappe.utils.add_days("1940-01-01", random.randrange(20000)),
		"phone": "0280-00-0000",
		**values,
	}


def make_outgoing_email_account():
	"""Confirmation emails go to the Email Queue; nothing is ever sent from the test site."""
	if not frappe.db.exists("Email Account", "MNC Test Outgoing"):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "MNC Test Outgoing",
				"email_id": "mynumber@town.example.jp",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 2525,
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)


def confirmation_email(booking_name: str) -> tuple[str, bytes]:
	"""The HTML and the QR PNG of the confirmation queued for a booking."""
	import email

	queue = frappe.get_last_doc("Email Queue", filters={"reference_name": booking_name})
	message = email.message_from_string(queue.message)
	parts = {part.get_content_type(): part.get_payload(decode=True) for part in message.walk()}
	return parts["text/html"].decode(), parts["image/png"]


def desk_login(page, base_url: str):
	"""Sign a Playwright page in to the desk as Administrator."""
	page.goto(f"{base_url}/login")
	page.fill("#login_email", "Administrator")
	page.fill("#login_password", frappe.conf.get("admin_password") or "admin")
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=20000)


def remove_delivery(delivery: str):
	"""Delete a committed test delivery with its cards and scan logs, and commit."""
	frappe.db.delete("Card Scan Log", {"delivery": delivery})
	for name in frappe.get_all("MyNumber Card", filters={"delivery": delivery}, pluck="name"):
		frappe.delete_doc("MyNumber Card", name, force=True)
	frappe.delete_doc("Card Delivery", delivery, force=True)
	frappe.db.commit()
