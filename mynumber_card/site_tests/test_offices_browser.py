"""Several offices in the browser (issue 23 point 4): a kiosk and a calling display set to one office by
their address (?office=…), and the residents' form that lets them choose the office, each office shown
with its first free day. Screenshots for a person to look at."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, today
from frappe.utils.password import update_password

from mynumber_card.core import queue as q
from mynumber_card.core.roles import KIOSK
from mynumber_card.counter_queue import tickets
from mynumber_card.mynumber_card.doctype.card_booking.test_booking_browser import serious_violations
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_browser import (
	KIOSK_PASSWORD,
	KIOSK_USER,
	TABLET,
	TV,
)
from mynumber_card.testing import (
	BASE_URL,
	LOCALE,
	PHONE,
	SERVER_WAIT_MS,
	SHOTS,
	chromium,
	make_location,
	make_user,
	remove_slot,
)

PURPOSE = "庁舎選択テスト"


def make_slot(office: str, days_ahead: int) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Booking Slot",
				"location": office,
				"slot_date": add_days(today(), days_ahead),
				"start_time": "10:00:00",
				"end_time": "10:30:00",
				"capacity": 2,
				"purposes": [{"purpose": PURPOSE}],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class TestOfficesInBrowser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KIOSK_USER, KIOSK)
		update_password(KIOSK_USER, KIOSK_PASSWORD)
		if not frappe.db.exists("Booking Purpose", PURPOSE):
			frappe.get_doc(
				{"doctype": "Booking Purpose", "purpose_name": PURPOSE, "is_active": 1, "sort_order": 95}
			).insert(ignore_permissions=True)
		tag = random.randrange(10**4)
		cls.main = make_location(f"本庁舎{tag}")
		cls.branch = make_location(f"北支所{tag}")
		# the main office has room on two days, the branch on one, later
		cls.slots = [make_slot(cls.main, 3), make_slot(cls.main, 5), make_slot(cls.branch, 4)]
		frappe.db.commit()
		cls.browser = cls.enterClassContext(chromium())

	@classmethod
	def tearDownClass(cls):
		frappe.db.delete("Queue Ticket", {"purpose": PURPOSE})
		for slot in cls.slots:
			remove_slot(slot)  # and its office, once it has no slot left
		frappe.delete_doc("Booking Purpose", PURPOSE, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def test_a_kiosk_and_a_display_set_to_one_office(self):
		other = tickets.issue(q.WALK_IN, PURPOSE, office=self.main)  # waits at the other office
		frappe.db.commit()
		kiosk = self.browser.new_page(viewport=TABLET, locale=LOCALE)
		kiosk.request.post(f"{BASE_URL}/api/method/login", form={"usr": KIOSK_USER, "pwd": KIOSK_PASSWORD})
		kiosk.goto(f"{BASE_URL}/app/reception-kiosk?office={self.branch}")
		kiosk.wait_for_selector(f".mnc-kiosk-purpose[data-purpose='{PURPOSE}']", timeout=SERVER_WAIT_MS)
		self.assertEqual(kiosk.inner_text(".mnc-kiosk-office").strip(), self.branch)
		kiosk.click(f".mnc-kiosk-purpose[data-purpose='{PURPOSE}']")
		kiosk.wait_for_selector(".mnc-kiosk-ok .mnc-kiosk-number", timeout=SERVER_WAIT_MS)
		self.assertEqual(kiosk.inner_text(".mnc-kiosk-office-line").strip(), self.branch)
		number = kiosk.inner_text(".mnc-kiosk-number").strip()
		kiosk.screenshot(path=SHOTS / "kiosk-office.png")
		frappe.db.rollback()  # see what the server committed
		ticket = frappe.get_doc("Queue Ticket", {"number": number, "ticket_date": getdate(now_datetime())})
		self.assertEqual(ticket.location, self.branch)
		second = tickets.issue(q.WALK_IN, PURPOSE, office=self.branch)
		tickets.call_next(2, PURPOSE, self.branch)  # the branch's counter 2 calls the kiosk's ticket
		frappe.db.commit()

		display = self.browser.new_page(viewport=TV, locale=LOCALE)
		display.goto(f"{BASE_URL}/queue-display?office={self.branch}")
		display.wait_for_selector(".mnc-qd-called-list .mnc-qd-number", state="attached")
		self.assertEqual(display.inner_text(".mnc-qd-office").strip(), self.branch)
		self.assertEqual(display.inner_text(".mnc-qd-called-list .mnc-qd-number").strip(), number)
		waiting = display.locator(".mnc-qd-next-list li").all_inner_texts()
		self.assertIn(second.number, waiting)
		self.assertNotIn(other.number, waiting)  # the main office's line is not shown here
		display.screenshot(path=SHOTS / "queue-display-office.png")

	def test_the_resident_chooses_the_office_seeing_its_first_free_day(self):
		page = self.browser.new_page(viewport=PHONE, locale=LOCALE)
		page.goto(f"{BASE_URL}/visit-booking/new?purpose={PURPOSE}")
		page.wait_for_selector(".mnc-office", timeout=SERVER_WAIT_MS)
		offices = page.locator(".mnc-office:not(.mnc-office-all) strong").all_inner_texts()
		self.assertEqual(sorted(offices), sorted([self.main, self.branch]))
		branch = page.locator(".mnc-office", has_text=self.branch)
		self.assertIn("空きのある日 1日", branch.inner_text())
		self.assertIn("空きのある日 2日", page.locator(".mnc-office", has_text=self.main).inner_text())
		self.assertEqual(page.locator(".mnc-day").count(), 3)  # first every office's days, as before
		page.locator(".mnc-slot-picker").scroll_into_view_if_needed()
		page.screenshot(path=SHOTS / "visit-booking-offices.png", full_page=True)
		branch.click()
		page.wait_for_selector(".mnc-time")
		self.assertEqual(branch.get_attribute("aria-pressed"), "true")
		self.assertEqual(page.locator(".mnc-day").count(), 1)  # the branch's one day only
		places = set(page.locator(".mnc-time .mnc-place").all_inner_texts())
		self.assertEqual(places, {self.branch})
		page.locator(".mnc-time").first.click()
		self.assertIn(self.branch, page.inner_text(".mnc-chosen"))
		page.screenshot(path=SHOTS / "visit-booking-office-chosen.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
