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
