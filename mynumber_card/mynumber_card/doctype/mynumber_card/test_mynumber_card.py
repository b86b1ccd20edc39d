# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate, now_datetime, today

from mynumber_card.api.ledger import run_bulk_transition, search_cards
from mynumber_card.core import lifecycle
from mynumber_card.ledger.pickup import book_card, release_card
from mynumber_card.ledger.transitions import CardTransitionError
from mynumber_card.privacy import IndividualNumberError
from mynumber_card.settings import disposal_rules
from mynumber_card.testing import StaffTestCase, make_card, versions_recorded

VALID_MY_NUMBER = "123456789018"


class TestCardLifecycle(StaffTestCase):
	def test_new_card_starts_received_with_date(self):
		card = make_card()
		self.assertEqual(card.workflow_state, lifecycle.RECEIVED)
		self.assertEqual(str(card.received_date), today())

	def test_clerk_moves_card_along_with_workflow_buttons(self):
		card = make_card()
		frappe.set_user(self.clerk)
		with versions_recorded():
			card = apply_workflow(card, "Mark Prepared")
			card = apply_workflow(card, "Send Notice")
		self.assertEqual(card.workflow_state, lifecycle.NOTICE_SENT)
		self.assertEqual(str(card.notice_date), today())
		self.assertEqual(getdate(card.disposal_deadline), getdate(add_months(today(), 12)))
		# the audit trail: each move is a Version by the clerk
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": card.doctype, "docname": card.name}, pluck="owner"
		)
		self.assertEqual(versions.count(self.clerk), 2)

	def test_transition_outside_the_table_is_refused_clearly(self):
		card = make_card()
		card.workflow_state = lifecycle.ISSUED
		with self.assertRaises(CardTransitionError) as raised:
			card.save()
		self.assertIn("Received", str(raised.exception))
		self.assertIn("Prepared", str(raised.exception))  # tells what is allowed
		self.assertEqual(frappe.db.get_value(card.doctype, card.name, "workflow_state"), lifecycle.RECEIVED)

	def test_clerk_cannot_approve_disposal(self):
		card = make_card(lifecycle.PENDING_DISPOSAL)
		card.disposal_staff_1, card.disposal_staff_2 = self.clerk, self.clerk_2
		card.save()
		frappe.set_user(self.clerk)
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(card, "Approve Disposal")
		card.reload()
		card.workflow_state = lifecycle.DISPOSED
		with self.assertRaises(CardTransitionError):
			card.save()
		frappe.set_user(self.manager)
		card = apply_workflow(frappe.get_doc(card.doctype, card.name), "Approve Disposal")
		self.assertEqual(card.workflow_state, lifecycle.DISPOSED)
		self.assertEqual(str(card.disposed_date), today())

	def test_disposal_needs_two_different_staff(self):
		card = make_card(lifecycle.PENDING_DISPOSAL)
		frappe.set_user(self.manager)
		card.disposal_staff_1 = card.disposal_staff_2 = self.clerk
		card.save()
		with self.assertRaises(CardTransitionError) as raised:
			apply_workflow(card, "Approve Disposal")
		self.assertIn("different", str(raised.exception))
		card.reload()
		card.disposal_staff_2 = None
		card.save()
		with self.assertRaises(CardTransitionError):
			apply_workflow(card, "Approve Disposal")
		self.assertEqual(
			frappe.db.get_value(card.doctype, card.name, "workflow_state"), lifecycle.PENDING_DISPOSAL
		)

	def test_pickup_booking_and_cancellation_move_the_card(self):
		for start in (lifecycle.NOTICE_SENT, lifecycle.RENOTICE_SENT):
			card = make_card(start)
			notice_date, deadline = getdate(card.notice_date), getdate(card.disposal_deadline)
			frappe.set_user("Guest")  # a resident booking on the public form
			book_card(card.name, "BK-TEST-1")
			frappe.set_user("Administrator")
			card.reload()
			self.assertEqual(card.workflow_state, lifecycle.BOOKED)
			self.assertEqual(card.state_before_booking, start)
			release_card(card.name, "BK-TEST-1")
			card.reload()
			self.assertEqual(card.workflow_state, start)
			# cancelling does not restart the disposal clock
			self.assertEqual(
				(getdate(card.notice_date), getdate(card.disposal_deadline)), (notice_date, deadline)
			)
			comments = frappe.get_all(
				"Comment", filters={"reference_name": card.name, "comment_type": "Workflow"}, pluck="content"
			)
			self.assertTrue(any("BK-TEST-1" in c for c in comments))

	def test_booking_refused_for_card_not_awaiting_pickup(self):
		card = make_card(lifecycle.PREPARED)
		with self.assertRaises(frappe.ValidationError):
			book_card(card.name, "BK-TEST-2")
		self.assertEqual(frappe.db.get_value(card.doctype, card.name, "workflow_state"), lifecycle.PREPARED)

	def test_issue_sets_validity(self):
		card = make_card(lifecycle.ISSUED, birth_date="2008-05-10")
		self.assertEqual(str(card.issued_date), today())
		self.assertIsNotNone(card.card_expiry_date)
		self.assertGreater(getdate(card.card_expiry_date), getdate(card.certificate_expiry_date))


class TestCardFields(FrappeTestCase):
	def test_individual_number_refused_in_every_text_field(self):
		for field in ("full_name", "address", "remarks", "disposal_reason", "postal_code"):
			with self.subTest(field=field), self.assertRaises(IndividualNumberError) as raised:
				make_card(
					**{field: f"メモ {VALID_MY_NUMBER[:4]} {VALID_MY_NUMBER[4:8]} {VALID_MY_NUMBER[8:]}"}
				)
			self.assertNotIn(VALID_MY_NUMBER[-4:], str(raised.exception))
		with self.assertRaises(frappe.ValidationError):
			make_card(application_id=VALID_MY_NUMBER)
		self.assertFalse(frappe.db.exists("MyNumber Card", {"remarks": ("like", "%9018%")}))

	def test_identifiers_normalised(self):
		card = make_card(notice_number="ａｂｃ－１２３４５６", full_name_kana="ﾃｽﾄ ﾊﾅｺ")
		self.assertEqual(card.notice_number, "ABC-123456")
		self.assertEqual(card.full_name_kana, "テスト ハナコ")
		with self.assertRaises(frappe.ValidationError):
			make_card(notice_number="AB-1234")

	def test_full_width_katakana_search_finds_half_width_furigana(self):
		card = make_card(full_name="検索 花子", full_name_kana="ｹﾝｻｸ ﾊﾅｺ", birth_date="1975-03-03")
		found = [r.name for r in search_cards("ケンサク　ハナコ")]
		self.assertIn(card.name, found)
		found = [r.name for r in search_cards("けんさく 昭和50年3月3日")]
		self.assertIn(card.name, found)
		self.assertEqual([r.name for r in search_cards(card.application_id)], [card.name])
		self.assertEqual(
			[r.name for r in search_cards(card.notice_number.lower().replace("-", ""))], [card.name]
		)
		self.assertNotIn(card.name, [r.name for r in search_cards("ケンサク 1975/3/4")])


class TestBulkAndDeadlines(FrappeTestCase):
	def test_thousand_cards_marked_notice_sent_get_deadlines(self):
		names = [make_card(lifecycle.PREPARED).name for _ in range(1000)]
		result = run_bulk_transition(names, lifecycle.NOTICE_SENT, background=False)
		self.assertEqual((result["done"], result["failed"]), (1000, []))
		card = frappe.qb.DocType("MyNumber Card")
		rows = (
			frappe.qb.from_(card)
			.select(card.workflow_state, card.notice_date, card.disposal_deadline)
			.where(card.name.isin(names))
		).run(as_dict=True)
		expected = getdate(add_months(today(), disposal_rules().months_after_notice))
		self.assertEqual(len(rows), 1000)
		for row in rows:
			self.assertEqual(
				(row.workflow_state, str(row.notice_date), row.disposal_deadline),
				(lifecycle.NOTICE_SENT, today(), expected),
			)

	def test_bulk_skips_and_reports_refusals(self):
		since = now_datetime()  # a rolled-back card's name comes again: an earlier test's log may name it
		prepared, received, done = (
			make_card(lifecycle.PREPARED),
			make_card(),
			make_card(lifecycle.NOTICE_SENT),
		)
		result = run_bulk_transition(
			[prepared.name, received.name, done.name], lifecycle.NOTICE_SENT, background=False
		)
		self.assertEqual(result["done"], 1)
		self.assertEqual(result["skipped"], 1)
		self.assertEqual([f["name"] for f in result["failed"]], [received.name])
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", received.name, "workflow_state"), lifecycle.RECEIVED
		)
		# a refusal the clerk reads is not an error of the app: nothing in the Error Log
		self.assertFalse(
			frappe.db.exists("Error Log", {"reference_name": received.name, "creation": (">=", since)})
		)

	def test_an_unexpected_error_in_a_bulk_change_is_logged_and_the_rest_goes_on(self):
		from mynumber_card.api.ledger import for_each_card

		first, second = make_card(lifecycle.PREPARED), make_card(lifecycle.PREPARED)

		def change(card):
			if card.name == first.name:
				raise RuntimeError("disk full")  # not a refusal: a fault
			card.workflow_state = lifecycle.NOTICE_SENT
			card.save()
			return True

		result = for_each_card([first.name, second.name], change, "test", background=False)
		self.assertEqual((result["done"], [f["name"] for f in result["failed"]]), (1, [first.name]))
		self.assertTrue(frappe.db.exists("Error Log", {"reference_name": first.name}))
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", second.name, "workflow_state"), lifecycle.NOTICE_SENT
		)

	def test_rule_change_recomputes_deadlines_and_daily_job_moves_overdue(self):
		from mynumber_card.ledger.deadlines import move_overdue_cards_to_pending_disposal

		card = make_card(lifecycle.NOTICE_SENT)
		settings = frappe.get_single("MyNumber Card Settings")
		self.addCleanup(
			frappe.db.set_single_value,
			settings.doctype,
			"disposal_months_after_notice",
			settings.disposal_months_after_notice,
		)
		settings.town_name = settings.town_name or "試験町"
		settings.disposal_months_after_notice = 6
		settings.save()
		self.assertEqual(
			frappe.db.get_value(card.doctype, card.name, "disposal_deadline"), getdate(add_months(today(), 6))
		)
		moved = move_overdue_cards_to_pending_disposal(on=add_months(today(), 7))
		self.assertIn(card.name, moved)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.PENDING_DISPOSAL)


class TestRenewals(FrappeTestCase):
	def test_holders_due_for_renewal_listed(self):
		from mynumber_card.ledger.renewals import cards_due_for_renewal

		soon = make_card(lifecycle.ISSUED, birth_date="1980-04-01")
		frappe.db.set_value(soon.doctype, soon.name, "certificate_expiry_date", add_months(today(), 2))
		later = make_card(lifecycle.ISSUED, birth_date="1980-04-01")
		frappe.db.set_value(later.doctype, later.name, "certificate_expiry_date", add_months(today(), 5))
		due = [row.name for row in cards_due_for_renewal(today(), 3)]
		self.assertIn(soon.name, due)
		self.assertNotIn(later.name, due)
		self.assertIsNone(frappe.db.get_value(soon.doctype, soon.name, "disposal_deadline"))
