# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A town opens on a Sunday holiday (休日開庁); a resident books it on a phone through /visit-booking,
the picker naming the holiday; the card manager's form and the slot calendar show it. Runs against
the served test site (mynumber_card.testing's browser constants); screenshots in SHOTS."""

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from mynumber_card.booking import slot_calendar
from mynumber_card.core.closing_days import day_label, holiday_name
from mynumber_card.mynumber_card.doctype.card_booking import test_booking_browser as form
from mynumber_card.site_tests.test_opening_days import SETTINGS, next_holiday
from mynumber_card.testing import (
	BASE_URL,
	LOCALE,
	PHONE,
	RNG,
	SERVER_WAIT_MS,
	SHOTS,
	chromium,
	desk_page,
	fresh,
	make_location,
	make_outgoing_email_account,
	remove_slot,
)

NOTE = "休日開庁"


class TestHolidayOpeningInBrowser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()
		cls.day = next_holiday(getdate(today()) + timedelta(days=2))
		cls.location = make_location(
			fresh(
				lambda: f"休日窓口{RNG.randrange(10**6)}",
				lambda name: bool(frappe.db.exists("Booking Location", name)),
			)
		)
		settings = frappe.get_single(SETTINGS)
		settings.town_name = settings.town_name or "試験町"
		cls.window_before = settings.booking_opens_days_ahead
		settings.append(
			"opening_sessions",
			{
				"first_day": cls.day,
				"location": cls.location,
				"start_time": "09:00",
				"end_time": "12:00",
				"slot_minutes": 30,
				"capacity": 2,
				"purposes": "申請サポート\nカード受取",
				"note": NOTE,
			},
		)
		reach = (cls.day - getdate(today())).days + 1
		settings.booking_opens_days_ahead = max(settings.booking_opens_days_ahead, reach)
		settings.save()
		slot_calendar.generate(str(cls.day), str(cls.day))
		cls.slots = frappe.get_all(
			"Booking Slot",
			filters={"location": cls.location, "slot_date": cls.day},
			order_by="starts_at asc",
			pluck="name",
		)
		frappe.db.commit()  # the web server only sees committed data
		cls.browser = cls.enterClassContext(chromium())

	@classmethod
	def tearDownClass(cls):
		settings = frappe.get_single(SETTINGS)
		settings.opening_sessions = [r for r in settings.opening_sessions if r.location != cls.location]
		settings.booking_opens_days_ahead = cls.window_before
		settings.save()
		frappe.db.commit()
		for slot in cls.slots:
			remove_slot(slot)
		super().tearDownClass()

	def test_a_resident_books_the_holiday_on_a_phone(self):
		self.assertEqual(len(self.slots), 6)
		label = day_label(self.day)
		self.assertIn(holiday_name(self.day), label)
		page = self.browser.new_page(viewport=PHONE, locale=LOCALE)
		page.goto(f"{BASE_URL}/visit-booking/new")
		page.wait_for_selector(
			'select[data-fieldname="purpose"] option[value="申請サポート"]', state="attached"
		)
		page.select_option('select[data-fieldname="purpose"]', "申請サポート")
		day_button = page.locator(".mnc-day", has_text=label)
		day_button.click()
		self.assertEqual(day_button.get_attribute("aria-pressed"), "true")
		slot = self.slots[1]
		page.click(f'.mnc-time[data-slot="{slot}"]')
		self.assertIn("09:30〜10:00", page.inner_text(f'.mnc-time[data-slot="{slot}"]'))
		day_button.scroll_into_view_if_needed()
		page.screenshot(path=SHOTS / "visit-booking-holiday-picker.png")
		form.fill_applicant(page, "休日 花子", "キュウジツ ハナコ", ("昭和", 40, 5, 3), "0280-12-3456")
		form.send(page)
		page.wait_for_selector("text=予約を受け付けました")
		self.assertIn(label, page.inner_text("body"))
		page.screenshot(path=SHOTS / "my-booking-holiday.png", full_page=True)

		booking = frappe.get_last_doc("Card Booking", filters={"slot": slot})
		self.assertEqual((getdate(booking.slot_date), booking.full_name), (self.day, "休日 花子"))
		self.assertEqual(frappe.db.get_value("Booking Slot", slot, "booked_count"), 1)

	def test_the_desk_shows_the_opening_day(self):
		desk = desk_page(self.browser)
		desk.goto(f"{BASE_URL}/app/mynumber-card-settings")
		grid = desk.locator('[data-fieldname="opening_sessions"]')
		grid.wait_for(timeout=SERVER_WAIT_MS)
		grid.scroll_into_view_if_needed()
		desk.screenshot(path=SHOTS / "settings-opening-days.png")
		row = grid.locator(".grid-row", has_text=self.location).first
		row.locator(".btn-open-row").click()
		desk.wait_for_selector(".grid-row-open", timeout=SERVER_WAIT_MS)
		desk.screenshot(path=SHOTS / "settings-opening-day-row.png")

		desk.goto(f"{BASE_URL}/app/booking-slot/view/calendar/default")
		desk.wait_for_selector(".fc-view", timeout=SERVER_WAIT_MS)
		desk.evaluate("(day) => cur_list.calendar.$cal.fullCalendar('gotoDate', day)", self.day.isoformat())
		event = desk.locator(".fc-event", has_text=self.location).first
		event.wait_for(timeout=SERVER_WAIT_MS)
		desk.screenshot(path=SHOTS / "slot-calendar-holiday.png")
		# opening-day slots are drawn in the calendar's warning colour (orange), the weekly ones in blue
		drawn, orange = event.evaluate(
			"""(e) => {
				const probe = document.createElement("div");
				probe.style.backgroundColor = frappe.ui.color.get("orange", "extra-light");
				document.body.appendChild(probe);
				const colours = [getComputedStyle(e).backgroundColor, getComputedStyle(probe).backgroundColor];
				probe.remove();
				return colours;
			}"""
		)
		self.assertEqual(drawn, orange)
