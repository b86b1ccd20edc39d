# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Who may reach what: guests only the public forms, the open slots and their own booking."""

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core.roles import CLERK
from mynumber_card.testing import BASE_URL, HTTP_TIMEOUT_S, make_slot, make_user

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
				listing = requests.get(f"{BASE_URL}/api/resource/{doctype}", timeout=HTTP_TIMEOUT_S)
				self.assertIn(listing.status_code, (401, 403), listing.text[:200])
				query = requests.get(
					f"{BASE_URL}/api/method/frappe.client.get_list",
					params={"doctype": doctype},
					timeout=HTTP_TIMEOUT_S,
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
				response = requests.post(f"{BASE_URL}/api/method/{method}", data=data, timeout=HTTP_TIMEOUT_S)
				self.assertIn(response.status_code, (401, 403), response.text[:200])

	def test_slot_listing_reveals_no_bookings(self):
		response = requests.get(
			f"{BASE_URL}/api/method/mynumber_card.api.booking.available_slots",
			params={"purpose": "申請サポート"},
			timeout=HTTP_TIMEOUT_S,
		)
		self.assertEqual(response.status_code, 200)
		for day in response.json()["message"]:
			for slot in day["slots"]:
				self.assertEqual(set(slot), {"slot", "start", "end", "location"})


class TestStaffAccess(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_clerks_cannot_change_settings(self):
		clerk = make_user("settings.clerk@example.jp", CLERK)
		slot = make_slot().name
		frappe.set_user(clerk)
		settings = frappe.get_doc("MyNumber Card Settings")
		settings.population = 1
		with self.assertRaises(frappe.PermissionError):
			settings.save()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Booking Slot", slot).delete()


class TestHostileRequests(FrappeTestCase):
	def test_hostile_web_form_posts_get_4xx_and_write_nothing(self):
		import json

		before = frappe.db.count("Card Booking")
		base = {
			"doctype": "Card Booking",
			"purpose": "申請サポート",
			"slot": "no-such-slot",
			"full_name": "攻撃 太郎",
			"full_name_kana": "コウゲキ",
			"birth_date": "1970-01-01",
			"phone": "0280-00-0000",
		}
		payloads = [
			{"full_name": "' OR 1=1; DROP TABLE `tabCard Booking`; --"},
			{"full_name": "<img src=x onerror=alert(1)>" * 10},
			{"full_name": "あ" * 5000},
			{"birth_date": "2026-02-30"},
			{"birth_date": "9999-99-99"},
			{"full_name": "1234 5678 9018"},
			{"purpose": ["not", "a", "string"]},
			{"members": "not a list"},
			{"name": "BK-2026-00001"},
		]
		for index, payload in enumerate(payloads):
			with self.subTest(payload=str(payload)[:60]):
				response = requests.post(
					f"{BASE_URL}/api/method/frappe.website.doctype.web_form.web_form.accept",
					data={"web_form": "visit-booking", "data": json.dumps({**base, **payload})},
					# each post from its own address: Frappe's limit of 10 web form posts a minute
					headers={"X-Forwarded-For": f"10.9.{index}.1"},
					timeout=HTTP_TIMEOUT_S,
				)
				self.assertTrue(
					400 <= response.status_code < 500, f"{response.status_code} {response.text[:300]}"
				)
		garbage = requests.post(
			f"{BASE_URL}/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "visit-booking", "data": "{not json"},
			headers={"X-Forwarded-For": "10.9.99.1"},
			timeout=HTTP_TIMEOUT_S,
		)
		self.assertNotEqual(garbage.status_code, 200)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Card Booking"), before)
