# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The residents' slot list comes from a cache, and the cache never shows what has changed since:
a place taken, a slot closed or reopened, a purpose withdrawn, a transaction rolled back."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.api.booking import available_slots
from mynumber_card.booking.places import release_place, reserve_place
from mynumber_card.testing import make_slot

PURPOSE = "申請サポート"


def offered() -> set[str]:
	return {slot["slot"] for day in available_slots(PURPOSE) for slot in day["slots"]}


def questions() -> int:
	return int(frappe.db.sql("SHOW SESSION STATUS LIKE 'Questions'")[0][1])


class TestSlotListCache(FrappeTestCase):
	def test_a_second_listing_reads_no_slots(self):
		slot = make_slot()
		before = questions()
		first = offered()
		first_cost = questions() - before
		before = questions()
		self.assertEqual(offered(), first)
		second_cost = questions() - before
		self.assertIn(slot.name, first)
		self.assertLess(second_cost, first_cost)

	def test_places_taken_and_freed_show_at_once(self):
		slot = make_slot(capacity=1)
		self.assertIn(slot.name, offered())
		reserve_place(slot.name, PURPOSE)
		self.assertNotIn(slot.name, offered())
		release_place(slot.name)
		self.assertIn(slot.name, offered())

	def test_closing_and_reopening_show_at_once(self):
		slot = make_slot()
		self.assertIn(slot.name, offered())
		slot.db_set("is_closed", 1)
		self.assertNotIn(slot.name, offered())
		slot.reload()
		slot.is_closed = 0
		slot.save(ignore_permissions=True)
		self.assertIn(slot.name, offered())

	def test_a_withdrawn_purpose_is_refused(self):
		make_slot()
		self.assertTrue(offered())
		purpose = frappe.get_doc("Booking Purpose", PURPOSE)
		purpose.is_active = 0
		purpose.save(ignore_permissions=True)
		try:
			with self.assertRaises(frappe.ValidationError):
				available_slots(PURPOSE)
		finally:
			purpose.reload()
			purpose.is_active = 1
			purpose.save(ignore_permissions=True)
		self.assertTrue(offered())

	def test_a_rolled_back_slot_is_not_offered(self):
		slot = make_slot()
		self.assertIn(slot.name, offered())
		frappe.db.rollback()
		self.assertNotIn(slot.name, offered())
