# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Every path a card takes off the counter's happy path, on a real site: validity from 発行日,
proxies, mailed and express cards, loss and suspension, disposal before hand-over, holds."""

import frappe
from frappe.utils import add_days, add_months, getdate, today

from mynumber_card.api.ledger import apply_card_action, record_returned_notices
from mynumber_card.core import lifecycle
from mynumber_card.ledger.deadlines import move_overdue_cards_to_pending_disposal
from mynumber_card.ledger.transitions import CardTransitionError
from mynumber_card.testing import StaffTestCase, make_card

PROXY = {
	"received_by": "Authorised Proxy",
	"proxy_name": "代理 花子",
	"proxy_relationship": "娘",
	"identity_documents": "Driving Licence",
}


class TestCardPaths(StaffTestCase):
	def state_of(self, card) -> str:
		return frappe.db.get_value("MyNumber Card", card.name, "workflow_state")

	# validity from 発行日
	def test_validity_counts_from_issue_date_on_card_not_handover(self):
		card = make_card(lifecycle.BOOKED, birth_date="1990-02-10", card_issue_date="2026-01-20")
		frappe.set_user(self.clerk)
		apply_card_action(card.name, "Issue", {"received_by": "Holder"})
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(getdate(card.card_expiry_date), getdate("2035-02-10"))
		self.assertEqual(getdate(card.certificate_expiry_date), getdate("2030-02-10"))
		self.assertFalse(card.card_issue_date_estimated)

	def test_seventeen_on_issue_date_gets_five_years_even_if_handed_over_at_eighteen(self):
		card = make_card(lifecycle.ISSUED, birth_date="2008-03-10", card_issue_date="2026-02-20")
		self.assertEqual(getdate(card.card_expiry_date), getdate("2030-03-10"))
		self.assertEqual(getdate(card.certificate_expiry_date), getdate("2030-03-10"))
		self.assertTrue(card.has_signing_certificate)

	def test_foreign_resident_and_holder_without_certificates(self):
		card = make_card(
			birth_date="1995-08-01", card_issue_date="2026-04-01", residence_expiry_date="2028-07-31"
		)
		self.assertEqual(getdate(card.card_expiry_date), getdate("2028-07-31"))
		self.assertEqual(getdate(card.certificate_expiry_date), getdate("2028-07-31"))
		none = make_card(birth_date="1990-02-10", card_issue_date="2026-01-20", certificates_declined=1)
		self.assertIsNone(none.certificate_expiry_date)
		self.assertFalse(none.has_signing_certificate or none.has_user_certificate)
		face = make_card(birth_date="1950-05-05", card_issue_date="2026-01-20", face_auth_card=1)
		self.assertFalse(face.has_signing_certificate)
		self.assertTrue(face.has_user_certificate)

	def test_issue_date_estimated_until_staff_enter_it_and_printed_expiry_wins(self):
		card = make_card(birth_date="1990-02-10")
		self.assertEqual(str(card.card_issue_date), today())
		self.assertTrue(card.card_issue_date_estimated)
		card.card_issue_date = "2026-01-20"
		card.printed_expiry_date = "2035-02-09"  # not what the rules give: kept, with a message
		card.save()
		self.assertFalse(card.card_issue_date_estimated)
		self.assertEqual(getdate(card.card_expiry_date), getdate("2035-02-09"))

	def test_card_from_earlier_records_enters_issued_with_its_own_dates(self):
		card = make_card(
			registered_from_records=1,
			application_id=None,
			notice_number=None,
			birth_date="1970-01-15",
			card_issue_date="2019-06-01",
			issued_date="2019-07-01",
		)
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(str(card.issued_date), "2019-07-01")
		self.assertEqual(getdate(card.card_expiry_date), getdate("2029-01-15"))
		self.assertEqual(getdate(card.certificate_expiry_date), getdate("2024-01-15"))
		frappe.set_user(self.clerk)
		apply_card_action(card.name, "Report Loss", {"loss_reported_via": "Counter"})
		self.assertEqual(self.state_of(card), lifecycle.SUSPENDED)  # lives the same life as any card

	def test_handing_over_a_renewal_card_returns_the_old_one_in_the_same_transaction(self):
		old = make_card(lifecycle.ISSUED, birth_date="1960-05-01", card_issue_date="2016-06-01")
		new = make_card(lifecycle.BOOKED, birth_date="1960-05-01", replaces_card=old.name)
		frappe.set_user(self.clerk)
		apply_card_action(new.name, "Issue", {"received_by": "Holder"})
		old.reload()
		self.assertEqual(old.workflow_state, lifecycle.RETURNED)
		self.assertEqual(old.return_reason, "Renewal")
		self.assertEqual(old.disposal_staff_1, self.clerk)

	def test_a_reissued_card_arriving_at_intake_links_to_the_card_it_replaces(self):
		from mynumber_card.api.scanner import run_scan
		from mynumber_card.testing import unique_application_id

		old = make_card(lifecycle.ISSUED)
		new_id = unique_application_id()
		service = frappe.get_doc(
			{
				"doctype": "Card Service",
				"card": old.name,
				"service_type": "Reissue Application",
				"staff": self.clerk,
				"visitor": "Holder",
				"revoke_reason": "Damaged",
				"new_application_id": new_id,
			}
		).insert()
		self.assertEqual(self.state_of(old), lifecycle.REVOKED)
		delivery = frappe.get_doc(
			{"doctype": "Card Delivery", "expected_count": 1, "received_date": today(), "status": "Open"}
		).insert()
		result = run_scan("Intake", new_id, delivery=delivery.name, session_id="reissue")
		self.assertEqual(result["result"], "OK")
		new_card = result["card"]["name"]
		self.assertEqual(frappe.db.get_value("MyNumber Card", new_card, "replaces_card"), old.name)
		self.assertEqual(frappe.db.get_value("MyNumber Card", old.name, "replaced_by_card"), new_card)
		self.assertEqual(frappe.db.get_value("Card Service", service.name, "new_card"), new_card)

	# proxies
	def test_proxy_issue_without_reason_is_refused_and_writes_nothing(self):
		card = make_card(lifecycle.BOOKED)
		frappe.set_user(self.clerk)
		with self.assertRaises(CardTransitionError) as raised:
			apply_card_action(card.name, "Issue", PROXY)
		self.assertIn("照会書兼回答書", str(raised.exception))
		frappe.set_user("Administrator")
		stored = frappe.db.get_value(
			"MyNumber Card", card.name, ["workflow_state", "proxy_name", "received_by"], as_dict=True
		)
		self.assertEqual(stored.workflow_state, lifecycle.BOOKED)
		self.assertIsNone(stored.proxy_name)

	def test_proxy_issue_with_reason_and_inquiry_form(self):
		card = make_card(lifecycle.BOOKED)
		frappe.set_user(self.clerk)
		apply_card_action(
			card.name, "Issue", {**PROXY, "proxy_reason": "Aged 75 or Older", "inquiry_form_received": 1}
		)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(card.received_by, "Authorised Proxy")
		self.assertEqual(card.identity_documents, "Driving Licence")

	def test_legal_representative_only_for_a_child_and_manager_override(self):
		adult = make_card(lifecycle.BOOKED, birth_date="1990-01-01")
		frappe.set_user(self.clerk)
		legal = {**PROXY, "received_by": "Legal Representative", "proxy_relationship": "父"}
		with self.assertRaises(CardTransitionError):
			apply_card_action(adult.name, "Issue", legal)
		child = make_card(lifecycle.BOOKED, birth_date=add_days(today(), -365 * 8))
		apply_card_action(child.name, "Issue", legal)
		self.assertEqual(self.state_of(child), lifecycle.ISSUED)
		# a manager may hand over to an authorised proxy without the form, writing why
		other = make_card(lifecycle.NOTICE_SENT)
		frappe.set_user(self.manager)
		apply_card_action(
			other.name, "Issue", {**PROXY, "handover_override_reason": "本人入院中、病院に電話で確認"}
		)
		self.assertEqual(self.state_of(other), lifecycle.ISSUED)

	def test_document_numbers_have_nowhere_to_go(self):
		card = make_card(lifecycle.BOOKED)
		frappe.set_user(self.clerk)
		with self.assertRaises(CardTransitionError):
			apply_card_action(
				card.name,
				"Issue",
				{
					**PROXY,
					"proxy_reason": "Illness",
					"inquiry_form_received": 1,
					"identity_documents": "免許 第0123号",
				},
			)
		with self.assertRaises(frappe.ValidationError):
			apply_card_action(card.name, "Issue", {"full_name": "別人"})  # not a field of this action
		self.assertEqual(self.state_of(card), lifecycle.BOOKED)

	def test_a_proxy_named_in_the_booking_is_prepared_for_and_the_scanner_leaves_it_to_the_card_form(self):
		from mynumber_card.api.scanner import run_scan
		from mynumber_card.testing import booking_values, make_slot

		card = make_card(lifecycle.NOTICE_SENT, birth_date="2015-05-05")
		booking = frappe.get_doc(
			booking_values(
				make_slot(purposes=("カード受取",)).name,
				purpose="カード受取",
				notice_number=card.notice_number,
				birth_date="2015-05-05",
				proxy_coming=1,
				proxy_kind="Legal Representative",
				proxy_name="親 花子",
				proxy_name_kana="オヤ ハナコ",
				proxy_relationship="母",
			)
		).insert()
		card.reload()
		card.onload()
		self.assertEqual(
			card.get("__onload").booked_proxy,
			{"received_by": "Legal Representative", "proxy_name": "親 花子", "proxy_relationship": "母"},
		)
		self.assertEqual(run_scan("Check-in", booking.name, session_id="proxy")["result"], "OK")
		refused = run_scan("Issue", card.notice_number, session_id="proxy")
		self.assertEqual(refused["result"], "Refused")
		self.assertEqual(self.state_of(card), lifecycle.BOOKED)

	# cards that never cross the counter
	def test_mailed_card_returned_twice_then_counter_pickup(self):
		card = make_card(lifecycle.PREPARED, issue_method="Mailed by Town")
		frappe.set_user(self.clerk)
		apply_card_action(card.name, "Mail Card", {"mail_tracking_number": "A-1"})
		apply_card_action(card.name, "Record Returned Mail")
		apply_card_action(card.name, "Mail Again", {"mail_tracking_number": "A-2"})
		apply_card_action(card.name, "Record Returned Mail")
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.MAIL_RETURNED)
		self.assertEqual(card.mail_count, 2)
		self.assertEqual(card.mail_tracking_number, "A-2")
		apply_card_action(card.name, "Switch to Counter Pickup")
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.NOTICE_SENT)
		self.assertIsNotNone(card.disposal_deadline)  # waiting at the counter: the clock runs

	def test_mailed_card_delivered_counts_as_handed_to_the_holder(self):
		card = make_card(lifecycle.MAILED, issue_method="Mailed by Town")
		frappe.set_user(self.clerk)
		apply_card_action(card.name, "Record Delivery")
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(card.received_by, "Holder")
		self.assertEqual(str(card.issued_date), today())

	def test_express_card_enters_as_mailed_with_its_reason(self):
		values = {"issue_method": "Express by J-LIS", "application_fee": 0}
		with self.assertRaises(CardTransitionError):
			make_card(**values)
		card = make_card(express_reason="Under One Year Old", birth_date=add_days(today(), -30), **values)
		self.assertEqual(card.workflow_state, lifecycle.MAILED)
		self.assertEqual(str(card.mailed_date), today())
		self.assertIsNone(card.received_date)

	# loss and suspension
	def test_loss_suspends_and_found_lifts_it(self):
		card = make_card(lifecycle.ISSUED)
		issued = card.issued_date
		frappe.set_user(self.clerk)
		with self.assertRaises(CardTransitionError):
			apply_card_action(card.name, "Report Loss", {})
		apply_card_action(
			card.name, "Report Loss", {"loss_reported_via": "Police", "police_report_number": "R8-5521"}
		)
		self.assertEqual(self.state_of(card), lifecycle.SUSPENDED)
		apply_card_action(card.name, "Lift Suspension")
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(str(card.issued_date), str(issued))  # the hand-over date stays
		self.assertEqual(str(card.suspended_date), today())

	def test_loss_then_revocation(self):
		card = make_card(lifecycle.ISSUED)
		frappe.set_user(self.clerk)
		apply_card_action(card.name, "Report Loss", {"loss_reported_via": "Call Centre"})
		apply_card_action(card.name, "Revoke", {"revoke_reason": "Lost"})
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.REVOKED)
		self.assertEqual(str(card.revoked_date), today())

	# disposal before hand-over, holds, returned notices
	def test_defective_card_disposed_before_notice(self):
		card = make_card(lifecycle.PREPARED)
		frappe.set_user(self.clerk)
		with self.assertRaises(frappe.ValidationError):
			apply_card_action(card.name, "Mark Pending Disposal", {"disposal_cause": "Defective"})
		frappe.set_user(self.manager)
		with self.assertRaises(CardTransitionError):
			apply_card_action(card.name, "Mark Pending Disposal", {})
		apply_card_action(card.name, "Mark Pending Disposal", {"disposal_cause": "Defective"})
		with self.assertRaises(CardTransitionError):
			apply_card_action(card.name, "Approve Disposal", {"disposal_staff_1": self.clerk})
		apply_card_action(
			card.name, "Approve Disposal", {"disposal_staff_1": self.clerk, "disposal_staff_2": self.clerk_2}
		)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.DISPOSED)
		self.assertEqual(card.disposal_cause, "Defective")

	def test_hold_stops_the_disposal_clock_until_its_date(self):
		card = make_card(lifecycle.PENDING_DISPOSAL)
		self.assertEqual(card.disposal_cause, "Deadline Passed")
		card.db_set("notice_date", add_months(today(), -13))  # its deadline passed a month ago
		frappe.set_user(self.manager)
		with self.assertRaises(CardTransitionError):
			apply_card_action(card.name, "Hold Disposal", {"disposal_hold_until": today()})
		hold = add_days(today(), 40)
		apply_card_action(
			card.name, "Hold Disposal", {"disposal_hold_until": hold, "disposal_hold_reason": "入院中"}
		)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.NOTICE_SENT)
		self.assertEqual(getdate(card.disposal_deadline), getdate(hold))
		frappe.set_user("Administrator")
		self.assertNotIn(card.name, move_overdue_cards_to_pending_disposal(on=add_days(today(), 39)))
		self.assertIn(card.name, move_overdue_cards_to_pending_disposal(on=add_days(today(), 41)))

	def test_returned_notices_recorded_in_bulk_with_their_date(self):
		cards = [make_card(lifecycle.NOTICE_SENT) for _ in range(3)]
		frappe.set_user(self.clerk)
		result = record_returned_notices([c.name for c in cards] + [make_card().name])
		self.assertEqual(result["done"], 3)
		self.assertEqual(len(result["failed"]), 1)  # a card with no notice sent cannot have one returned
		for card in cards:
			self.assertEqual(
				str(frappe.db.get_value("MyNumber Card", card.name, "notice_returned_date")), today()
			)
