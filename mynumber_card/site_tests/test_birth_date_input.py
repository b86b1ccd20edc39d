# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A resident's birth date is read one way everywhere (core.dates.parse_birth_date): a booking, a card
and the pickup lookup take 西暦 or 和暦 alike and refuse a date nobody can be born on."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from mynumber_card.booking.pickup_cards import PickupCardError, find_card_for_pickup
from mynumber_card.core import lifecycle
from mynumber_card.mynumber_card.doctype.card_booking.card_booking import BookingError
from mynumber_card.testing import booking_values, make_card, make_slot

BORN = date(1955, 4, 1)


class TestBirthDateInput(FrappeTestCase):
	def test_booking_card_and_lookup_read_the_same_writings(self):
		for person, written in enumerate(("昭和30年4月1日", "S30.4.1", "１９５５／４／１")):
			with self.subTest(written=written):
				given = "一二三"[person]  # one booking each; names hold no digits
				values = {"birth_date": written, "full_name": f"生年 {given}郎"}
				booking = frappe.get_doc(booking_values(make_slot().name, **values))
				booking.insert(ignore_permissions=True)
				self.assertEqual(getdate(booking.birth_date), BORN)
				card = make_card(lifecycle.NOTICE_SENT, birth_date=written)
				self.assertEqual(getdate(card.birth_date), BORN)
				self.assertEqual(find_card_for_pickup(card.notice_number, "昭和30年4月1日"), card.name)

	def test_a_date_nobody_is_born_on_is_refused_everywhere(self):
		tomorrow = add_days(today(), 1)
		for written in (tomorrow, "1899-12-31", "昭和65年1月1日", "2026-02-30"):
			with self.subTest(written=written):
				with self.assertRaises(BookingError):
					frappe.get_doc(booking_values(make_slot().name, birth_date=written)).insert(
						ignore_permissions=True
					)
				with self.assertRaises(frappe.ValidationError):
					make_card(birth_date=written)
		card = make_card(lifecycle.NOTICE_SENT, birth_date=BORN)
		with self.assertRaises(PickupCardError):
			find_card_for_pickup(card.notice_number, tomorrow)
