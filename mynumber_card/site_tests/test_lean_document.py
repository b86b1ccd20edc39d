# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""utils/lean_document: cards, bookings and scan logs save without Frappe's Workflow Action bookkeeping (it
makes nothing for them), every other on_update hook still runs, and the bookkeeping runs as before
where a site has made a state non-optional. Energy points are left out while no rule asks for them
and given where one does (a card, a scan log); an insert makes no Version only where Frappe's own would make none. A
guard fails when a Frappe update changes
Document.run_method, which the override follows."""

import inspect
import re

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.core.roles import CLERK
from mynumber_card.testing import book_pickup, make_card, make_user
from mynumber_card.utils.lean_document import (
	ENERGY_POINTS,
	hooks_that_do_nothing,
	workflow_actions_made_by_none,
)

CARD = "MyNumber Card"
SCAN_LOG = "Card Scan Log"


def scan_log():
	"""A scan log as the scanner writes one (a lookup that found nothing)."""
	log = frappe.get_doc(
		{"doctype": SCAN_LOG, "scanned_at": frappe.utils.now_datetime(), "user": frappe.session.user}
	)
	log.update({"mode": "Lookup", "result": "Refused", "kind": "Application ID", "session_id": "points"})
	return log.insert(ignore_permissions=True)


class TestLeanDocument(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")

	def test_cards_and_bookings_make_no_workflow_action_and_keep_the_other_hooks(self):
		rule = frappe.get_doc(
			{
				"doctype": "Assignment Rule",
				"name": "カード受領の確認（試験）",
				"document_type": CARD,
				"assign_condition": "workflow_state == 'Received'",
				"rule": "Round Robin",
				"users": [{"user": "Administrator"}],
				"assignment_days": [
					{"day": day}
					for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
				],
			}
		).insert()
		try:
			card = make_card(lifecycle.RECEIVED)
			booking = book_pickup(make_card(lifecycle.NOTICE_SENT))
			for doctype, name in ((CARD, card.name), ("Card Booking", booking.name)):
				self.assertFalse(
					frappe.db.exists(
						"Workflow Action", {"reference_doctype": doctype, "reference_name": name}
					)
				)
			# Frappe's assignment rule, another on_update hook of every doctype, still assigned the card
			self.assertTrue(
				frappe.db.exists(
					"ToDo", {"reference_type": CARD, "reference_name": card.name, "status": "Open"}
				)
			)
		finally:
			frappe.delete_doc("Assignment Rule", rule.name, force=True)

	def test_where_frappe_would_make_workflow_actions_it_runs_as_before(self):
		self.assertTrue(workflow_actions_made_by_none(CARD))
		self.assertTrue(workflow_actions_made_by_none("Card Booking"))
		workflow = frappe.db.get_value("Workflow", {"document_type": CARD, "is_active": 1})
		states = frappe.qb.DocType("Workflow Document State")
		frappe.qb.update(states).set(states.is_optional_state, 0).where(states.parent == workflow).run()
		frappe.clear_document_cache("Workflow", workflow)
		try:
			self.assertFalse(workflow_actions_made_by_none(CARD))
			card = make_card(lifecycle.RECEIVED)
			self.assertTrue(frappe.db.exists("Workflow Action", {"reference_name": card.name}))
		finally:
			frappe.db.rollback()
			frappe.clear_document_cache("Workflow", workflow)
		self.assertTrue(workflow_actions_made_by_none(CARD))

	def test_frappes_run_method_still_has_the_steps_the_override_repeats(self):
		"""The override repeats Document.run_method for on_update: the controller's method with the
		doc_events hooks (Document.hook), then notifications, webhooks and server scripts. A Frappe
		update that changes those steps must be looked at before the override is trusted again."""
		source = inspect.getsource(Document.run_method)
		self.assertEqual(
			re.findall(
				r"(Document\.hook|self\.run_notifications|run_webhooks|run_server_script_for_doc_event)\(",
				source,
			),
			["Document.hook", "self.run_notifications", "run_webhooks", "run_server_script_for_doc_event"],
		)
		hook = re.sub(r"\s+", "", inspect.getsource(Document.hook))
		self.assertIn(
			'doc_events.get(self.doctype,{}).get(method,[])+doc_events.get("*",{}).get(method,[])', hook
		)
		self.assertIn(
			"frappe.workflow.doctype.workflow_action.workflow_action.process_workflow_actions",
			frappe.get_hooks("doc_events")["*"]["on_update"],
		)
		self.assertIn(ENERGY_POINTS, frappe.get_hooks("doc_events")["*"]["on_change"])

	def test_energy_points_are_given_where_a_rule_asks_for_them(self):
		clerk = make_user("points-clerk@example.jp", CLERK)
		frappe.db.set_single_value("Energy Point Settings", "enabled", 1)
		for doctype, make in ((CARD, lambda: make_card(lifecycle.RECEIVED)), (SCAN_LOG, scan_log)):
			self.assertEqual(hooks_that_do_nothing(doctype, "on_change"), {ENERGY_POINTS})
			frappe.get_doc(
				{
					"doctype": "Energy Point Rule",
					"rule_name": f"{doctype}（試験）",
					"reference_doctype": doctype,
					"for_doc_event": "New",
					"points": 3,
					"user_field": "owner",
					"enabled": 1,
				}
			).insert(ignore_permissions=True)
			try:
				self.assertEqual(hooks_that_do_nothing(doctype, "on_change"), set())
				frappe.set_user(clerk)
				name = make().name
				frappe.set_user("Administrator")
				self.assertTrue(
					frappe.db.exists(
						"Energy Point Log",
						{"reference_doctype": doctype, "reference_name": name, "user": clerk},
					)
				)
			finally:
				frappe.set_user("Administrator")
				frappe.db.rollback()
				frappe.cache_manager.clear_doctype_map("Energy Point Rule", doctype)

	def test_an_insert_makes_a_version_only_where_frappe_would(self):
		card = make_card(lifecycle.RECEIVED)
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": CARD, "docname": card.name}))
		card = frappe.get_doc(CARD, card.name)  # not make_card's object, which keeps its flags
		card.remarks = "保管箱を移動"
		card.save(ignore_version=False)  # Frappe's tests keep no versions unless told
		self.assertTrue(frappe.db.exists("Version", {"ref_doctype": CARD, "docname": card.name}))
		# an insert that says where it came from (Frappe's Data Import does) is recorded, as in Frappe
		referenced = frappe.new_doc(CARD)
		referenced.update(
			{"full_name": "版記録 太郎", "birth_date": "1980-01-01", "registered_from_records": 1}
		)
		referenced.update({"card_issue_date": "2021-06-01", "issued_date": "2021-07-01"})
		referenced.flags.updater_reference = {"doctype": "Data Import", "docname": "x", "label": "x"}
		referenced.insert()
		self.assertTrue(frappe.db.exists("Version", {"ref_doctype": CARD, "docname": referenced.name}))
