# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Records named from a field (Booking Purpose, Booking Location): the name is taken before validate
runs, so the field is normalised in before_naming and the two always agree."""

import frappe
from frappe.tests.utils import FrappeTestCase

NAMED_BY_FIELD = {"Booking Purpose": "purpose_name", "Booking Location": "location_name"}


class TestNamesAgreeWithTheirField(FrappeTestCase):
	def test_every_doctype_named_by_a_field_is_covered(self):
		named = frappe.get_all(
			"DocType",
			filters={"module": "MyNumber Card", "autoname": ("like", "field:%")},
			fields=["name", "autoname"],
		)
		self.assertEqual({d.name: d.autoname.removeprefix("field:") for d in named}, NAMED_BY_FIELD)

	def test_half_width_kana_and_spaces_become_the_normalised_name(self):
		for doctype, field in NAMED_BY_FIELD.items():
			with self.subTest(doctype=doctype):
				doc = frappe.get_doc({"doctype": doctype, field: "　ｶｰﾄﾞ受取ﾃｽﾄ１ "}).insert()
				self.assertEqual((doc.name, doc.get(field)), ("カード受取テスト1", "カード受取テスト1"))
				self.assertEqual(frappe.db.get_value(doctype, doc.name, field), "カード受取テスト1")

	def test_a_second_spelling_of_the_same_name_is_a_duplicate(self):
		for doctype, field in NAMED_BY_FIELD.items():
			with self.subTest(doctype=doctype):
				frappe.get_doc({"doctype": doctype, field: "ﾃｽﾄ重複"}).insert()
				with self.assertRaises(frappe.DuplicateEntryError):
					frappe.get_doc({"doctype": doctype, field: "テスト重複"}).insert()
