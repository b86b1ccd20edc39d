# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Resident Event Import in the browser: choose the 住基 list, dry run, import, the result per row, and
the card form with its 「住民記録の異動」. Screenshots in MNC_SCREENSHOTS: resident-events-dry-run.png,
resident-events-done.png, resident-events-card.png, resident-events-card-not-handed-over.png,
resident-events-hand-over-refused.png."""

import tempfile
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.mynumber_card.doctype.card_import.test_card_import import MY_NUMBER, found_anywhere, xlsx
from mynumber_card.mynumber_card.doctype.resident_event_import.test_resident_event_import import (
	HEADER,
	HOLDERS,
	held_card,
)
from mynumber_card.testing import BASE_URL, IMPORT_WAIT_MS, SHOTS, button, chromium, desk_page, make_card


class TestResidentEventImportPage(FrappeTestCase):
	def test_dry_run_import_and_the_card_form(self):
		cards = [held_card(1), held_card(2)]
		name, kana, birth = HOLDERS[3]
		waiting = make_card(lifecycle.NOTICE_SENT, full_name=name, full_name_kana=kana, birth_date=birth).name
		cards.append(waiting)
		frappe.db.commit()
		path = Path(tempfile.mkdtemp()) / "死亡転出_令和8年4月.xlsx"
		# holders 1 and 2 held, holder 3's card waits for pickup, 四郎 has no card, 五郎's row holds a 個人番号
		path.write_bytes(
			xlsx(
				[*HEADER, "備考"],
				[
					(HOLDERS[1][0], "", "S6.1.11", "死亡", "R8.4.10", ""),
					(HOLDERS[2][0], HOLDERS[2][1], "1931/2/12", "転出", "2026-04-20", ""),
					(HOLDERS[3][0], "", "1931-03-13", "死亡", "2026-04-25", ""),
					("住基試験 四郎", "", "1931-04-14", "転出", "2026-04-26", ""),
					("住基試験 五郎", "", "1931-05-15", "死亡", "R8.4.27", MY_NUMBER),
				],
			)
		)
		imports_before = frappe.db.count("Resident Event Import")
		name = None
		try:
			with chromium() as browser:
				page = desk_page(browser)
				page.goto(f"{BASE_URL}/app/resident-event-import/new")
				page.wait_for_selector(".mnc-event-import input[type=file]", state="attached")
				page.set_input_files(".mnc-event-import input[type=file]", str(path))
				button(page, "確認（ドライラン）", "Check (Dry Run)").click()
				page.wait_for_selector(".mnc-report .mnc-results tbody tr")
				report = page.inner_text(".mnc-report")
				self.assertNotIn(MY_NUMBER[-4:], report.replace("\n", ""))
				self.assertEqual(page.locator(".mnc-results tbody tr").count(), 5)
				page.screenshot(path=SHOTS / "resident-events-dry-run.png", full_page=True)
				frappe.db.rollback()
				self.assertEqual(frappe.db.count("Resident Event Import"), imports_before)

				button(page, "取り込む", "Import the File").click()
				page.wait_for_url("**/app/resident-event-import/REVI-*", timeout=IMPORT_WAIT_MS)
				name = page.url.rstrip("/").split("/")[-1]
				saved = '[data-fieldname="results_html"] .mnc-results tbody tr'
				page.wait_for_selector(saved)
				outcomes = page.locator(saved).evaluate_all("rows => rows.map(r => r.dataset.outcome)")
				self.assertEqual(outcomes, ["recorded", "recorded", "recorded", "not_found", "refused"])
				page.screenshot(path=SHOTS / "resident-events-done.png", full_page=True)

				page.goto(f"{BASE_URL}/app/mynumber-card/{cards[0]}")
				page.wait_for_selector('[data-fieldname="holder_left_date"]')
				headline = page.locator(".form-message").first.inner_text()
				self.assertIn("保有枚数に数えません", headline)
				page.locator('[data-fieldname="holder_left_reason"]').first.scroll_into_view_if_needed()
				page.screenshot(path=SHOTS / "resident-events-card.png", full_page=True)

				page.goto(f"{BASE_URL}/app/mynumber-card/{waiting}")
				page.wait_for_selector(".form-message")
				self.assertIn("交付できません", page.locator(".form-message").first.inner_text())
				page.screenshot(path=SHOTS / "resident-events-card-not-handed-over.png", full_page=True)
				# the hand-over itself is refused with the reason (the form's Issue action, sent as it sends it)
				page.evaluate(
					"""card => {
						frappe.call({
							method: "mynumber_card.api.ledger.apply_card_action",
							args: { card, action: "Issue", values: {} },
						}).catch(() => null); // refused: Frappe shows the message
					}""",
					waiting,
				)
				page.wait_for_selector(".modal.show .msgprint")
				refusal = page.inner_text(".modal.show")
				self.assertIn("交付できません", refusal)
				self.assertIn("本人死亡", refusal)
				page.screenshot(path=SHOTS / "resident-events-hand-over-refused.png")
			frappe.db.rollback()  # see what the server committed
			left = frappe.get_all(
				"MyNumber Card", {"name": ("in", cards)}, ["name", "holder_left_reason", "disposal_cause"]
			)
			self.assertEqual(
				{r.name: (r.holder_left_reason, r.disposal_cause) for r in left},
				{
					cards[0]: ("Died", ""),
					cards[1]: ("Moved Out", ""),
					waiting: ("Died", "Holder Died"),
				},
			)
			self.assertEqual(found_anywhere(MY_NUMBER), [])
		finally:
			frappe.db.rollback()
			if name:
				frappe.delete_doc("Resident Event Import", name, force=True, ignore_permissions=True)
			for card in cards:
				frappe.delete_doc("MyNumber Card", card, force=True)
			frappe.db.commit()
