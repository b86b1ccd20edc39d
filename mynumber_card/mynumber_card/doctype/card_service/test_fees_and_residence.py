# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Card Service on a real site: the fee table and its correction, a renewal that keeps the old card
until the exchange, and a foreign resident's 有効期間変更 and 特例期間 (issue 22, points 5–7)."""

import unicodedata

import frappe
from frappe.utils import add_days, getdate, today

from mynumber_card.api.card_services import services_for_card
from mynumber_card.api.ledger import apply_card_action
from mynumber_card.core import lifecycle, residence, services
from mynumber_card.ledger import residence as residence_shell
from mynumber_card.ledger.statistics import held_by_month
from mynumber_card.mynumber_card.doctype.card_service.card_service import CardServiceError
from mynumber_card.settings import SETTINGS
from mynumber_card.testing import (
	StaffTestCase,
	card_from_records,
	in_japanese,
	make_card,
	printed_text,
	unique_application_id,
)

SERVICE = "Card Service"
CARD = "MyNumber Card"
OTHER_STATUS = "Mid- to Long-Term Resident (Other Status)"
REFUSED = (CardServiceError, residence_shell.ResidenceServiceError)
PRINT_FORMAT = "Renewal Guide Letter"


class TestFeesAndResidence(StaffTestCase):
	def setUp(self):
		super().setUp()
		in_japanese(self)

	def refused(self, card, service_type, *fragments, **values) -> str:
		"""Refused with a message holding each fragment, writing nothing on the card or the services."""
		before = frappe.db.get_value(CARD, card.name, ["workflow_state", "card_expiry_date"])
		recorded = frappe.db.count(SERVICE, {"card": card.name})
		with self.assertRaises(REFUSED) as raised:
			self.record(card, service_type, **values)
		message = str(raised.exception)
		for fragment in fragments:
			self.assertIn(fragment, message)
		self.assertEqual(frappe.db.count(SERVICE, {"card": card.name}), recorded)
		self.assertEqual(frappe.db.get_value(CARD, card.name, ["workflow_state", "card_expiry_date"]), before)
		return message

	# 更新: 今のカードと交換 (彦根市, 広島市)
	def test_a_renewal_leaves_the_old_card_issued_and_held(self):
		# the issue's example: a card expiring 2026-05-01, renewal applied for on 2026-03-01
		old = card_from_records(birth_date="1970-05-01", card_issue_date="2016-06-01")
		self.assertEqual(str(old.card_expiry_date), "2026-05-01")
		reissue = self.record(
			old,
			services.REISSUE_APPLICATION,
			revoke_reason="Renewal",
			service_date="2026-03-01",
			new_application_id=unique_application_id(),
		)
		old.reload()
		self.assertEqual(old.workflow_state, lifecycle.ISSUED)
		self.assertFalse(old.revoked_date or old.revoke_reason)
		self.assertEqual(str(old.held_until), "2026-05-02")  # held until it expires (or is exchanged)
		self.assertEqual((reissue.fee, reissue.computed_fee), (0, 0))  # 忠岡町: free with the old card
		comments = frappe.get_all(
			"Comment", filters={"reference_name": old.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any(reissue.name in comment for comment in comments))

	def test_the_exchange_keeps_the_held_count(self):
		expires = add_days(today(), 60)
		old = card_from_records(
			birth_date="1970-05-01", card_issue_date="2016-06-01", printed_expiry_date=expires
		)
		month = getdate(today()).replace(day=1)

		def held() -> int:  # 保有枚数 at this month's end
			return held_by_month(month, getdate(today()))[month]

		before = held()
		new_id = unique_application_id()
		self.record(old, services.REISSUE_APPLICATION, revoke_reason="Renewal", new_application_id=new_id)
		self.assertEqual(held(), before)  # applying ends nothing
		# the new card comes with a J-LIS delivery and is linked by its 申請書ID
		new = make_card(lifecycle.BOOKED, application_id=new_id, birth_date="1970-05-01")
		self.assertEqual(new.replaces_card, old.name)
		self.assertEqual(frappe.db.get_value(CARD, old.name, "workflow_state"), lifecycle.ISSUED)
		frappe.set_user(self.clerk)
		apply_card_action(new.name, "Issue", {"received_by": "Holder"})
		frappe.set_user("Administrator")
		old.reload()
		self.assertEqual((old.workflow_state, old.return_reason), (lifecycle.RETURNED, "Renewal"))
		self.assertEqual(str(old.returned_date), today())
		self.assertEqual(held(), before)  # one card out, one in, the same day

	def test_renewal_needs_the_old_card_in_hand_and_the_window(self):
		not_due = card_from_records(birth_date="1980-04-01", card_issue_date="2024-06-01")
		self.refused(not_due, services.REISSUE_APPLICATION, "3か月", revoke_reason="Renewal")
		lost = card_from_records(birth_date="1970-05-01", card_issue_date="2016-06-01")
		self.record(lost, services.LOSS_REPORT, loss_reported_via="Call Centre", service_date="2026-03-01")
		self.refused(
			lost,
			services.REISSUE_APPLICATION,
			"更新（今のカードを返納できない）",
			revoke_reason="Renewal",
			service_date="2026-03-01",
		)
		# 彦根市: the old card lost, the new one is charged 800 + 200; the lost card is 廃止 at once
		paid = self.record(lost, services.REISSUE_APPLICATION, revoke_reason="Renewal without Old Card")
		self.assertEqual(paid.fee, 1000)
		self.assertEqual(frappe.db.get_value(CARD, lost.name, "workflow_state"), lifecycle.REVOKED)

	# 特急 and the free reasons
	def test_additional_field_full_may_be_express_and_costs_nothing(self):
		old = make_card(lifecycle.ISSUED)
		reissue = self.record(
			old,
			services.REISSUE_APPLICATION,
			revoke_reason="Additional Field Full",
			express=1,
			with_certificates=1,
			new_application_id=unique_application_id(),
		)
		self.assertEqual(reissue.fee, 0)  # 中頓別町: 追記欄満欄 by 特急 「無料」
		new_card = frappe.get_doc(CARD, reissue.new_card)
		self.assertEqual(
			(new_card.issue_method, new_card.express_reason), (lifecycle.EXPRESS, "Additional Field Full")
		)
		self.assertEqual(frappe.db.get_value(CARD, old.name, "workflow_state"), lifecycle.REVOKED)  # 生駒市
		self.refused(
			make_card(lifecycle.ISSUED),
			services.REISSUE_APPLICATION,
			revoke_reason="Holder's Wish",
			express=1,
		)

	def test_a_free_theft_needs_the_police_report_and_the_town_may_charge_it(self):
		card = make_card(lifecycle.ISSUED)
		self.refused(card, services.REISSUE_APPLICATION, "被害届", revoke_reason="Stolen")
		free = self.record(
			card, services.REISSUE_APPLICATION, revoke_reason="Stolen", police_report_number="R8-77"
		)
		self.assertEqual(free.fee, 0)
		frappe.db.set_single_value(SETTINGS, "stolen_card_free", 0)
		self.addCleanup(frappe.db.set_single_value, SETTINGS, "stolen_card_free", 1)
		paid = self.record(make_card(lifecycle.ISSUED), services.REISSUE_APPLICATION, revoke_reason="Stolen")
		self.assertEqual(paid.fee, 1000)

	def test_only_a_manager_corrects_the_fee_with_a_reason_kept(self):
		card = make_card(lifecycle.ISSUED)
		# a clerk's form sends the table's fee whatever was typed: the table stands
		by_clerk = self.record(card, services.REISSUE_APPLICATION, revoke_reason="Damaged", fee=0)
		self.assertEqual((by_clerk.fee, by_clerk.computed_fee), (1000, 1000))
		frappe.set_user(self.clerk)
		by_clerk.fee = 0
		with self.assertRaises(CardServiceError):
			by_clerk.save()
		frappe.set_user(self.manager)
		by_clerk.reload()
		by_clerk.fee = 0
		with self.assertRaises(CardServiceError):
			by_clerk.save()  # no reason
		by_clerk.reload()
		by_clerk.fee = 0
		by_clerk.fee_correction_reason = "落雷による破損と罹災証明書で確認（天災）"
		by_clerk.save()
		frappe.set_user("Administrator")
		stored = frappe.db.get_value(SERVICE, by_clerk.name, ["fee", "computed_fee", "fee_correction_reason"])
		self.assertEqual(stored, (0, 1000, "落雷による破損と罹災証明書で確認（天災）"))
		# a manager recording the service corrects at once, with the reason
		own = self.record(
			make_card(lifecycle.ISSUED),
			services.REISSUE_APPLICATION,
			user=self.manager,
			revoke_reason="Lost",
			fee=800,
			fee_correction_reason="電子証明書は不要と申出（条例どおり800円）",
		)
		self.assertEqual((own.fee, own.computed_fee), (800, 1000))

	# 外国人住民: 有効期間変更 (E1) and 特例期間 (E2)
	def foreign_card(self, **values):
		return card_from_records(
			birth_date="1990-05-10",
			card_issue_date="2024-02-01",
			issued_date="2024-02-20",
			residence_expiry_date="2025-03-31",
			residence_status=OTHER_STATUS,
			**values,
		)

	def change_validity(self, card, service_date: str, new_residence_expiry_date, **values):
		"""A 有効期間変更 recorded at the counter, with room left in the card's 追記欄."""
		return self.record(
			card,
			services.VALIDITY_CHANGE,
			service_date=service_date,
			new_residence_expiry_date=new_residence_expiry_date,
			additional_field_space=1,
			**values,
		)

	def test_e1_validity_change_after_a_new_period_of_stay(self):
		card = self.foreign_card()
		self.assertEqual(str(card.card_expiry_date), "2025-03-31")
		self.assertIn(services.VALIDITY_CHANGE, services_for_card(card.name))
		self.assertNotIn(services.VALIDITY_CHANGE, services_for_card(make_card(lifecycle.ISSUED).name))
		self.refused(
			card,
			services.VALIDITY_CHANGE,
			"追記欄",
			service_date="2025-03-10",
			new_residence_expiry_date="2030-03-31",
		)
		self.refused(
			card,
			services.VALIDITY_CHANGE,
			"失効の後",
			service_date="2025-04-01",  # the card expired the day before: a 再交付, paid
			new_residence_expiry_date="2030-03-31",
			additional_field_space=1,
		)
		change = self.change_validity(card, "2025-03-10", "2030-03-31")
		self.assertEqual(str(change.current_card_expiry_date), "2025-03-31")
		self.assertEqual(str(change.new_card_expiry_date), "2030-03-31")
		self.assertEqual(change.residence_status, OTHER_STATUS)  # shown on the service
		card.reload()
		self.assertEqual(str(card.card_expiry_date), "2030-03-31")
		self.assertEqual(str(card.residence_expiry_date), "2030-03-31")
		self.assertEqual(str(card.certificate_expiry_date), "2025-03-31")  # not extended (上板町)
		self.assertEqual(str(card.held_until), "2030-04-01")
		card.save()  # a later save keeps the change
		self.assertEqual(str(card.card_expiry_date), "2030-03-31")

	def test_validity_change_never_past_the_tenth_birthday(self):
		card = self.foreign_card()
		change = self.change_validity(card, "2025-03-10", "2035-03-31")
		self.assertEqual(str(change.new_card_expiry_date), "2033-05-10")  # 対馬市, 高崎市
		self.assertEqual(str(frappe.db.get_value(CARD, card.name, "card_expiry_date")), "2033-05-10")

	def test_e5_new_certificates_at_the_change(self):
		card = self.foreign_card()
		self.change_validity(card, "2024-12-01", "2030-03-31", issue_new_certificates=1)
		card.reload()
		self.assertEqual(str(card.certificate_expiry_date), "2029-05-10")  # 5th birthday after the day
		self.assertEqual(str(card.certificate_renewed_date), "2024-12-01")

	def test_e2_special_period_once_then_the_grant(self):
		card = self.foreign_card()
		self.refused(card, services.SPECIAL_PERIOD, "スタンプ", service_date="2025-03-20")
		special = self.record(
			card,
			services.SPECIAL_PERIOD,
			service_date="2025-03-20",
			pending_proof=residence.PENDING_PROOFS[0],
		)
		self.assertEqual(str(special.new_card_expiry_date), "2025-05-31")  # 葛城市: 2か月後まで
		card.reload()
		self.assertEqual(str(card.card_expiry_date), "2025-05-31")
		self.assertEqual(str(card.residence_expiry_date), "2025-03-31")  # the stay itself did not change
		self.refused(
			card,
			services.SPECIAL_PERIOD,
			"再延長",
			service_date="2025-05-01",
			pending_proof=residence.PENDING_PROOFS[1],
		)
		self.change_validity(card, "2025-05-10", "2028-03-31")
		self.assertEqual(str(frappe.db.get_value(CARD, card.name, "card_expiry_date")), "2028-03-31")

	def test_specified_residence_card_is_not_changed_here(self):
		card = self.foreign_card(card_kind=residence.SPECIFIED_RESIDENCE_CARD)
		self.refused(
			card,
			services.VALIDITY_CHANGE,
			"特定在留カード",
			service_date="2025-03-10",
			new_residence_expiry_date="2030-03-31",
			additional_field_space=1,
		)

	def test_a_reissued_card_takes_the_stay_shown_at_the_application(self):
		card = self.foreign_card()
		self.change_validity(card, "2025-03-10", add_days(today(), 400))
		self.record(card, services.LOSS_REPORT, loss_reported_via="Counter")
		self.refused(card, services.REISSUE_APPLICATION, "在留期間の満了日", revoke_reason="Lost")
		new_end = add_days(today(), 700)  # renewed at 入管 since: not what the old card holds
		reissue = self.record(
			card,
			services.REISSUE_APPLICATION,
			revoke_reason="Lost",
			express=1,
			new_residence_expiry_date=new_end,
			new_application_id=unique_application_id(),
		)
		new_card = frappe.get_doc(CARD, reissue.new_card)
		self.assertEqual(str(new_card.residence_expiry_date), new_end)
		self.assertEqual(new_card.residence_status, OTHER_STATUS)
		self.assertEqual(new_card.card_kind, residence.MY_NUMBER_CARD)

	# 更新のご案内 for a foreign resident: 有効期間変更, not a new card (松戸市, 敦賀市)
	def test_renewal_letter_says_what_each_holder_must_do(self):
		foreign = self.foreign_card()
		national = card_from_records(birth_date="1970-05-01", card_issue_date="2016-06-01")
		html = frappe.get_print(CARD, foreign.name, PRINT_FORMAT)
		self.assertIn("有効期間変更", html)
		self.assertIn("新しい在留カード", html)
		self.assertNotIn("カードの更新は、窓口で申請いただいた後", html)
		self.assertIn("0120-95-0178", html)
		other = frappe.get_print(CARD, national.name, PRINT_FORMAT)
		self.assertIn("いまのカードと交換", other)
		self.assertNotIn("有効期間変更", other)
		text = printed_text(self, foreign, PRINT_FORMAT)  # in NFKC: the words are compared as NFKC too
		for words in ("有効期間変更のご案内", "0120-95-0178", "24時間365日"):
			self.assertIn(unicodedata.normalize("NFKC", words), text)
