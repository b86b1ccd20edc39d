# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""What a resident's booking and a clerk's scan do inside their request, and what they leave out
(issue 14): no Workflow Action rows, the confirmation built after the commit, the settings and the
town's scan rules read from caches that drop when they are written."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card import settings
from mynumber_card.api.scanner import run_scan, scan_rules
from mynumber_card.booking.notify import CONFIRMATION_JOB
from mynumber_card.core.roles import CLERK
from mynumber_card.settings import SETTINGS
from mynumber_card.testing import (
	booking_values,
	make_outgoing_email_account,
	make_slot,
	run_queued_job,
	unique_application_id,
)


def new_delivery() -> str:
	return (
		frappe.get_doc(
			{"doctype": "Card Delivery", "expected_count": 5, "received_date": frappe.utils.today()}
		)
		.insert()
		.name
	)


def workflow_actions(name: str) -> int:
	return frappe.db.count("Workflow Action", {"reference_name": name})


class TestNoWorkflowActionRows(FrappeTestCase):
	def test_a_booking_and_a_scanned_card_make_none(self):
		booking = frappe.get_doc(booking_values(make_slot().name)).insert(ignore_permissions=True)
		scanned = run_scan("Intake", unique_application_id(), new_delivery(), "wa")
		self.assertEqual(scanned["result"], "OK")
		card = scanned["card"]["name"]
		self.assertEqual((workflow_actions(booking.name), workflow_actions(card)), (0, 0))
		# the answer is the new card as stored
		stored = frappe.db.get_value("MyNumber Card", card, ["workflow_state", "delivery"], as_dict=True)
		self.assertEqual(
			(scanned["card"]["workflow_state"], scanned["card"]["delivery"]),
			(stored.workflow_state, stored.delivery),
		)

	def test_the_patch_removes_the_rows_left_from_before(self):
		from mynumber_card.patches import drop_workflow_action_rows

		booking = frappe.get_doc(booking_values(make_slot().name)).insert(ignore_permissions=True)
		left = frappe.get_doc(
			{
				"doctype": "Workflow Action",
				"reference_doctype": "Card Booking",
				"reference_name": booking.name,
				"workflow_state": "Confirmed",
				"status": "Open",
				"permitted_roles": [{"role": CLERK}],
			}
		).insert(ignore_permissions=True)
		drop_workflow_action_rows.execute()
		self.assertEqual(workflow_actions(booking.name), 0)
		self.assertFalse(frappe.db.exists("Workflow Action Permitted Role", {"parent": left.name}))

	def test_every_state_of_both_workflows_is_optional(self):
		for workflow in ("Card Booking Flow", "MyNumber Card Lifecycle"):
			flags = frappe.get_all(
				"Workflow Document State", filters={"parent": workflow}, pluck="is_optional_state"
			)
			self.assertTrue(flags and all(flags), workflow)


class TestConfirmationAfterCommit(FrappeTestCase):
	def test_the_request_books_and_the_mail_follows_the_commit(self):
		make_outgoing_email_account()
		frappe.flags.in_test = False  # as on a served site: queued, not sent at once
		try:
			booking = frappe.get_doc(booking_values(make_slot().name, email="commit@example.jp")).insert(
				ignore_permissions=True
			)
		finally:
			frappe.flags.in_test = True
		mails = {"reference_doctype": "Card Booking", "reference_name": booking.name}
		self.assertFalse(frappe.db.exists("Email Queue", mails))
		frappe.db.after_commit.run()  # what the commit runs, without committing the test's records
		run_queued_job(CONFIRMATION_JOB, booking=booking.name)
		self.assertTrue(frappe.db.exists("Email Queue", mails))

	def test_a_booking_gone_before_the_worker_sends_nothing(self):
		from mynumber_card.booking.notify import send_queued_confirmation

		send_queued_confirmation("BK-1900-00001")
		self.assertFalse(frappe.db.exists("Email Queue", {"reference_name": "BK-1900-00001"}))


class TestSettingsReadOncePerRequest(FrappeTestCase):
	def test_dropped_when_written_saved_or_rolled_back(self):
		field = "reminder_days_before"
		original = frappe.db.get_values(SETTINGS, SETTINGS, [field, "town_name"], as_dict=True)[0]
		singles = frappe.qb.DocType("Singles")
		try:
			frappe.db.set_single_value(SETTINGS, field, 2)
			self.assertEqual(settings.get_int(field), 2)
			doc = frappe.get_single(SETTINGS)
			doc.town_name = doc.town_name or "試験町"
			doc.reminder_days_before = 4
			doc.save()
			self.assertEqual(settings.get_int(field), 4)
			frappe.db.commit()
			# a write behind Frappe's back is not seen within the request: the values are kept
			frappe.qb.update(singles).set(singles.value, "5").where(
				(singles.doctype == SETTINGS) & (singles.field == field)
			).run()
			frappe.db.commit()
			self.assertEqual(settings.get_int(field), 4)
			frappe.db.set_single_value(SETTINGS, field, 6)
			self.assertEqual(settings.get_int(field), 6)
			frappe.db.rollback()
			self.assertEqual(settings.get_int(field), 5)
		finally:
			frappe.db.set_single_value(SETTINGS, original)  # the town's own values, as they were
			frappe.db.commit()


class TestTownScanRulesCache(FrappeTestCase):
	def test_a_saved_rule_applies_at_once_and_leaves_with_a_rollback(self):
		pattern = r"TOWN-(\d{23})"
		patterns = lambda: [rule.pattern for rule in scan_rules()]  # noqa: E731
		self.assertNotIn(pattern, patterns())  # read, and now cached
		doc = frappe.get_single(SETTINGS)
		doc.town_name = doc.town_name or "試験町"
		doc.append("scan_rules", {"kind": "Application ID", "pattern": pattern, "value_group": "1"})
		doc.save()
		self.assertIn(pattern, patterns())
		frappe.db.rollback()
		self.assertNotIn(pattern, patterns())


class TestStorageCounter(FrappeTestCase):
	def test_a_settings_form_opened_before_a_scan_saves_and_keeps_the_counter(self):
		form = frappe.get_single(SETTINGS)  # a manager opens the settings
		scanned = run_scan("Intake", unique_application_id(), new_delivery(), "sc")  # a clerk scans
		card = frappe.db.get_value(
			"MyNumber Card", scanned["card"]["name"], ["storage_box", "storage_position"], as_dict=True
		)
		counter = f"{card.storage_box}-{card.storage_position}"
		self.assertEqual(frappe.db.get_single_value(SETTINGS, "last_storage_place", cache=False), counter)
		form.town_name = form.town_name or "試験町"
		form.contact_phone = "0280-00-0001"
		form.save()  # the scan did not move the settings' `modified`: no "changed since you opened it"
		self.assertEqual(frappe.db.get_single_value(SETTINGS, "last_storage_place", cache=False), counter)
