# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The shared closed lists as records (core/vocabularies.py): they are on the site after migrate, in the
core order; every value saves on the fields that link to them, an unknown one is refused; the Link
search offers them to staff in that order, matched on the Japanese they read."""

import frappe
from frappe.desk.search import search_link
from frappe.translate import get_translated_doctypes

from mynumber_card.api import vocabularies
from mynumber_card.core import lifecycle
from mynumber_card.core.vocabularies import LINK_FIELDS, RECORDS
from mynumber_card.testing import StaffTestCase, in_japanese, make_card, make_user

CARD = "MyNumber Card"


class TestSharedLists(StaffTestCase):
	def test_the_records_are_the_core_lists_in_their_order(self):
		translated = get_translated_doctypes()
		for doctype, names in RECORDS.items():
			with self.subTest(doctype=doctype):
				self.assertEqual(
					frappe.get_all(doctype, order_by="sort_order asc", pluck="name"), list(names)
				)
				self.assertIn(doctype, translated)  # the desk shows them in Japanese

	def test_a_card_saves_with_each_value_and_refuses_an_unknown_one(self):
		card = make_card(lifecycle.ISSUED)
		for fieldname, doctype in LINK_FIELDS[CARD].items():
			for value in RECORDS[doctype]:
				with self.subTest(field=fieldname, value=value):
					card.set(fieldname, value)
					card.save()
					self.assertEqual(frappe.db.get_value(CARD, card.name, fieldname), value)
			card.reload()
			card.set(fieldname, "Not on the List")
			with self.subTest(field=fieldname), self.assertRaises(frappe.LinkValidationError):
				card.save()
			card.reload()

	def test_every_linking_field_takes_each_value_and_no_other(self):
		for doctype, links in LINK_FIELDS.items():
			for fieldname, vocabulary in links.items():
				with self.subTest(doctype=doctype, field=fieldname):
					doc = frappe.new_doc(doctype)
					for value in RECORDS[vocabulary]:
						doc.set(fieldname, value)
						self.assertEqual(doc.get_invalid_links()[0], [])
					doc.set(fieldname, "Not on the List")
					invalid = doc.get_invalid_links()[0]
					self.assertEqual([(row[0], row[1]) for row in invalid], [(fieldname, "Not on the List")])

	def test_staff_find_them_in_order_by_their_japanese(self):
		in_japanese(self)
		frappe.set_user(self.clerk)
		for doctype, names in RECORDS.items():
			with self.subTest(doctype=doctype):
				found = search_link(doctype, "", reference_doctype=CARD)
				self.assertEqual([row["value"] for row in found], list(names))  # all, past a page of 10
		found = search_link("Card Revocation Reason", "紛失", reference_doctype=CARD)
		self.assertEqual([row["value"] for row in found], ["Lost"])  # 紛失・廃棄
		found = search_link("Residence Status", "permanent", reference_doctype=CARD)
		self.assertEqual([r["value"] for r in found], ["Permanent Resident", "Special Permanent Resident"])

	def test_who_may_change_them(self):
		outsider = make_user("vocabularies.outsider@example.jp")  # a desk user without the app's roles
		frappe.set_user(self.manager)
		self.assertTrue(frappe.has_permission("Card Return Reason", "read"))
		self.assertFalse(frappe.has_permission("Card Return Reason", "write"))
		self.assertFalse(frappe.has_permission("Card Return Reason", "create"))
		frappe.set_user(outsider)
		with self.assertRaises(frappe.PermissionError):  # (search_link answers [] for it in production)
			vocabularies.search("Card Return Reason", "", "name", 0, 10, None)
		with self.assertRaises(frappe.PermissionError):
			vocabularies.search("User", "", "name", 0, 10, None)  # the hook's lists only
