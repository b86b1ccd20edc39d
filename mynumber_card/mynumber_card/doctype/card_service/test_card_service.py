# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from mynumber_card.api.card_services import services_for_card
from mynumber_card.core import lifecycle, services, validity
from mynumber_card.ledger.handover_messages import MESSAGES
from mynumber_card.mynumber_card.doctype.card_service.card_service import CardServiceError
from mynumber_card.settings import SETTINGS
from mynumber_card.testing import (
	StaffTestCase,
	booking_values,
	make_card,
	make_slot,
	unique_application_id,
	versions_recorded,
)

SERVICE = "Card Service"
# a child's card was handed over to the parent beside them (core/handover.py)
HANDED_TO_PARENT = {
	"received_by": "Legal Representative",
	"proxy_name": "親 花子",
	"proxy_relationship": "母",
	"holder_present": 1,
	"authority_proof": "Not Needed: Same Household, Parent and Child",
	"proxy_identity_documents": "Driving Licence",
	"holder_identity_documents": "Health Insurance Card\nMedical Benefit Certificate",
}
CARD = "MyNumber Card"


class TestCardService(StaffTestCase):
	# record(card, service_type, ...): StaffTestCase's, a clerk at the counter

	def assert_refused_writing_nothing(self, card, service_type, *fragments, **values):
		state = frappe.db.get_value(CARD, card.name, "workflow_state")
		recorded = frappe.db.count(SERVICE, {"card": card.name})
		with self.assertRaises(CardServiceError) as raised:
			self.record(card, service_type, **values)
		for fragment in fragments:
			self.assertIn(fragment, str(raised.exception))
		self.assertEqual(frappe.db.count(SERVICE, {"card": card.name}), recorded)
		self.assertEqual(frappe.db.get_value(CARD, card.name, "workflow_state"), state)
		return raised.exception

	def versions_by(self, card_name) -> list[str]:
		return frappe.get_all("Version", filters={"ref_doctype": CARD, "docname": card_name}, pluck="owner")

	# 返納
	def test_return_with_two_staff_moves_the_card_as_the_clerk(self):
		card = make_card(lifecycle.ISSUED)
		with versions_recorded():
			service = self.record(
				card, services.CARD_RETURN, return_reason="Moving Abroad", second_staff=self.clerk_2
			)
		card.reload()
		self.assertEqual(service.status, "Completed")
		self.assertEqual(service.staff, self.clerk)  # the session user by default
		self.assertEqual(service.card_state, lifecycle.ISSUED)
		self.assertEqual(card.workflow_state, lifecycle.RETURNED)
		self.assertEqual(card.return_reason, "Moving Abroad")
		self.assertEqual((card.disposal_staff_1, card.disposal_staff_2), (self.clerk, self.clerk_2))
		self.assertEqual(str(card.returned_date), today())
		self.assertIn(self.clerk, self.versions_by(card.name))  # the move is the clerk's, in the audit trail
		self.assertTrue(service.name.startswith(f"CSV-{getdate(today()).year}-"))

	def test_return_with_one_staff_is_refused_and_writes_nothing(self):
		card = make_card(lifecycle.ISSUED)
		self.assert_refused_writing_nothing(card, services.CARD_RETURN, return_reason="Voluntary")
		self.assert_refused_writing_nothing(
			card, services.CARD_RETURN, return_reason="Voluntary", second_staff=self.clerk
		)
		# the reason is what the card must record on entering Returned
		self.assert_refused_writing_nothing(card, services.CARD_RETURN, second_staff=self.clerk_2)
		card.reload()
		self.assertFalse(card.return_reason or card.disposal_staff_1 or card.returned_date)

	# 紛失 → 一時停止 → 発見
	def test_loss_suspends_the_card_and_found_lifts_it(self):
		card = make_card(lifecycle.ISSUED)
		card.db_set("issued_date", "2026-10-01")
		self.record(card, services.LOSS_REPORT, loss_reported_via="Police", police_report_number="R8-1234")
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.SUSPENDED)
		self.assertEqual((card.loss_reported_via, card.police_report_number), ("Police", "R8-1234"))
		self.assertEqual(str(card.suspended_date), today())
		self.assertEqual(services_for_card(card.name), services.services_for(lifecycle.SUSPENDED))

		self.assert_refused_writing_nothing(card, services.LOSS_REPORT, loss_reported_via="Counter")
		self.record(card, services.FOUND)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertEqual(str(card.issued_date), "2026-10-01")  # the hand-over day stays

	def test_loss_report_needs_the_channel(self):
		card = make_card(lifecycle.ISSUED)
		self.assert_refused_writing_nothing(card, services.LOSS_REPORT)

	# 紛失 → 廃止 → 再交付（特急）
	def test_loss_revocation_and_express_reissue_link_old_and_new_cards(self):
		frappe.db.set_single_value(SETTINGS, "reissue_fee_card", 900)
		self.addCleanup(frappe.db.set_single_value, SETTINGS, "reissue_fee_card", 800)
		card = make_card(
			lifecycle.ISSUED, birth_date="1990-02-10", postal_code="306-0000", address="茨城県テスト町1"
		)
		self.record(card, services.LOSS_REPORT, loss_reported_via="Call Centre")
		self.record(card, services.CARD_REVOCATION, revoke_reason="Lost")
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.REVOKED)
		self.assertEqual((card.revoke_reason, str(card.revoked_date)), ("Lost", today()))

		new_id = unique_application_id()
		typed = "".join(chr(ord(d) + 0xFEE0) for d in new_id[:4]) + "－" + new_id[4:]  # full-width, hyphen
		reissue = self.record(
			card, services.REISSUE_APPLICATION, revoke_reason="Lost", express=1, new_application_id=typed
		)
		self.assertEqual(reissue.new_application_id, new_id)
		# 特急: the express card fee in place of the card fee (明和町 2,000円 = 1,800円 + 200円)
		self.assertEqual(reissue.fee, 1800 + 200)
		self.assertTrue(reissue.new_card)
		new_card = frappe.get_doc(CARD, reissue.new_card)
		self.assertEqual(new_card.workflow_state, lifecycle.MAILED)
		self.assertEqual(new_card.issue_method, lifecycle.EXPRESS)
		self.assertEqual(new_card.express_reason, "Lost Card")
		self.assertEqual(new_card.application_id, new_id)
		self.assertEqual(new_card.application_fee, 2000)
		self.assertEqual(new_card.replaces_card, card.name)
		self.assertEqual(
			(new_card.full_name, str(new_card.birth_date), new_card.address),
			(card.full_name, "1990-02-10", "茨城県テスト町1"),
		)
		self.assertEqual(frappe.db.get_value(CARD, card.name, "replaced_by_card"), new_card.name)
		self.assertEqual(frappe.db.get_value(CARD, card.name, "workflow_state"), lifecycle.REVOKED)
		# the same application ID cannot make a second card
		self.assert_refused_writing_nothing(
			make_card(lifecycle.ISSUED),
			services.REISSUE_APPLICATION,
			new_id,
			revoke_reason="Lost",
			new_application_id=new_id,
		)

	def test_reissue_of_an_issued_card_revokes_it_and_charges_by_reason(self):
		card = make_card(lifecycle.ISSUED)
		reissue = self.record(card, services.REISSUE_APPLICATION, revoke_reason="Damaged")
		card.reload()
		self.assertEqual((card.workflow_state, card.revoke_reason), (lifecycle.REVOKED, "Damaged"))
		self.assertEqual(reissue.fee, 800 + 200)
		self.assertFalse(reissue.new_card)  # not express: the new card arrives with a J-LIS delivery

		free = self.record(
			make_card(lifecycle.ISSUED),
			services.REISSUE_APPLICATION,
			revoke_reason="Disaster",
			with_certificates=0,
		)
		self.assertEqual(free.fee, 0)
		self.assert_refused_writing_nothing(make_card(lifecycle.ISSUED), services.REISSUE_APPLICATION)
		# J-LIS makes a card at once only for a lost or destroyed one
		self.assert_refused_writing_nothing(
			make_card(lifecycle.ISSUED),
			services.REISSUE_APPLICATION,
			revoke_reason="Renewal",
			express=1,
			new_application_id=unique_application_id(),
		)

	def test_replaces_card_set_at_intake_links_the_old_card(self):
		old = make_card(lifecycle.ISSUED)
		self.record(old, services.CARD_REVOCATION, revoke_reason="Damaged")
		new = make_card()
		new.replaces_card = old.name
		new.save()
		self.assertEqual(frappe.db.get_value(CARD, old.name, "replaced_by_card"), new.name)
		other = make_card(replaces_card=None)
		other.replaces_card = old.name
		with self.assertRaises(frappe.ValidationError):
			other.save()  # one old card, one successor
		new.replaces_card = None
		new.save()
		self.assertFalse(frappe.db.get_value(CARD, old.name, "replaced_by_card"))

	# 電子証明書
	def test_certificate_renewal_runs_five_birthdays_from_the_renewal(self):
		card = make_card(lifecycle.ISSUED, birth_date="1990-02-10", card_issue_date="2026-01-20")
		self.assertEqual(str(card.card_expiry_date), "2035-02-10")
		self.assertEqual(str(card.certificate_expiry_date), "2030-02-10")
		self.record(card, services.CERTIFICATE_RENEWAL, service_date="2026-03-01")
		card.reload()
		self.assertEqual(str(card.certificate_renewed_date), "2026-03-01")
		self.assertEqual(str(card.certificate_expiry_date), "2031-02-10")  # 5th birthday after renewal
		self.assertEqual(str(card.card_expiry_date), "2035-02-10")

	def test_certificate_renewal_never_outlives_the_card_and_restores_declined_certificates(self):
		# 17 on the 発行日: a 5-year card
		card = make_card(
			lifecycle.ISSUED, birth_date="2008-03-10", card_issue_date="2026-02-20", certificates_declined=1
		)
		self.assertFalse(card.certificate_expiry_date)
		self.assertEqual(str(card.card_expiry_date), "2030-03-10")
		self.record(card, services.CERTIFICATE_RENEWAL)
		card.reload()
		self.assertFalse(card.certificates_declined)
		self.assertTrue(card.has_user_certificate)
		self.assertEqual(str(card.certificate_expiry_date), "2030-03-10")  # capped by the card
		self.assertEqual(
			card.certificate_expiry_date,
			validity.certificate_expiry(getdate("2008-03-10"), getdate(today()), getdate("2030-03-10")),
		)

	def test_certificate_renewal_by_a_proxy_without_jlis_form_reaches_the_card_at_the_second_visit(self):
		# 横浜市: with the 照会書兼回答書 J-LIS sent, one visit; without it the town mails one
		proxy = {
			"visitor": "Authorised Proxy",
			"proxy_name": "代理 次郎",
			"proxy_relationship": "長男",
			"proxy_identity_documents": "Driving Licence\nPassport",
		}
		card = make_card(lifecycle.ISSUED, birth_date="1990-02-10", card_issue_date="2026-01-20")
		waiting = self.record(card, services.CERTIFICATE_RENEWAL, **proxy)
		self.assertEqual(waiting.status, "Waiting for Second Visit")
		self.assertFalse(frappe.db.get_value(CARD, card.name, "certificate_renewed_date"))
		frappe.set_user(self.clerk_2)
		frappe.get_doc(SERVICE, waiting.name).complete_second_visit()
		frappe.set_user("Administrator")
		self.assertEqual(str(frappe.db.get_value(CARD, card.name, "certificate_renewed_date")), today())

		other = make_card(lifecycle.ISSUED, birth_date="1990-02-10", card_issue_date="2026-01-20")
		on_the_day = self.record(other, services.CERTIFICATE_RENEWAL, inquiry_form_brought=1, **proxy)
		self.assertEqual(on_the_day.status, "Completed")
		self.assertEqual(str(frappe.db.get_value(CARD, other.name, "certificate_renewed_date")), today())

	def test_certificate_revocation_leaves_the_card_without_certificates(self):
		card = make_card(lifecycle.ISSUED, birth_date="1990-02-10", card_issue_date="2026-01-20")
		self.record(card, services.CERTIFICATE_RENEWAL)
		self.record(card, services.CERTIFICATE_REVOCATION)
		card.reload()
		self.assertEqual(card.workflow_state, lifecycle.ISSUED)
		self.assertTrue(card.certificates_declined)
		self.assertFalse(card.certificate_expiry_date)
		self.assertFalse(card.has_signing_certificate or card.has_user_certificate)

	# 暗証番号の再設定
	def test_pin_reset_by_a_proxy_waits_for_the_second_visit(self):
		card = make_card(lifecycle.ISSUED)
		by_holder = self.record(card, services.PIN_RESET)
		self.assertEqual(by_holder.status, "Completed")

		by_proxy = self.record(
			card,
			services.PIN_RESET,
			visitor="Authorised Proxy",
			proxy_name="代理 次郎",
			proxy_relationship="長男",
			proxy_identity_documents=f"{_('Driving Licence')}\nPassport, Passport",
		)
		self.assertEqual(by_proxy.status, "Waiting for Second Visit")
		self.assertEqual(by_proxy.proxy_identity_documents, "Driving Licence\nPassport")  # kinds, once each
		self.assertEqual(frappe.db.get_value(CARD, card.name, "workflow_state"), lifecycle.ISSUED)

		frappe.set_user(self.clerk_2)
		frappe.get_doc(SERVICE, by_proxy.name).complete_second_visit()
		by_proxy.reload()
		self.assertEqual((by_proxy.status, str(by_proxy.second_visit_date)), ("Completed", today()))
		with self.assertRaises(CardServiceError):
			by_proxy.complete_second_visit()

	def test_proxy_needs_name_relationship_and_document_kinds_only(self):
		card = make_card(lifecycle.ISSUED)
		self.assert_refused_writing_nothing(card, services.PIN_RESET, visitor="Legal Representative")
		self.assert_refused_writing_nothing(
			card,
			services.PIN_RESET,
			"AB1234567",
			visitor="Authorised Proxy",
			proxy_name="代理 次郎",
			proxy_relationship="長男",
			proxy_identity_documents="Driving Licence AB1234567",  # a number is not a kind
		)
		# 大阪狭山市・国立市: an 任意代理人 shows one A or two B
		self.assert_refused_writing_nothing(
			card,
			services.PIN_RESET,
			MESSAGES["service_proxy_documents"](),
			visitor="Authorised Proxy",
			proxy_name="代理 次郎",
			proxy_relationship="長男",
			proxy_identity_documents="Health Insurance Card",
		)

	def test_pin_reset_by_a_legal_representative_is_done_on_the_day(self):
		# 菊池市 「本人または法定代理人が手続きする場合」: the holder's card and one more document of the
		# holder's, the 法定代理人's A×2 or A+B, and proof of authority unless the town's records show it
		child = make_card(lifecycle.ISSUED, birth_date=add_days(today(), -365 * 9), **HANDED_TO_PARENT)
		parent = {
			"visitor": "Legal Representative",
			"proxy_name": "親 花子",
			"proxy_relationship": "母",
			"authority_proof": "Family Register Certificate",
			"holder_identity_documents": "Health Insurance Card",
			"proxy_identity_documents": "Driving Licence\nHealth Insurance Card",
		}
		no_authority = {**parent, "authority_proof": None}
		self.assert_refused_writing_nothing(
			child, services.PIN_RESET, MESSAGES["authority_minor"](), **no_authority
		)
		one_document = {**parent, "proxy_identity_documents": "Driving Licence"}
		self.assert_refused_writing_nothing(
			child, services.PIN_RESET, MESSAGES["proxy_documents"](), **one_document
		)
		only_the_card = {**parent, "holder_identity_documents": "MyNumber Card"}
		self.assert_refused_writing_nothing(
			child, services.PIN_RESET, MESSAGES["service_holder_documents"](), **only_the_card
		)
		adult = make_card(lifecycle.ISSUED, birth_date="1990-01-01")
		self.assert_refused_writing_nothing(
			adult, services.PIN_RESET, MESSAGES["legal_representative_not_allowed"](), **parent
		)
		done = self.record(child, services.PIN_RESET, **parent)
		self.assertEqual((done.status, done.authority_proof), ("Completed", "Family Register Certificate"))
		self.assertEqual(done.holder_identity_documents, "Health Insurance Card")

	# 状態に合わない手続
	def test_service_in_a_wrong_state_is_refused_naming_the_allowed_states(self):
		card = make_card(lifecycle.NOTICE_SENT)
		self.assertEqual(services_for_card(card.name), [])
		error = self.assert_refused_writing_nothing(card, services.PIN_RESET, _(lifecycle.NOTICE_SENT))
		self.assertIn(_(lifecycle.ISSUED), str(error))
		issued = make_card(lifecycle.ISSUED)
		self.assert_refused_writing_nothing(issued, services.FOUND, _(lifecycle.SUSPENDED))
		self.assert_refused_writing_nothing(
			issued, services.CERTIFICATE_RENEWAL, service_date=add_days(today(), 1)
		)

	def test_recorded_service_cannot_be_turned_into_another(self):
		card = make_card(lifecycle.ISSUED)
		service = self.record(card, services.PIN_RESET)
		service.service_type = services.CARD_RETURN
		with self.assertRaises(frappe.ValidationError):
			service.save()

	def test_renewal_booking_links_to_its_service(self):
		booking = frappe.get_doc(booking_values(make_slot().name, purpose="更新")).insert(
			ignore_permissions=True
		)
		card = make_card(lifecycle.ISSUED)
		service = self.record(card, services.CERTIFICATE_RENEWAL, booking=booking.name)
		self.assertEqual(frappe.db.get_value(SERVICE, service.name, "booking"), booking.name)
		# a card without an end of stay on record is not offered 有効期間変更 or 特例期間
		offered = [s for s in services.services_for(lifecycle.ISSUED) if s not in services.VALIDITY_SERVICES]
		self.assertEqual(services_for_card(card.name), offered)
