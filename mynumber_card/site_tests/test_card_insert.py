# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""ledger/card_insert: a card inserted with Document.insert's steps, less Frappe's Workflow Action
bookkeeping, is stored exactly as Document.insert stores it, is refused the same way, and falls
back to Document.insert where that bookkeeping would make rows. A guard fails when a Frappe update
changes Document.insert's steps, which card_insert follows."""

import inspect
import re

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.ledger.card_insert import insert_card, workflow_actions_made_by_none
from mynumber_card.testing import (
	make_delivery,
	unique_application_id,
	unique_notice_number,
	versions_recorded,
)
from mynumber_card.utils.series import NameBlock

CARD = "MyNumber Card"
# Different for every card by nature: the name, the times, what the test makes unique.
OWN = {"name", "creation", "modified", "application_id", "notice_number", "storage_position", "name_key"}


def delivery_card(delivery: str, **values):
	return frappe.get_doc(
		{
			"doctype": CARD,
			"application_id": unique_application_id(),
			"notice_number": unique_notice_number(),
			"full_name": "挿入 花子",
			"full_name_kana": "ｿｳﾆｭｳ ﾊﾅｺ",
			"birth_date": "1990-02-03",
			"delivery": delivery,
			**values,
		}
	)


def ledger_card():
	return frappe.get_doc(
		{
			"doctype": CARD,
			"registered_from_records": 1,
			"full_name": "挿入 一郎",
			"birth_date": "1980-04-01",
			"card_issue_date": "2021-06-01",
			"issued_date": "2021-07-15",
		}
	)


def stored(name: str) -> dict:
	row = frappe.db.get_value(CARD, name, "*", as_dict=True)
	return {k: v for k, v in row.items() if k not in OWN}


class TestCardInsert(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.delivery = make_delivery(4).name

	def test_a_card_is_stored_as_document_insert_stores_it(self):
		with versions_recorded():
			pairs = [
				(delivery_card(self.delivery).insert(), insert_card(delivery_card(self.delivery))),
				(ledger_card().insert(), insert_card(ledger_card())),
			]
		for frappes, ours in pairs:
			self.assertEqual(stored(ours.name), stored(frappes.name))
			self.assertEqual(
				frappe.db.count("Version", {"ref_doctype": CARD, "docname": ours.name}),
				frappe.db.count("Version", {"ref_doctype": CARD, "docname": frappes.name}),
			)
			self.assertFalse(ours.is_new())
		self.assertEqual(pairs[0][1].workflow_state, lifecycle.RECEIVED)
		self.assertEqual(pairs[1][1].workflow_state, lifecycle.ISSUED)
		# the card's own on_update ran: both counted on the delivery, each in its own storage place
		self.assertEqual(frappe.db.get_value("Card Delivery", self.delivery, "counted_count"), 2)
		self.assertEqual(len({(c.storage_box, c.storage_position) for c in pairs[0]}), 2)

	def test_a_card_is_refused_as_document_insert_refuses_it(self):
		for bad in ({"application_id": "1234"}, {"birth_date": "2999-01-01"}, {"full_name": "<b>悪</b>"}):
			with self.assertRaises(frappe.ValidationError) as frappes:
				delivery_card(self.delivery, **bad).insert()
			with self.assertRaises(frappe.ValidationError) as ours:
				insert_card(delivery_card(self.delivery, **bad))
			self.assertEqual(str(ours.exception), str(frappes.exception))
			self.assertEqual(type(ours.exception), type(frappes.exception))

	def test_a_clerk_without_create_rights_is_refused(self):
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			insert_card(delivery_card(self.delivery))

	def test_names_from_a_block_continue_the_series(self):
		series = frappe.get_meta(CARD).get_field("naming_series").options.split("\n")[0]
		block = NameBlock(series, 3)
		names = [insert_card(ledger_card(), block.next_name()).name for _ in range(3)]
		after = ledger_card().insert().name
		self.assertEqual(len(set(names)), 3)
		self.assertEqual(sorted(names), names)
		self.assertGreater(after, names[-1])
		with self.assertRaises(frappe.ValidationError):
			block.next_name()  # a block gives no more than it reserved

	def test_where_frappe_would_make_workflow_actions_the_full_insert_runs(self):
		self.assertTrue(workflow_actions_made_by_none(CARD))
		workflow = frappe.db.get_value("Workflow", {"document_type": CARD, "is_active": 1})
		states = frappe.qb.DocType("Workflow Document State")
		frappe.qb.update(states).set(states.is_optional_state, 0).where(states.parent == workflow).run()
		frappe.clear_document_cache("Workflow", workflow)
		try:
			self.assertFalse(workflow_actions_made_by_none(CARD))
			card = insert_card(delivery_card(self.delivery))
			self.assertTrue(frappe.db.exists("Workflow Action", {"reference_name": card.name}))
		finally:
			frappe.db.rollback()
			frappe.clear_document_cache("Workflow", workflow)
		self.assertTrue(workflow_actions_made_by_none(CARD))

	def test_document_insert_still_takes_the_steps_card_insert_follows(self):
		"""card_insert repeats Document.insert's steps by name; a Frappe update that adds, drops or
		reorders one must be looked at before card_insert is trusted again."""
		steps = re.findall(r"self\.(\w+)\(", inspect.getsource(Document.insert))
		self.assertEqual(
			steps,
			[
				"set",
				"_set_defaults",
				"set_user_and_timestamp",
				"set_docstatus",
				"check_if_latest",
				"_validate_links",
				"check_permission",
				"run_method",
				"set_new_name",
				"set_parent_in_children",
				"validate_higher_perm_levels",
				"run_before_save_methods",
				"_validate",
				"set_docstatus",
				"update_single",
				"get_valid_dict",
				"db_insert",
				"get_all_children",
				"run_method",
				"get",
				"validate_amended_from",
				"copy_attachments_from_amended_from",
				"run_post_save_methods",
			],
		)
		post_save = re.findall(r"self\.(\w+)\(", inspect.getsource(Document.run_post_save_methods))
		self.assertEqual(
			post_save,
			[
				"run_method",
				"run_method",
				"run_method",
				"run_method",
				"check_no_back_links_exist",
				"run_method",
				"clear_cache",
				"notify_update",
				"save_version",
				"run_method",
			],
		)
