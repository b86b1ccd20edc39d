# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The card's validity as the ledger keeps it (ledger/transitions.set_validity): the 申請受付日, the
residence status, guardianship, the card generation and a counter renewal of the certificates feed
the core rules (core/validity.py; worked examples and sources in tests/test_validity_rules.py)."""

import frappe
from frappe.utils import add_months, getdate, today

from mynumber_card.core import lifecycle, services, validity
from mynumber_card.ledger.renewals import cards_due_for_renewal
from mynumber_card.settings import SETTINGS
from mynumber_card.testing import StaffTestCase, make_card

CARD = "MyNumber Card"


def dates(card) -> tuple[str, str]:
	return str(card.card_expiry_date), str(card.certificate_expiry_date)


class TestCardValidity(StaffTestCase):
	def use_generation_for_new_cards(self, code: str):
		before = frappe.db.get_single_value(SETTINGS, "new_card_generation")
		self.addCleanup(frappe.db.set_single_value, SETTINGS, "new_card_generation", before)
		frappe.db.set_single_value(SETTINGS, "new_card_generation", code)

	def test_the_application_received_date_decides_the_age_line_and_recomputes(self):
		# worked example A: born 2003-01-01, 申請受付日 2022-03-20, 発行日 2022-04-15 → 2027-01-01
		card = make_card(birth_date="2003-01-01", card_issue_date="2022-04-15")
		self.assertEqual(dates(card), ("2032-01-01", "2027-01-01"))  # no 申請受付日: the 発行日 stands in
		card.application_received_date = "2022-03-20"
		card.save()
		self.assertEqual(dates(card), ("2027-01-01", "2027-01-01"))
		card.application_received_date = "2022-04-02"  # case B: after the switch, 18 is of age
		card.save()
		self.assertEqual(dates(card), ("2032-01-01", "2027-01-01"))

	def test_the_end_of_stay_does_not_cap_the_three_uncapped_statuses(self):
		card = make_card(
			birth_date="2000-08-01", card_issue_date="2024-09-01", residence_expiry_date="2027-12-31"
		)
		self.assertEqual(str(card.card_expiry_date), "2027-12-31")
		card.residence_status = "Permanent Resident"  # E3 (山陽小野田市)
		card.save()
		self.assertEqual(dates(card), ("2034-08-01", "2029-08-01"))
		card.residence_status = "Mid- to Long-Term Resident (Other Status)"
		card.save()
		self.assertEqual(dates(card), ("2027-12-31", "2027-12-31"))

	def test_a_ward_gets_no_signing_certificate(self):
		card = make_card(birth_date="1960-01-01", card_issue_date="2026-01-05")
		self.assertTrue(card.has_signing_certificate and card.has_user_certificate)
		card.holder_under_guardianship = 1
		card.save()
		self.assertFalse(card.has_signing_certificate)
		self.assertTrue(card.has_user_certificate)
		self.assertEqual(str(card.certificate_expiry_date), "2031-01-01")

	def test_new_cards_take_the_generation_of_the_settings_and_keep_it(self):
		old = make_card(birth_date="1990-02-10", card_issue_date="2026-01-20")
		self.assertEqual(old.card_generation, validity.CURRENT.code)
		self.use_generation_for_new_cards(validity.NEXT.code)
		new = make_card(birth_date="1990-02-10", card_issue_date="2026-01-20")
		self.assertEqual(new.card_generation, validity.NEXT.code)
		# the draft: to one month after the 10th birthday, certificates as long as the card
		self.assertEqual(dates(new), ("2035-03-10", "2035-03-10"))
		old.save()  # a card keeps its generation when the setting changes
		self.assertEqual(dates(old), ("2035-02-10", "2030-02-10"))
		self.assertEqual(old.card_generation, validity.CURRENT.code)
		# staff can correct a card's generation; the dates follow
		new.card_generation = validity.CURRENT.code
		new.save()
		self.assertEqual(dates(new), ("2035-02-10", "2030-02-10"))

	def test_a_certificate_renewed_within_its_last_three_months_runs_to_the_sixth_birthday(self):
		# certificate to 2026-06-01 (5th birthday after 2021-07-01), card to 2031-06-01
		def renewed_on(service_date: str):
			card = make_card(lifecycle.ISSUED, birth_date="1980-06-01", card_issue_date="2021-07-01")
			self.assertEqual(dates(card), ("2031-06-01", "2026-06-01"))
			frappe.set_user(self.clerk)
			frappe.get_doc(
				{
					"doctype": "Card Service",
					"card": card.name,
					"service_type": services.CERTIFICATE_RENEWAL,
					"service_date": service_date,
				}
			).insert()
			frappe.set_user("Administrator")
			card.reload()
			self.assertEqual(str(card.certificate_expiry_before_renewal), "2026-06-01")
			return card

		in_window = renewed_on("2026-04-10")  # 東村山市, 宇治市: the 6th birthday (2031-06-01)
		self.assertEqual(str(in_window.certificate_expiry_date), "2031-06-01")
		early = renewed_on("2026-02-15")  # more than three months left: the 5th (2030-06-01)
		self.assertEqual(str(early.certificate_expiry_date), "2030-06-01")

	def test_the_renewal_queue_uses_each_generations_window(self):
		in_ten_months = getdate(add_months(today(), 10))
		names = {}
		for generation in validity.GENERATIONS:
			card = make_card(lifecycle.ISSUED)
			card.db_set(
				{
					"card_generation": generation.code,
					"card_expiry_date": in_ten_months,
					"certificate_expiry_date": in_ten_months,
				},
				update_modified=False,
			)
			names[generation.code] = card.name
		due = {row.name: row.due for row in cards_due_for_renewal(today())}
		self.assertEqual(due.get(names[validity.NEXT.code]), validity.BOTH_DUE)  # one year (draft)
		self.assertNotIn(names[validity.CURRENT.code], due)  # the town's three months
		# a window given by hand (the report's filter) applies to every card
		self.assertFalse(
			{names[g.code] for g in validity.GENERATIONS}
			& {r.name for r in cards_due_for_renewal(today(), 3)}
		)
