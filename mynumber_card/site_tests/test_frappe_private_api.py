# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The one private Frappe method the app overrides: Document._validate_links. CardBooking refuses JSON
lists and objects there, before Frappe's link check would turn them into a server error. These tests
fail when a Frappe update renames the method, gives it arguments, stops calling it on insert and save
before validate, or stops checking links in it: the public form would lose its guard silently."""

import inspect
from unittest.mock import patch

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase

from mynumber_card.mynumber_card.doctype.card_booking.card_booking import BookingError, CardBooking
from mynumber_card.testing import booking_values, make_slot


class TestValidateLinksOverride(FrappeTestCase):
	def setUp(self):
		self.slot = make_slot().name

	def calls(self, spy, doctype: str) -> int:
		return sum(1 for call in spy.call_args_list if call.args[0].doctype == doctype)

	def test_the_base_method_keeps_the_signature_the_override_has(self):
		self.assertTrue(callable(vars(Document).get("_validate_links")))
		self.assertEqual(str(inspect.signature(Document._validate_links)), "(self)")
		self.assertEqual(
			inspect.signature(CardBooking._validate_links), inspect.signature(Document._validate_links)
		)

	def test_insert_and_save_call_it_before_validate(self):
		order = []

		def spy(cls, method: str, step: str):
			original = getattr(cls, method)

			def record(doc):
				order.append((step, doc.doctype))
				return original(doc)

			return patch.object(cls, method, autospec=True, side_effect=record)

		with (
			spy(Document, "_validate_links", "base") as base,
			spy(CardBooking, "refuse_wrong_shapes", "override"),
			spy(CardBooking, "validate", "validate"),
		):
			booking = frappe.get_doc(booking_values(self.slot)).insert(ignore_permissions=True)
			booking.phone = "0280-99-0000"
			booking.save(ignore_permissions=True)
		self.assertEqual(self.calls(base, "Card Booking"), 2)
		ours = [step for step, doctype in order if doctype == "Card Booking"]
		self.assertEqual(ours, ["override", "base", "validate"] * 2)

	def test_the_base_method_still_refuses_a_missing_link(self):
		with self.assertRaises(frappe.LinkValidationError):
			frappe.get_doc(booking_values(self.slot, purpose="存在しない目的")).insert(
				ignore_permissions=True
			)

	def test_a_list_is_refused_as_bad_input_before_the_link_check(self):
		with patch.object(Document, "_validate_links", autospec=True) as base:
			with self.assertRaises(BookingError):
				frappe.get_doc(booking_values([self.slot])).insert(ignore_permissions=True)
		base.assert_not_called()
