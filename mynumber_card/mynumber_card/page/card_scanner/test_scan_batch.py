# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Batch intake (issue 25): the codes the Card Scanner page queued are scanned in one request, each
behind its own savepoint. A refused code in the middle writes nothing, the others stand; undo works per
code, on the last scan of the session, as for single scans."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.api.scanner import BATCH_LIMIT, scan_batch, undo
from mynumber_card.core import lifecycle
from mynumber_card.testing import in_japanese, make_card, make_delivery, unique_application_id

MY_NUMBER = "123456789018"  # made up, with a valid check digit
CARD = "MyNumber Card"


class TestScanBatch(FrappeTestCase):
	def setUp(self):
		self.delivery = make_delivery(3).name
		self.session = frappe.generate_hash(length=16)

	def logs(self) -> list[dict]:
		return frappe.get_all(
			"Card Scan Log",
			filters={"session_id": self.session},
			fields=["name", "result", "card", "masked_value", "message"],
			order_by="creation asc",
		)

	def test_an_intake_batch_keeps_the_good_codes_and_writes_nothing_for_a_refused_one(self):
		in_japanese(self)
		first, second = unique_application_id(), unique_application_id()
		answer = scan_batch(
			"Intake", [first, MY_NUMBER, second, first, "not a code"], self.delivery, self.session
		)

		self.assertEqual(
			[r["result"] for r in answer["results"]], ["OK", "Refused", "OK", "Repeated", "Refused"]
		)
		self.assertEqual(answer["message"], "5件を読み取りました：処理2件、処理済み1件、不可2件。")
		cards = frappe.get_all(CARD, filters={"delivery": self.delivery}, pluck="application_id")
		self.assertEqual(sorted(cards), sorted([first, second]))
		# one log per code, in order; the refused ones link no card and never show the number
		logs = self.logs()
		self.assertEqual([log.result for log in logs], ["OK", "Refused", "OK", "Repeated", "Refused"])
		self.assertIsNone(logs[1].card)
		self.assertIn("個人番号", logs[1].message)
		for text in (logs[1].masked_value, answer["results"][1]["masked"], answer["results"][1]["message"]):
			self.assertNotIn(MY_NUMBER[-4:], text or "")
		# the delivery is counted once, on the batch's last answer
		self.assertEqual([bool(r["delivery_count"]) for r in answer["results"]], [False] * 4 + [True])
		self.assertEqual(answer["results"][-1]["delivery_count"], {"counted": 2, "expected": 3})

	def test_a_step_batch_leaves_a_card_in_the_wrong_state_as_it_was(self):
		ready, issued, also_ready = make_card(), make_card(lifecycle.ISSUED), make_card()
		codes = [ready.application_id, issued.application_id, also_ready.application_id]
		answer = scan_batch("Prepared", codes, None, self.session)

		self.assertEqual([r["result"] for r in answer["results"]], ["OK", "Refused", "OK"])
		states = {
			c.name: frappe.db.get_value(CARD, c.name, "workflow_state") for c in (ready, issued, also_ready)
		}
		self.assertEqual(
			states,
			{
				ready.name: lifecycle.PREPARED,
				issued.name: lifecycle.ISSUED,
				also_ready.name: lifecycle.PREPARED,
			},
		)
		self.assertEqual(str(frappe.db.get_value(CARD, issued.name, "modified")), str(issued.modified))

	def test_undo_takes_back_the_last_code_of_a_batch_alone(self):
		first, last = make_card(), make_card()
		answer = scan_batch("Prepared", [first.application_id, last.application_id], None, self.session)
		first_log, last_log = (r["log"] for r in answer["results"])

		with self.assertRaises(frappe.ValidationError):
			undo(first_log, self.session)  # not the session's last scan
		undo(last_log, self.session)

		self.assertEqual(frappe.db.get_value(CARD, last.name, "workflow_state"), lifecycle.RECEIVED)
		self.assertEqual(frappe.db.get_value(CARD, first.name, "workflow_state"), lifecycle.PREPARED)
		self.assertEqual([log.result for log in self.logs()], ["OK", "Undone"])

	def test_a_batch_the_mode_or_the_size_does_not_allow_changes_nothing(self):
		in_japanese(self)
		card = make_card(lifecycle.NOTICE_SENT)
		refusals = {
			"Issue": ([card.application_id], "このモードでは1件ずつ読み取ります。"),
			"Nonsense": ([card.application_id], "スキャナーのモードが正しくありません。"),
			"Intake": ([], f"一度に送れるのは1件から{BATCH_LIMIT}件までです。"),
		}
		too_many = [unique_application_id() for _ in range(BATCH_LIMIT + 1)]
		refusals["Prepared"] = (too_many, f"一度に送れるのは1件から{BATCH_LIMIT}件までです。")
		for mode, (codes, message) in refusals.items():
			with self.subTest(mode), self.assertRaises(frappe.ValidationError) as refused:
				scan_batch(mode, codes, self.delivery, self.session)
			self.assertEqual(str(refused.exception), message)
		self.assertEqual(self.logs(), [])
		self.assertEqual(frappe.db.get_value(CARD, card.name, "workflow_state"), lifecycle.NOTICE_SENT)
		self.assertEqual(frappe.db.count(CARD, {"delivery": self.delivery}), 0)

	def test_the_codes_may_come_as_the_json_the_page_sends(self):
		code = unique_application_id()
		answer = scan_batch("Intake", frappe.as_json([code]), self.delivery, self.session)
		self.assertEqual(answer["results"][0]["result"], "OK")
		self.assertEqual(answer["results"][0]["card"]["application_id"], code)
