# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""`bench --site X mynumber-card-demo` refuses a real town's site; demo staff get random passwords."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today
from frappe.utils.password import check_password

from mynumber_card.commands import run_demo
from mynumber_card.core import lifecycle
from mynumber_card.core.dates import age_on
from mynumber_card.demo import town as demo
from mynumber_card.testing import (
	RNG,
	booking_values,
	make_card,
	make_location,
	make_slot,
	unique_application_id,
)


class Stop(Exception):
	pass


class TestDemoCommand(FrappeTestCase):
	def setUp(self):
		conf = patch.dict(frappe.local.conf, {"developer_mode": 1})
		conf.start()
		self.addCleanup(conf.stop)
		# the demo itself never runs here: only the guard in front of it
		for name in ("make_demo", "make_staff"):
			mocked = patch.object(demo, name, return_value={})
			mocked.start()
			self.addCleanup(mocked.stop)

	def test_a_site_with_a_card_the_demo_did_not_make_is_refused_without_force(self):
		make_card(lifecycle.RECEIVED)  # application ID starting with 8: not the demo's
		with self.assertRaises(demo.DemoRefused):
			run_demo(force=False)
		demo.make_demo.assert_not_called()
		demo.make_staff.assert_not_called()

		run_demo(force=True)
		demo.make_demo.assert_called_once()

	def test_a_site_not_in_developer_mode_is_refused_without_force(self):
		frappe.local.conf.developer_mode = 0
		with patch.object(demo, "real_record_counts", return_value=(0, 0)):
			with self.assertRaises(demo.DemoRefused) as refused:
				run_demo(force=False)
			self.assertIn("developer_mode", str(refused.exception))
			demo.make_demo.assert_not_called()
			frappe.local.conf.developer_mode = 1
			run_demo(force=False)  # a dev site holding only the demo's records: a second run works
		demo.make_demo.assert_called_once()

	def test_only_records_the_demo_did_not_make_count(self):
		before = demo.real_record_counts()
		make_card(lifecycle.RECEIVED, application_id=unique_application_id(lead="9"))
		make_card(
			lifecycle.RECEIVED,
			application_id=None,
			registered_from_records=1,
			address=f"茨城県猿島郡{demo.DEMO_TOWN}大字元栄1番地",
		)
		town = make_location(f"デモ庁舎{RNG.randrange(10**4)}")
		frappe.db.set_value("Booking Location", town, "address", f"{demo.DEMO_TOWN}大字元栄1番地")
		slot = make_slot()
		frappe.db.set_value("Booking Slot", slot.name, "location", town)
		frappe.get_doc(booking_values(slot.name)).insert()
		self.assertEqual(demo.real_record_counts(), before)

		make_card(lifecycle.RECEIVED)
		frappe.get_doc(booking_values(make_slot().name)).insert()
		self.assertEqual(demo.real_record_counts(), (before[0] + 1, before[1] + 1))


class TestDemoSiteAndStaff(FrappeTestCase):
	def test_system_settings_are_left_alone_on_a_site_with_data(self):
		make_card(lifecycle.RECEIVED)
		with (
			patch.object(demo, "make_japanese_site") as japanese,
			patch.object(demo, "make_staff", side_effect=Stop),
		):
			with self.assertRaises(Stop):
				demo.make_demo()
		japanese.assert_not_called()

	def test_demo_staff_get_random_passwords_once(self):
		for email, *_ in demo.DEMO_STAFF:
			if frappe.db.exists("User", email):
				frappe.delete_doc("User", email, force=True, ignore_permissions=True)
		passwords = demo.make_staff()
		self.assertEqual(sorted(passwords), sorted(email for email, *_ in demo.DEMO_STAFF))
		self.assertEqual(len(set(passwords.values())), len(passwords))
		self.assertNotIn("demo-pass-2026", passwords.values())
		for email, password in passwords.items():
			self.assertGreaterEqual(len(password), 16)
			self.assertEqual(check_password(email, password, delete_tracker_cache=False), email)
		self.assertEqual(demo.make_staff(), {})  # printed once: a second run makes none


class TestDemoTown(FrappeTestCase):
	"""The demo itself, on this site and rolled back: every card path of the town, its services,
	calendar and bookings are made with the app's own rules (a child's card goes to a parent, with the
	child there). The earlier ledger is left out: its Card Import commits as the real import does."""

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_cache()  # the demo's settings were cached while they stood

	def test_the_demo_town_is_made_under_the_apps_rules(self):
		bookings = frappe.db.count("Card Booking")
		demo.make_staff()
		demo.make_settings()
		rng = demo.random.Random(2020)
		deliveries = [demo.make_delivery(i) for i in range(demo.CARD_COUNT // demo.DELIVERY_SIZE)]
		for index in range(demo.CARD_COUNT):
			demo.make_card(index, rng, deliveries[index // demo.DELIVERY_SIZE])
		demo.make_path_cards(deliveries[-1])
		demo.make_services(demo.DEMO_STAFF[0][0])
		demo.make_booking_calendar()
		demo.make_bookings(rng)

		issued = frappe.get_all(
			"MyNumber Card",
			filters={"delivery": ("in", deliveries), "workflow_state": lifecycle.ISSUED},
			fields=["birth_date", "received_by", "holder_present"],
		)
		self.assertTrue(issued)
		children = [c for c in issued if age_on(c.birth_date, getdate(today())) < 15]
		self.assertTrue(children, "the demo's birth dates reach below 15")
		for child in children:
			self.assertEqual((child.received_by, child.holder_present), ("Legal Representative", 1))
		self.assertGreater(frappe.db.count("Card Booking"), bookings)
