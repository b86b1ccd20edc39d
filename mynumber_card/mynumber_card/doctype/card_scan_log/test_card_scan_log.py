# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt


import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from mynumber_card.api.scanner import run_scan, undo
from mynumber_card.core import booking_states, lifecycle
from mynumber_card.core.roles import CLERK
from mynumber_card.testing import (
	at_once,
	booking_values,
	make_card,
	make_slot,
	remove_delivery,
	unique_application_id,
)

MY_NUMBER = "123456789018"


def open_delivery(expected: int = 10) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Card Delivery",
				"expected_count": expected,
				"received_date": today(),
				"status": "Open",
			}
		)
		.insert()
		.name
	)


class TestScanner(FrappeTestCase):
	def test_intake_twice_makes_one_card_and_says_when(self):
		delivery = open_delivery()
		code = unique_application_id()
		first = run_scan("Intake", code, delivery, "s1")
		again = run_scan(
			"Intake", f"\x02{code[:4]}－{code[4:]}\r", delivery, "s1"
		)  # scanner prefix, full-width
		self.assertEqual((first["result"], again["result"]), ("OK", "Repeated"))
		self.assertEqual(frappe.db.count("MyNumber Card", {"application_id": code}), 1)
		self.assertIn("Administrator", again["message"])
		self.assertEqual(first["delivery_count"], {"counted": 1, "expected": 10})
		self.assertEqual(again["delivery_count"]["counted"], 1)

	def test_individual_number_refused_and_never_logged(self):
		for typed in (MY_NUMBER, "１２３４ ５６７８ ９０１８", f"ID:{MY_NUMBER}"):
			result = run_scan("Lookup", typed, session_id="s2")
			self.assertEqual(result["result"], "Refused")
			self.assertNotIn("9018", result["masked"] + result["message"])
		logs = frappe.get_all(
			"Card Scan Log", filters={"session_id": "s2"}, fields=["masked_value", "message"]
		)
		self.assertEqual(len(logs), 3)
		self.assertFalse(any("9018" in (log.masked_value or "") + (log.message or "") for log in logs))

	def test_ime_kana_told_plainly(self):
		result = run_scan("Lookup", "あｂｃ１２３４５６", session_id="s3")
		self.assertEqual(result["result"], "Refused")
		self.assertIn("IME", result["message"])

	def test_steps_and_undo(self):
		card = make_card()
		self.assertEqual(run_scan("Prepared", card.application_id, session_id="s4")["result"], "OK")
		self.assertEqual(run_scan("Prepared", card.application_id, session_id="s4")["result"], "Repeated")
		wrong = run_scan("Notice Sent", make_card().application_id, session_id="s4")
		self.assertEqual(wrong["result"], "Refused")
		last = run_scan("Notice Sent", card.notice_number, session_id="s4")
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.NOTICE_SENT
		)
		undo(last["log"], "s4")
		card.reload()
		self.assertEqual((card.workflow_state, card.notice_date), (lifecycle.PREPARED, None))
		with self.assertRaises(frappe.ValidationError):
			undo(last["log"], "s4")  # once only

	def test_batch_mailing_returned_mail_and_returned_notices(self):
		mailed = make_card(lifecycle.PREPARED, issue_method="Mailed by Town")
		counter = make_card(lifecycle.PREPARED)
		self.assertEqual(run_scan("Mailed", mailed.application_id, session_id="s9")["result"], "OK")
		refused = run_scan("Mailed", counter.application_id, session_id="s9")
		self.assertEqual(refused["result"], "Refused")  # a counter card is not put in the post
		self.assertEqual(run_scan("Returned by Post", mailed.notice_number, session_id="s9")["result"], "OK")
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", mailed.name, "workflow_state"), lifecycle.MAIL_RETURNED
		)
		notice = make_card(lifecycle.NOTICE_SENT)
		last = run_scan("Returned Notice", notice.notice_number, session_id="s9")
		self.assertEqual(last["result"], "OK")
		self.assertEqual(
			run_scan("Returned Notice", notice.notice_number, session_id="s9")["result"], "Repeated"
		)
		self.assertEqual(
			str(frappe.db.get_value("MyNumber Card", notice.name, "notice_returned_date")), today()
		)
		undo(last["log"], "s9")
		self.assertIsNone(frappe.db.get_value("MyNumber Card", notice.name, "notice_returned_date"))

	def test_undo_intake_removes_the_card(self):
		delivery = open_delivery()
		code = unique_application_id()
		result = run_scan("Intake", code, delivery, "s5")
		undo(result["log"], "s5")
		self.assertFalse(frappe.db.exists("MyNumber Card", {"application_id": code}))
		self.assertEqual(frappe.db.get_value("Card Delivery", delivery, "counted_count"), 0)

	def test_issue_needs_a_checked_in_booking(self):
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1966-06-06")
		refused = run_scan("Issue", card.application_id, session_id="s6")
		self.assertEqual(refused["result"], "Refused")
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.NOTICE_SENT
		)
		booking = frappe.get_doc(
			booking_values(
				make_slot().name, "カード受取", notice_number=card.notice_number, birth_date="1966-06-06"
			)
		).insert()
		self.assertEqual(
			run_scan("Issue", card.application_id, session_id="s6")["result"], "Refused"
		)  # booked, not here yet
		checked = run_scan("Check-in", booking.name.lower(), session_id="s6")
		self.assertEqual((checked["result"], checked["booking"]["state"]), ("OK", booking_states.CHECKED_IN))
		issued = run_scan("Issue", card.application_id, session_id="s6")
		self.assertEqual(issued["result"], "OK")
		self.assertEqual(frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.ISSUED)
		self.assertEqual(
			frappe.db.get_value("Card Booking", booking.name, "workflow_state"), booking_states.COMPLETED
		)

	def test_manager_override_with_reason(self):
		card = make_card(lifecycle.NOTICE_SENT)
		result = run_scan(
			"Issue", card.application_id, session_id="s7", override_reason="本人確認済み・予約なしで来庁"
		)
		self.assertEqual(result["result"], "OK")
		self.assertIn("予約なし", frappe.db.get_value("MyNumber Card", card.name, "remarks"))


class TestDisposalScan(FrappeTestCase):
	def test_disposal_needs_a_second_staff_member(self):
		from mynumber_card.testing import make_user

		witness = make_user("witness.test@example.jp", CLERK)
		card = make_card(lifecycle.PENDING_DISPOSAL)
		alone = run_scan("Disposal", card.application_id, session_id="s9")
		self.assertEqual(alone["result"], "Refused")
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.PENDING_DISPOSAL
		)
		done = run_scan("Disposal", card.application_id, session_id="s9", staff_2=witness)
		self.assertEqual(done["result"], "OK")
		card.reload()
		self.assertEqual(
			(card.workflow_state, card.disposal_staff_1, card.disposal_staff_2),
			(lifecycle.DISPOSED, "Administrator", witness),
		)


class TestConcurrentIntake(FrappeTestCase):
	def test_two_clerks_take_in_the_same_card_at_once(self):
		delivery = open_delivery()
		frappe.db.commit()
		code = unique_application_id()
		results = []

		def clerk(session_id: str):
			results.append(run_scan("Intake", code, delivery, session_id)["result"])
			frappe.db.commit()

		at_once(clerk, ["race-1", "race-2"])
		try:
			frappe.db.rollback()  # see what the clerks' connections committed
			self.assertEqual(sorted(results), ["OK", "Repeated"])
			self.assertEqual(frappe.db.count("MyNumber Card", {"application_id": code}), 1)
			self.assertEqual(frappe.db.get_value("Card Delivery", delivery, "counted_count"), 1)
		finally:
			remove_delivery(delivery)


class TestTownScanRules(FrappeTestCase):
	def test_a_town_label_format_is_data(self):
		settings = frappe.get_single("MyNumber Card Settings")
		settings.town_name = settings.town_name or "試験町"
		settings.append(
			"scan_rules", {"kind": "Application ID", "pattern": r"TOWN\*(\d{23})\*", "value_group": "1"}
		)
		settings.save()
		code = unique_application_id()
		delivery = open_delivery()
		self.assertEqual(run_scan("Intake", f"TOWN*{code}*", delivery, "s8")["result"], "OK")
		self.assertTrue(frappe.db.exists("MyNumber Card", {"application_id": code}))

	def test_a_rule_that_reads_an_individual_number_is_refused(self):
		settings = frappe.get_single("MyNumber Card Settings")
		settings.town_name = settings.town_name or "試験町"
		settings.append("scan_rules", {"kind": "Notice Number", "pattern": r"(\d+)", "value_group": "1"})
		with self.assertRaises(frappe.ValidationError):
			settings.save()
