# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Who is staff, asked in one place: the role helpers, a staff-only endpoint, and the doctype
permissions that decide the slot calendar's actions."""

import frappe

from mynumber_card import roles
from mynumber_card.api import scanner
from mynumber_card.booking import slot_calendar
from mynumber_card.testing import StaffTestCase, make_slot, make_user


class TestRoles(StaffTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.resident = make_user("roles.resident@example.jp")  # a desk user without the app's roles

	def test_who_is_staff_and_who_is_a_manager(self):
		self.assertEqual(
			[(roles.is_staff(u), roles.is_manager(u)) for u in (self.clerk, self.manager, self.resident)],
			[(True, False), (True, True), (False, False)],
		)
		self.assertEqual((roles.is_staff("Guest"), roles.is_manager("Guest")), (False, False))
		frappe.set_user(self.clerk)
		self.assertTrue(roles.is_staff())

	def test_staff_only_endpoint_refuses_others(self):
		for user in (self.resident, "Guest"):
			frappe.set_user(user)
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				scanner.open_deliveries()
		frappe.set_user(self.clerk)
		self.assertIsInstance(scanner.open_deliveries(), list)

	def test_slot_calendar_follows_the_booking_slot_permissions(self):
		day = make_slot(days_ahead=400).slot_date
		frappe.set_user(self.clerk)  # clerks may change slots (write) but not create them
		with self.assertRaises(frappe.PermissionError):
			slot_calendar.generate(day, day)
		self.assertEqual(slot_calendar.close_slots(day, reason="停電"), [])
		self.assertTrue(all(frappe.get_all("Booking Slot", {"slot_date": day}, pluck="is_closed")))
		frappe.set_user(self.resident)
		with self.assertRaises(frappe.PermissionError):
			slot_calendar.close_slots(day)
