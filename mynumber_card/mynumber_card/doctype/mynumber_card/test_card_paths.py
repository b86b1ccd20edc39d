# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Every path a card takes off the counter's happy path, on a real site: validity from 発行日,
proxies, mailed and express cards, loss and suspension, disposal before hand-over, holds."""

import frappe
from frappe import _
from frappe.utils import add_days, add_months, getdate, today

from mynumber_card.api.ledger import apply_card_action, record_returned_notices
from mynumber_card.core import lifecycle
from mynumber_card.ledger.deadlines import move_overdue_cards_to_pending_disposal
from mynumber_card.ledger.handover_messages import MESSAGES
from mynumber_card.ledger.transitions import CardTransitionError
from mynumber_card.testing import StaffTestCase, book_pickup, card_from_records, make_card

# who came, and what both showed: the proxy A+B, the holder B×3 with a photo certificate (御船町, 小山町)
PROXY = {
	"received_by": "Authorised Proxy",
	"proxy_name": "代理 花子",
	"proxy_relationship": "娘",
	"proxy_identity_documents": "Driving Licence\nHealth Insurance Card",
	"holder_identity_documents": "Health Insurance Card\nPension Book\nPhoto Certificate",
}
# an 任意代理人 with a reason, its 疎明資料, the 照会書兼回答書 and the 委任状 (core/handover.py)
IN_HOSPITAL = {
	**PROXY,
	"proxy_reason": "Long-term Hospitalisation",
	"hardship_proof": "Hospital Admission Plan",
	"inquiry_form_received": 1,
	"letter_of_attorney_received": 1,
}
# a parent with the child beside them, in the same 世帯 (萩市)
PARENT = {
	"received_by": "Legal Representative",
	"proxy_name": "親 花子",
	"proxy_relationship": "母",
	"holder_present": 1,
	"authority_proof": "Not Needed: Same Household, Parent and Child",
	"proxy_identity_documents": "MyNumber Card",
	"holder_identity_documents": "Health Insurance Card\nMedical Benefit Certificate",
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
		card = card_from_records(
			birth_date="1970-01-15", card_issue_date="2019-06-01", issued_date="2019-07-01"
		)
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(str(card.issued_date), "2019-07-01")
		self.assertEqual(getdate(card.card_expiry_date), getdate("2029-01-15"))
		self.assertEqual(getdate(card.certificate_expiry_date), getdate("2024-01-15"))
		frappe.set_user(self.clerk)
		apply_card_action(card.name, "Report Loss", {"loss_reported_via": "Counter"})
		self.assertEqual(self.state_of(card), lifecycle.SUSPENDED)  # lives the same life as any card

	def test_handing_over_a_renewal_card_returns_the_old_one_in_the_same_transaction(self):
		# made nine and a half years ago: still valid, and due for renewal within the year
		made = f"{getdate(today()).year - 9}-06-01"
		old = make_card(lifecycle.ISSUED, birth_date="1960-05-01", card_issue_date=made)
		new = make_card(lifecycle.BOOKED, birth_date="1960-05-01", replaces_card=old.name)
		frappe.set_user(self.clerk)
		apply_card_action(new.name, "Issue", {"received_by": "Holder"})
		old.reload()
		self.assertEqual(old.workflow_state, lifecycle.RETURNED)
		self.assertEqual(old.return_reason, "Renewal")
		self.assertEqual(old.disposal_staff_1, self.clerk)

	def test_an_expired_card_is_not_handed_over(self):
		# 対馬市: 「有効期限を過ぎたカードをお渡しすることはできない」; the issue date printed on the card
		# decides (an estimated one only warns)
		card = make_card(lifecycle.BOOKED, birth_date="1960-05-01", card_issue_date="2016-06-01")
		self.assertEqual(str(card.card_expiry_date), "2026-05-01")
		frappe.set_user(self.clerk)
		with self.assertRaises(CardTransitionError) as raised:
			apply_card_action(card.name, "Issue", {"received_by": "Holder"})
		self.assertIn(_("Validity Ended"), str(raised.exception))
		self.assertEqual(self.state_of(card), lifecycle.BOOKED)

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
	def assert_refused_writing_nothing(self, card, values, *problems, user=None):
		"""The hand-over is refused with one message per problem (ledger/handover_messages.py)."""
		frappe.set_user(user or self.clerk)
		with self.assertRaises(CardTransitionError) as raised:
			apply_card_action(card.name, "Issue", values)
		for problem in problems:
			self.assertIn(MESSAGES[problem](), str(raised.exception))
		frappe.set_user("Administrator")
		stored = frappe.db.get_value(
			"MyNumber Card",
			card.name,
			["workflow_state", "proxy_name", "received_by", "proxy_identity_documents"],
			as_dict=True,
		)
		self.assertEqual(stored.workflow_state, card.workflow_state)
		self.assertFalse(stored.proxy_name or stored.received_by or stored.proxy_identity_documents)

	def test_proxy_issue_without_reason_is_refused_and_writes_nothing(self):
		card = make_card(lifecycle.BOOKED)
		self.assert_refused_writing_nothing(
			card, PROXY, "reason_missing", "inquiry_form_missing", "letter_of_attorney_missing"
		)

	def test_proxy_issue_with_reason_proof_forms_and_documents(self):
		card = make_card(lifecycle.BOOKED, birth_date="1948-06-01")
		frappe.set_user(self.clerk)
		apply_card_action(card.name, "Issue", IN_HOSPITAL)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(card.received_by, "Authorised Proxy")
		self.assertEqual(card.proxy_identity_documents, "Driving Licence\nHealth Insurance Card")
		self.assertEqual(
			card.holder_identity_documents, "Health Insurance Card\nPension Book\nPhoto Certificate"
		)
		self.assertEqual(
			(card.hardship_proof, card.letter_of_attorney_received), ("Hospital Admission Plan", 1)
		)
		self.assertFalse(card.holder_present)  # not a check of this way of receiving: not kept

	def test_proxy_with_only_b_documents_or_an_unaccepted_reason_is_refused(self):
		card = make_card(lifecycle.BOOKED)
		only_b = {**IN_HOSPITAL, "proxy_identity_documents": "Health Insurance Card\nPension Book"}
		self.assert_refused_writing_nothing(card, only_b, "proxy_documents")
		busy = {**IN_HOSPITAL, "proxy_reason": "Other", "hardship_proof": None}
		self.assert_refused_writing_nothing(card, busy, "reason_not_accepted")

	def test_legal_representative_comes_with_the_child_and_shows_authority(self):
		adult = make_card(lifecycle.BOOKED, birth_date="1990-01-01")
		self.assert_refused_writing_nothing(adult, PARENT, "legal_representative_not_allowed")
		child = make_card(lifecycle.BOOKED, birth_date=add_days(today(), -365 * 8))
		# 萩市 「法定代理人の方のみではなく、必ずご本人とともに」
		self.assert_refused_writing_nothing(child, {**PARENT, "holder_present": 0}, "holder_not_present")
		self.assert_refused_writing_nothing(child, {**PARENT, "authority_proof": None}, "authority_minor")
		# the child alone is not handed the card either
		self.assert_refused_writing_nothing(
			child, {"received_by": "Holder"}, "holder_needs_legal_representative"
		)
		frappe.set_user(self.clerk)
		apply_card_action(child.name, "Issue", PARENT)
		child.reload()
		self.assertEqual(child.workflow_state, lifecycle.ISSUED)
		self.assertEqual(
			(child.received_by, child.holder_present, child.authority_proof),
			("Legal Representative", 1, "Not Needed: Same Household, Parent and Child"),
		)

	def test_guardian_of_an_adult_ward_shows_the_registry_certificate(self):
		ward = make_card(lifecycle.BOOKED, birth_date="1950-01-01")
		guardian = {
			**PARENT,
			"proxy_relationship": "成年後見人",
			"holder_under_guardianship": 1,
			"holder_identity_documents": "Driving Licence",
		}
		self.assert_refused_writing_nothing(ward, guardian, "authority_ward")
		frappe.set_user(self.clerk)
		apply_card_action(
			ward.name, "Issue", {**guardian, "authority_proof": "Adult Guardianship Registry Certificate"}
		)
		self.assertEqual(self.state_of(ward), lifecycle.ISSUED)

	def test_manager_records_an_exception_but_cannot_waive_the_law(self):
		card = make_card(lifecycle.BOOKED)
		# the old override (no reason, no 照会書) is refused, whoever asks
		old_override = {**PROXY, "handover_override_reason": "本人入院中、病院に電話で確認"}
		self.assert_refused_writing_nothing(
			card,
			old_override,
			"reason_missing",
			"exception_not_allowed",
			"inquiry_form_missing",
			user=self.manager,
		)
		# a 疎明資料 not on the town's list, for a listed reason: only a manager, writing why
		unlisted = {
			**IN_HOSPITAL,
			"hardship_proof": "Other Document Accepted by the Town",
			"handover_override_reason": "病院発行の入院証明書（町の様式外）を確認",
		}
		self.assert_refused_writing_nothing(card, unlisted, "hardship_proof_exception")
		frappe.set_user(self.manager)
		apply_card_action(card.name, "Issue", unlisted)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(card.handover_override_reason, "病院発行の入院証明書（町の様式外）を確認")

	def test_document_numbers_have_nowhere_to_go(self):
		card = make_card(lifecycle.BOOKED)
		frappe.set_user(self.clerk)
		with self.assertRaises(CardTransitionError):
			apply_card_action(
				card.name, "Issue", {**IN_HOSPITAL, "proxy_identity_documents": "免許 第0123号"}
			)
		with self.assertRaises(frappe.ValidationError):
			apply_card_action(card.name, "Issue", {"full_name": "別人"})  # not a field of this action
		self.assertEqual(self.state_of(card), lifecycle.BOOKED)

	def test_a_proxy_named_in_the_booking_is_prepared_for_and_the_scanner_asks_who_came(self):
		from mynumber_card.api.scanner import run_scan

		card = make_card(lifecycle.NOTICE_SENT, birth_date="2015-05-05")
		booking = book_pickup(
			card,
			proxy_coming=1,
			proxy_kind="Legal Representative",
			proxy_name="親 花子",
			proxy_name_kana="オヤ ハナコ",
			proxy_relationship="母",
		)
		card.reload()
		card.onload()
		self.assertEqual(
			card.get("__onload").booked_proxy,
			{"received_by": "Legal Representative", "proxy_name": "親 花子", "proxy_relationship": "母"},
		)
		self.assertEqual(run_scan("Check-in", booking.name, session_id="proxy")["result"], "OK")
		refused = run_scan("Issue", card.notice_number, session_id="proxy")
		self.assertEqual((refused["result"], refused["handover"]), ("Refused", True))  # the page asks
		self.assertEqual(self.state_of(card), lifecycle.BOOKED)
		# the same scan with what the clerk recorded in the dialog: handed over, the booking done
		without_child = run_scan(
			"Issue", card.notice_number, session_id="proxy", handover_values={**PARENT, "holder_present": 0}
		)
		self.assertEqual(without_child["result"], "Refused")
		self.assertIn(MESSAGES["holder_not_present"](), without_child["message"])
		self.assertEqual(self.state_of(card), lifecycle.BOOKED)
		done = run_scan("Issue", card.notice_number, session_id="proxy", handover_values=PARENT)
		self.assertEqual(done["result"], "OK")
		self.assertEqual(self.state_of(card), lifecycle.ISSUED)
		self.assertEqual(frappe.db.get_value("Card Booking", booking.name, "workflow_state"), "Completed")
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", card.name, "received_by"), "Legal Representative"
		)

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
