# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A valid 個人番号 is refused in every identifier and free-text field of every doctype of the app."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.privacy import TEXT_FIELDTYPES, IndividualNumberError, refuse_individual_numbers

SHAPES = ("123456789018", "1234 5678 9018", "１２３４－５６７８－９０１８", "番号:123456789018です")


class TestIndividualNumberEverywhere(FrappeTestCase):
	def test_every_text_field_of_every_doctype(self):
		doctypes = frappe.get_all("DocType", filters={"module": "MyNumber Card", "istable": 0}, pluck="name")
		checked = 0
		for doctype in doctypes:
			meta = frappe.get_meta(doctype)
			for df in meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
				if df.options == "Phone":
					continue
				for shape in SHAPES:
					doc = frappe.new_doc(doctype)
					doc.set(df.fieldname, shape)
					with self.subTest(doctype=doctype, field=df.fieldname, shape=shape):
						with self.assertRaises(IndividualNumberError):
							refuse_individual_numbers(doc)
						checked += 1
			for table in meta.get_table_fields():
				child_meta = frappe.get_meta(table.options)
				for df in child_meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
					doc = frappe.new_doc(doctype)
					doc.append(table.fieldname, {df.fieldname: SHAPES[1]})
					with self.subTest(doctype=doctype, child=table.options, field=df.fieldname):
						with self.assertRaises(IndividualNumberError):
							refuse_individual_numbers(doc)
						checked += 1
		self.assertGreater(checked, 150)
