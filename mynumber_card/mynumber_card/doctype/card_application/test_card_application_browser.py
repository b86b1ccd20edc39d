# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Card Application in the browser: an 出張申請 entered from the list with quick entry, the list with
its status pills, and the form of an application whose card has arrived. Screenshots:
card-application-quick-entry.png, card-application-list.png, card-application-form.png,
card-application-on-the-card.png in MNC_SCREENSHOTS."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import applications as rules
from mynumber_card.core import lifecycle
from mynumber_card.testing import (
	BASE_URL,
	DEBOUNCE_MS,
	SERVER_WAIT_MS,
	SHOTS,
	chromium,
	desk_page,
	make_card,
)

APPLICATION = "Card Application"
DAY = "2019-07-07"  # an application date no other test uses: the list shows only these
VISITED = "出張 一郎"


class TestCardApplicationPages(FrappeTestCase):
	def setUp(self):
		self.card = make_card(lifecycle.RECEIVED, birth_date="2003-01-01", card_issue_date="2022-04-15")
		self.arrived = frappe.get_doc(
			{
				"doctype": APPLICATION,
				"method": rules.COUNTER_SUPPORT,
				"applied_on": DAY,
				"received_on": "2019-07-08",
				"application_id": self.card.application_id,
				"full_name": "試験 太郎",
				"full_name_kana": "シケン タロウ",
				"birth_date": "2003-01-01",
			}
		).insert()
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		for name in frappe.get_all(APPLICATION, filters={"applied_on": DAY}, pluck="name"):
			frappe.delete_doc(APPLICATION, name, force=True, ignore_permissions=True)
		frappe.delete_doc("MyNumber Card", self.card.name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_quick_entry_list_and_form(self):
		with chromium() as browser:
			page = desk_page(browser)
			page.goto(f"{BASE_URL}/app/card-application?applied_on={DAY}")
			page.wait_for_selector(".list-row-container", timeout=SERVER_WAIT_MS)

			# 出張申請 from the list: the quick entry dialog, not the whole form
			page.locator(".page-actions .primary-action:visible").first.click()
			dialog = page.locator(".modal.show .modal-dialog")
			dialog.wait_for(timeout=SERVER_WAIT_MS)
			dialog.locator('select[data-fieldname="method"]').select_option(rules.OFF_SITE)
			dialog.locator('select[data-fieldname="place_kind"]').select_option("Care Home or Hospital")
			dialog.locator('input[data-fieldname="full_name"]').fill(VISITED)
			dialog.locator('input[data-fieldname="full_name_kana"]').fill("シュッチョウ イチロウ")
			page.evaluate(
				"""day => frappe.quick_entry.dialog.set_values({
					applied_on: day, birth_date: "1938-02-03", place_name: "やすらぎ苑"
				})""",
				DAY,
			)
			page.wait_for_timeout(DEBOUNCE_MS)
			page.screenshot(path=SHOTS / "card-application-quick-entry.png", full_page=True)
			dialog.locator(".modal-footer .btn-primary").click()
			# the dialog closes once the server has saved the application
			page.wait_for_function("() => !frappe.quick_entry", timeout=SERVER_WAIT_MS)
			frappe.db.rollback()  # see what the server committed
			visited = frappe.db.get_value(
				APPLICATION,
				{"full_name": VISITED, "applied_on": DAY},
				["method", "place_kind", "place_name", "status"],
				as_dict=True,
			)
			self.assertEqual(
				(visited.method, visited.place_kind, visited.place_name, visited.status),
				(rules.OFF_SITE, "Care Home or Hospital", "やすらぎ苑", rules.APPLIED),
			)

			page.goto(f"{BASE_URL}/app/card-application?applied_on={DAY}")
			page.wait_for_selector(f'.list-row-container:has-text("{VISITED}")', timeout=SERVER_WAIT_MS)
			rows = page.inner_text(".result")
			self.assertIn("カード到着", rows) if "申請" in rows else self.assertIn("Card Arrived", rows)
			page.screenshot(path=SHOTS / "card-application-list.png", full_page=True)

			page.goto(f"{BASE_URL}/app/card-application/{self.arrived.name}")
			page.wait_for_selector(".form-layout", timeout=SERVER_WAIT_MS)
			page.wait_for_timeout(500)
			form = page.inner_text(".form-layout")
			self.assertIn(self.card.full_name, form)  # the card it is linked to, shown by its holder
			page.screenshot(path=SHOTS / "card-application-form.png", full_page=True)

			# the card knows its application and its 申請受付日
			page.goto(f"{BASE_URL}/app/mynumber-card/{self.card.name}")
			page.wait_for_selector('[data-fieldname="card_application"] a', timeout=SERVER_WAIT_MS)
			self.assertEqual(
				page.locator('[data-fieldname="card_application"] a').first.get_attribute("data-value"),
				self.arrived.name,
			)
			page.screenshot(path=SHOTS / "card-application-on-the-card.png", full_page=True)
