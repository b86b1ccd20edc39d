# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Card Import in the browser: choose a J-LIS delivery list, dry run, import, see the result.
Screenshots: card-import-dry-run.png and card-import-done.png in MNC_SCREENSHOTS."""

import tempfile
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.ledger import card_import
from mynumber_card.mynumber_card.doctype.card_import.test_card_import import (
	DELIVERY_HEADER,
	MY_NUMBER,
	PREFIX,
	delivery_rows,
	found_anywhere,
	part_files,
	xlsx,
)
from mynumber_card.testing import (
	BASE_URL,
	IMPORT_WAIT_MS,
	SHOTS,
	button,
	chromium,
	desk_page,
	open_delivery,
	remove_delivery,
)


class TestCardImportPage(FrappeTestCase):
	def test_dry_run_then_import_a_delivery_list(self):
		delivery = open_delivery(2, received_date="2026-11-02")
		path = Path(tempfile.mkdtemp()) / "J-LIS送付リスト.xlsx"
		path.write_bytes(xlsx(DELIVERY_HEADER, delivery_rows()))
		name = None
		imports_before = frappe.db.count("Card Import")
		try:
			with chromium() as browser:
				page = desk_page(browser)
				page.goto(f"{BASE_URL}/app/card-import/new")
				page.wait_for_selector(".mnc-card-import input[type=file]", state="attached")
				page.select_option('select[data-fieldname="import_type"]', "J-LIS Delivery List")
				page.evaluate("name => cur_frm.set_value('delivery', name)", delivery.name)
				page.set_input_files(".mnc-card-import input[type=file]", str(path))
				button(page, "確認（ドライラン）", "Check (Dry Run)").click()
				page.wait_for_selector(".mnc-report .mnc-problems li")
				report = page.inner_text(".mnc-report")
				self.assertNotIn(MY_NUMBER[-4:], report.replace("\n", ""))
				page.screenshot(path=SHOTS / "card-import-dry-run.png", full_page=True)
				self.assertEqual(
					frappe.db.count("Card Import"), imports_before
				)  # the dry run recorded nothing

				button(page, "取り込む", "Import the File").click()
				page.wait_for_url("**/app/card-import/CIMP-*", timeout=IMPORT_WAIT_MS)
				name = page.url.rstrip("/").split("/")[-1]
				frappe.db.rollback()  # see what the server committed
				if frappe.db.get_value("Card Import", name, "status") == "Waiting to Import":
					card_import.run(name)  # no worker runs during the tests: do its part here
					page.reload()
				page.wait_for_selector(".mnc-problems li")
				page.screenshot(path=SHOTS / "card-import-done.png", full_page=True)
			self.assertEqual(frappe.db.get_value("Card Import", name, "rows_imported"), 2)
			self.assertEqual(frappe.db.count("MyNumber Card", {"delivery": delivery.name}), 2)
			self.assertEqual(found_anywhere(MY_NUMBER), [])
		finally:
			if name:
				for file in part_files(name):
					frappe.delete_doc("File", file, force=True, ignore_permissions=True)
				frappe.delete_doc("Card Import", name, force=True, ignore_permissions=True)
			for card in frappe.get_all(
				"MyNumber Card", filters={"full_name": ("like", f"{PREFIX}%")}, pluck="name"
			):
				frappe.delete_doc("MyNumber Card", card, force=True)
			remove_delivery(delivery.name)
