# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Card Service in the browser: a foreign resident's 有効期間変更 from the card's Counter Services, and a
reissue whose fee follows the reason. Screenshots in MNC_SCREENSHOTS: card-service-validity-change.png,
card-service-validity-changed.png, card-service-special-period.png, card-service-reissue-fee.png."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_years, getdate, today

from mynumber_card.core import residence
from mynumber_card.testing import (
	BASE_URL,
	SERVER_WAIT_MS,
	SHOTS,
	card_from_records,
	chromium,
	desk_page,
	make_card,
)

OTHER_STATUS = "Mid- to Long-Term Resident (Other Status)"


def foreign_card(end_of_stay: str):
	return card_from_records(
		full_name="グエン ヴァン アン",
		full_name_kana="グエン ヴァン アン",
		birth_date="1990-05-10",
		card_issue_date=add_years(today(), -2),
		issued_date=add_years(today(), -2),
		residence_expiry_date=end_of_stay,
		residence_status=OTHER_STATUS,
	)


def set_values(page, values: dict):
	"""Set fields the way the form does (its own set_value, so that depends_on and events follow)."""
	page.evaluate("(values) => cur_frm.set_value(values)", values)
	page.wait_for_timeout(800)


def save(page):
	page.keyboard.press("Control+s")
	page.wait_for_url("**/app/card-service/CSV-*", timeout=SERVER_WAIT_MS)
	page.wait_for_selector('.indicator-pill:has-text("完了"), .indicator-pill:has-text("Completed")')
	return page.url.rstrip("/").split("/")[-1]


class TestCardServicePage(FrappeTestCase):
	def test_validity_change_and_reissue_fee_in_the_form(self):
		end_of_stay = add_days(today(), 30)
		new_end = add_years(today(), 3)
		card = foreign_card(end_of_stay)
		pending = foreign_card(end_of_stay)
		national = make_card("Issued")
		frappe.db.commit()
		made = []
		try:
			with chromium() as browser:
				page = desk_page(browser)
				page.goto(f"{BASE_URL}/app/mynumber-card/{card.name}")
				page.locator(
					'.inner-group-button button:has-text("窓口手続"), .inner-group-button button:has-text("Counter Services")'
				).first.click()
				page.locator('.dropdown-menu a:visible:has-text("有効期間変更")').first.click()
				page.wait_for_url("**/app/card-service/new*", timeout=SERVER_WAIT_MS)
				page.wait_for_selector('[data-fieldname="new_residence_expiry_date"]:visible')
				page.wait_for_function(
					"() => cur_frm.doc.residence_status && cur_frm.doc.current_card_expiry_date"
				)
				set_values(page, {"new_residence_expiry_date": new_end, "additional_field_space": 1})
				section = page.locator(
					'.form-section:has([data-fieldname="new_residence_expiry_date"])'
				).first
				text = section.inner_text()
				self.assertIn("追記欄に余白あり", text)
				page.screenshot(path=SHOTS / "card-service-validity-change.png", full_page=True)
				made.append(save(page))
				page.wait_for_selector('[data-fieldname="new_card_expiry_date"] .control-value')
				self.assertIn(
					getdate(new_end).strftime("%Y"),
					page.locator('[data-fieldname="new_card_expiry_date"] .control-value').first.inner_text(),
				)
				page.screenshot(path=SHOTS / "card-service-validity-changed.png", full_page=True)

				page.goto(
					f"{BASE_URL}/app/card-service/new?card={pending.name}&service_type=Special%20Period%20Extension"
				)
				page.wait_for_selector('[data-fieldname="pending_proof"]:visible')
				set_values(page, {"pending_proof": residence.PENDING_PROOFS[0]})
				made.append(save(page))
				page.screenshot(path=SHOTS / "card-service-special-period.png", full_page=True)

				page.goto(
					f"{BASE_URL}/app/card-service/new?card={national.name}&service_type=Reissue%20Application"
				)
				page.wait_for_selector('[data-fieldname="revoke_reason"]:visible')
				set_values(page, {"revoke_reason": "Additional Field Full", "with_certificates": 1})
				page.wait_for_function("() => cur_frm.doc.computed_fee === 0")
				set_values(page, {"revoke_reason": "Lost"})
				page.wait_for_function("() => cur_frm.doc.computed_fee === 1000 && cur_frm.doc.fee === 1000")
				set_values(page, {"express": 1})
				page.wait_for_function("() => cur_frm.doc.computed_fee === 2000")
				page.screenshot(path=SHOTS / "card-service-reissue-fee.png", full_page=True)
			frappe.db.rollback()  # read what the served site committed
			self.assertEqual(
				str(frappe.db.get_value("MyNumber Card", card.name, "card_expiry_date")), new_end
			)
			self.assertEqual(
				frappe.db.get_value("MyNumber Card", pending.name, "validity_change_kind"),
				"Special Period Extension",
			)
		finally:
			frappe.db.rollback()
			for name in made:
				frappe.delete_doc("Card Service", name, force=True, ignore_permissions=True)
			for name in (card.name, pending.name, national.name):
				frappe.delete_doc("MyNumber Card", name, force=True, ignore_permissions=True)
			frappe.db.commit()
		self.assertEqual(len(made), 2)
