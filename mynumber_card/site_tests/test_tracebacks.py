# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A resident's failing request answers with a message, never with Frappe's traceback (`exc`)."""

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from mynumber_card import install
from mynumber_card.patches import hide_tracebacks_from_guests
from mynumber_card.testing import BASE_URL, HTTP_TIMEOUT_S

SYSTEM = "System Settings"
SWITCH = "allow_error_traceback"


def switch() -> int:
	return frappe.utils.cint(frappe.db.get_single_value(SYSTEM, SWITCH))


def forget_cached_system_settings():
	"""The served site reads System Settings from the shared cache: a value this test wrote and
	rolled back must not stay there."""
	frappe.clear_document_cache(SYSTEM, SYSTEM)


class TestTracebackSwitch(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		cls.addClassCleanup(forget_cached_system_settings)  # runs after FrappeTestCase's rollback
		super().setUpClass()

	def setUp(self):
		frappe.db.set_single_value(SYSTEM, SWITCH, 1)  # Frappe's default on a new site
		self.developer_mode = frappe.conf.developer_mode

	def tearDown(self):
		frappe.conf.developer_mode = self.developer_mode

	@staticmethod
	def switch_after(hook, developer_mode: int) -> int:
		"""The switch after the hook ran on a site in developer mode or not."""
		frappe.conf.developer_mode = developer_mode
		hook()
		return switch()

	def test_install_turns_tracebacks_off_on_a_site_not_in_developer_mode(self):
		self.assertEqual(self.switch_after(install.after_install, developer_mode=0), 0)

	def test_a_site_installed_before_gets_it_off_once_by_the_patch(self):
		self.assertEqual(self.switch_after(hide_tracebacks_from_guests.execute, developer_mode=0), 0)
		self.assertIn(
			"mynumber_card.patches.hide_tracebacks_from_guests",
			frappe.get_file_items(frappe.get_app_path("mynumber_card", "patches.txt")),
		)

	def test_a_developer_site_keeps_its_tracebacks(self):
		self.assertEqual(self.switch_after(install.hide_tracebacks_from_guests, developer_mode=1), 1)

	def test_a_town_that_turns_them_on_again_is_not_overruled_by_a_migrate(self):
		self.assertEqual(self.switch_after(install.after_migrate, developer_mode=0), 1)


class TestGuestErrorsCarryNoTraceback(FrappeTestCase):
	"""Against the served test site (MNC_TEST_URL), installed like a town's."""

	def setUp(self):
		if frappe.conf.developer_mode:
			self.skipTest("a site in developer mode shows tracebacks on purpose")

	def assertNoTraceback(self, response, status: int):
		self.assertEqual(response.status_code, status, response.text[:300])
		body = response.json()
		self.assertFalse({"exc", "exception", "_exc_source"} & set(body), sorted(body))
		self.assertNotIn("Traceback", response.text)
		self.assertNotIn("apps/", response.text)  # no source paths either

	def test_a_refused_link_answers_with_its_message_only(self):
		response = requests.get(
			f"{BASE_URL}/api/method/mynumber_card.api.booking.get_booking",
			params={"token": "not-a-token"},
			timeout=HTTP_TIMEOUT_S,
		)
		self.assertNoTraceback(response, 403)
		self.assertIn("_server_messages", response.json())  # the resident still reads why

	def test_an_unexpected_error_answers_without_its_traceback(self):
		response = requests.get(  # `purpose` missing: a TypeError inside Frappe's call
			f"{BASE_URL}/api/method/mynumber_card.api.booking.available_slots", timeout=HTTP_TIMEOUT_S
		)
		self.assertNoTraceback(response, 500)
