# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A birth date an era did not have (平成1年1月1日 is 昭和64年1月1日) is refused with the era's real first
day, in plain Japanese, and nothing is saved."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.mynumber_card.doctype.card_booking.card_booking import BookingError
from mynumber_card.testing import booking_values, in_japanese, make_slot


class TestEraRefusal(FrappeTestCase):
	def setUp(self):
		in_japanese(self)

	def test_heisei_1_january_1_is_refused_with_the_eras_first_day(self):
		slot = make_slot().name
		before = frappe.db.count("Card Booking")
		with self.assertRaises(BookingError) as refused:
			frappe.get_doc(booking_values(slot, birth_date="平成1年1月1日")).insert()
		self.assertIn(
			"平成1年1月1日という日はありません。平成は平成元年1月8日からです。", str(refused.exception)
		)
		self.assertEqual(frappe.db.count("Card Booking"), before)
		booked = frappe.get_doc(booking_values(slot, birth_date="昭和64年1月7日")).insert()
		self.assertEqual(str(booked.birth_date), "1989-01-07")
