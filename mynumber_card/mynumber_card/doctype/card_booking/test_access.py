# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Who may reach what: guests only the public forms, the open slots and their own booking."""

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from mynumber_card.mynumber_card.doctype.card_booking.test_booking_browser import BASE_URL
from mynumber_card.testing import make_slot, make_user

PRIVATE_DOCTYPES = (
	"Card Booking",
	"MyNumber Card",
	"Booking Slot",
	"Card Scan Log",
	"Card Delivery",
	"Pickup Lookup Lock",
	"MyNumber Card Settings",
)


class TestGuestAccess(FrappeTestCase):
	def test_guests_read_no_record_of_the_app(self):
		for doctype in PRIVATE_DOCTYPES:
			with self.subTest(doctype=doctype):
				listing = requests.get(f"{BASE_URL}/api/resource/{doctype}", timeout=30)
				self.assertIn(listing.status_code, (401, 403), listing.text[:200])
				query = requests.get(
					f"{BASE_URL}/api/method/frappe.client.get_list", params={"doctype": doctype}, timeout=30
				)
				self.assertIn(query.status_code, (401, 403), query.text[:200])

	def test_guests_cannot_call_staff_endpoints(self):
		for method, data in (
			("mynumber_card.api.ledger.search_cards", {"query": "ヤマダ"}),
			("mynumber_card.api.scanner.scan", {"mode": "Lookup", "code": "ABC-123456"}),
			("mynumber_card.booking.desk.slot_bookings", {"slot": "x"}),
			("mynumber_card.booking.slot_calendar.close_slots", {"slot_date": "2030-01-01"}),
		):
			with self.subTest(method=method):
				response = requests.post(f"{BASE_URL}/api/method/{method}", data=data, timeout=30)
				self.assertIn(response.status_code, (401, 403), response.text[:200])

	def test_slot_listing_reveals_no_bookings(self):
		response = requests.get(
			f"{BASE_URL}/api/method/mynumber_card.api.booking.available_slots",
			params={"purpose": "申請サポート"},
			timeout=30,
		)
		self.assertEqual(response.status_code, 200)
		for day in response.json()["message"]:
			for slot in day["slots"]:
				self.assertEqual(set(slot), {"slot", "start", "end", "location"})


class TestStaffAccess(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_clerks_cannot_change_settings(self):
		clerk = make_user("settings.clerk@example.jp", "Card Clerk")
		slot = make_slot().name
		frappe.set_user(clerk)
		settings = frappe.get_doc("MyNumber Card Settings")
		settings.population = 1
		with self.assertRaises(frappe.PermissionError):
			settings.save()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Booking Slot", slot).delete()
