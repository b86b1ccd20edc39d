# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""utils/kept_translations: the scanner's texts are Frappe's translations, kept per process, and a
Translation saved or deleted, or Frappe's caches cleared, is followed from then on."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.utils import kept_translations
from mynumber_card.utils.kept_translations import translate

MESSAGE = "Nothing was scanned."


class TestKeptTranslations(FrappeTestCase):
	def setUp(self):
		self.lang = frappe.local.lang
		frappe.local.lang = "ja"

	def tearDown(self):
		frappe.local.lang = self.lang

	def test_a_text_is_frappes_translation_and_follows_a_translation_record(self):
		shipped = frappe._(MESSAGE)
		self.assertNotEqual(shipped, MESSAGE)  # the app's ja.csv translates it
		self.assertEqual(translate(MESSAGE), shipped)
		record = frappe.get_doc(
			{
				"doctype": "Translation",
				"language": "ja",
				"source_text": MESSAGE,
				"translated_text": "読めません（町の訳）",
			}
		).insert()
		try:
			self.assertEqual(translate(MESSAGE), shipped)  # not before it is committed
			frappe.db.commit()
			self.assertEqual(translate(MESSAGE), "読めません（町の訳）")
		finally:
			frappe.delete_doc("Translation", record.name)
			frappe.db.commit()
		self.assertEqual(translate(MESSAGE), shipped)

	def test_clearing_frappes_caches_translates_again(self):
		self.assertIn("mynumber_card.utils.kept_translations.renew", frappe.get_hooks("clear_cache"))
		translate(MESSAGE)
		kept = kept_translations._kept[(frappe.local.site, "ja")]
		self.assertIn(MESSAGE, kept[1])
		kept_translations.renew()
		translate(MESSAGE)
		self.assertIsNot(kept_translations._kept[(frappe.local.site, "ja")], kept)

	def test_each_language_keeps_its_own_texts(self):
		japanese = translate(MESSAGE)
		frappe.local.lang = "en"
		self.assertEqual(translate(MESSAGE), MESSAGE)
		frappe.local.lang = "ja"
		self.assertEqual(translate(MESSAGE), japanese)
