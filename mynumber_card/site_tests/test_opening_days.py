# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A town opens on a holiday (休日開庁) or adds evening sessions: the Settings rows make slots like the
weekly templates, once, and residents see and book them."""

from datetime import date, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today

from mynumber_card.api.booking import available_slots
from mynumber_card.booking import slot_calendar
from mynumber_card.core import booking_states as states
from mynumber_card.core.closing_days import closed_reason, holiday_name
from mynumber_card.testing import RNG, booking_values, fresh, in_japanese, make_location

SETTINGS = "MyNumber Card Settings"
EVERY = "申請サポート\nカード受取\n更新"


def next_holiday(after: date) -> date:
	"""The next national holiday on a Sunday within a year (春分の日 2027-03-21, say), or else the
	next holiday: the case the town opens for."""
	days = [after + timedelta(days=n) for n in range(1, 366)]
	holidays = [day for day in days if holiday_name(day)]
	return next((day for day in holidays if day.weekday() == 6), holidays[0])


def next_working_monday(after: date) -> date:
	"""A Monday after `after` whose week (Monday to Friday) has no closed day."""
	day = after + timedelta(days=7 - after.weekday())
	while any(closed_reason(day + timedelta(days=n)) for n in range(5)):
		day += timedelta(days=7)
	return day


def weekday_name(day: date) -> str:
	return day.strftime("%A")


def slots_of(location: str, first: date, last: date | None = None) -> list:
	return frappe.get_all(
		"Booking Slot",
		filters={"location": location, "slot_date": ("between", (first, last or first))},
		fields=["name", "slot_date", "start_time", "opening_note", "capacity"],
		order_by="starts_at asc",
	)


def purposes_of(slot: str) -> set[str]:
	return set(frappe.get_all("Booking Slot Purpose", filters={"parent": slot}, pluck="purpose"))


def offered(purpose: str) -> dict[str, dict]:
	return {day["date"]: day for day in available_slots(purpose)}


class TestOpeningDays(FrappeTestCase):
	def setUp(self):
		in_japanese(self)
		self.location = make_location(
			fresh(
				lambda: f"休日窓口{RNG.randrange(10**6)}",
				lambda name: bool(frappe.db.exists("Booking Location", name)),
			)
		)
		self.settings = frappe.get_single(SETTINGS)
		self.settings.town_name = self.settings.town_name or "試験町"

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()  # the settings and slots of the test
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		super().tearDown()

	def save_settings(self, templates=(), sessions=(), reach: date | None = None):
		"""Weekly templates and opening sessions at the test's own location; the booking window made
		long enough to reach `reach`."""
		for weekday, start, end in templates:
			self.settings.append(
				"slot_templates",
				{
					"weekday": weekday,
					"location": self.location,
					"start_time": start,
					"end_time": end,
					"slot_minutes": 30,
					"capacity": 2,
					"purposes": EVERY,
				},
			)
		for values in sessions:
			self.settings.append(
				"opening_sessions",
				{"location": self.location, "slot_minutes": 30, "capacity": 2, "purposes": EVERY, **values},
			)
		if reach:
			days = (reach - getdate(today())).days + 1
			self.settings.booking_opens_days_ahead = max(self.settings.booking_opens_days_ahead, days)
		self.settings.save()

	def test_a_sunday_holiday_opened_makes_slots_once_and_a_guest_books_one(self):
		day = next_holiday(getdate(today()) + timedelta(days=2))
		self.save_settings(
			templates=[(weekday_name(day), "13:00", "15:00")],  # the weekly hours do not run on it
			sessions=[{"first_day": day, "start_time": "09:00", "end_time": "12:00", "note": "休日開庁"}],
			reach=day,
		)
		self.assertNotIn(str(day), offered("申請サポート"))  # and the list is now kept in the cache
		first = slot_calendar.generate(str(day), str(day))
		slots = slots_of(self.location, day)
		self.assertEqual(len(slots), 6)
		self.assertEqual([str(s.start_time) for s in slots][:2], ["9:00:00", "9:30:00"])
		self.assertEqual({s.opening_note for s in slots}, {"休日開庁"})
		self.assertGreaterEqual(first["created"], 6)
		again = slot_calendar.generate(str(day), str(day))
		self.assertEqual(again["created"], 0)
		self.assertEqual(len(slots_of(self.location, day)), 6)

		listed = offered("申請サポート")[str(day)]  # new slots drop the kept list
		self.assertIn(holiday_name(day), listed["label"])
		self.assertTrue({s.name for s in slots} <= {s["slot"] for s in listed["slots"]})

		frappe.set_user("Guest")
		booking = frappe.get_doc(booking_values(slots[0].name)).insert(ignore_permissions=True)
		frappe.set_user("Administrator")
		self.assertEqual(booking.workflow_state, states.CONFIRMED)
		self.assertEqual(getdate(booking.slot_date), day)
		self.assertEqual(frappe.db.get_value("Booking Slot", slots[0].name, "booked_count"), 1)

	def test_a_year_end_day_opened_for_pickups_only(self):
		now = getdate(today())
		day = date(now.year, 12, 29) if now < date(now.year, 12, 28) else date(now.year + 1, 12, 29)
		self.save_settings(
			sessions=[
				{"first_day": day, "start_time": "09:00", "end_time": "10:00", "purposes": "カード受取"}
			],
			reach=day,
		)
		slot_calendar.generate(str(day - timedelta(days=1)), str(day + timedelta(days=1)))
		slots = slots_of(self.location, day - timedelta(days=1), day + timedelta(days=1))
		self.assertEqual({s.slot_date for s in slots}, {day})
		self.assertEqual([purposes_of(s.name) for s in slots], [{"カード受取"}, {"カード受取"}])
		names = {s.name for s in slots}
		pickups = offered("カード受取").get(str(day), {"slots": []})
		self.assertEqual(names & {s["slot"] for s in pickups["slots"]}, names)
		support = offered("申請サポート").get(str(day), {"slots": []})
		self.assertFalse(names & {s["slot"] for s in support["slots"]})

	def test_evening_sessions_of_one_week_beside_the_weekly_mornings(self):
		monday = next_working_monday(getdate(today()) + timedelta(days=2))
		sunday = monday + timedelta(days=6)
		weekdays = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
		self.save_settings(
			templates=[(name, "09:00", "10:00") for name in weekdays],
			sessions=[
				{
					"first_day": monday,
					"last_day": sunday,
					"days": "Monday to Friday",
					"start_time": "17:30",
					"end_time": "19:00",
					"note": "夜間窓口",
				}
			],
			reach=sunday,
		)
		slot_calendar.generate(str(monday - timedelta(days=7)), str(sunday + timedelta(days=7)))
		slots = slots_of(self.location, monday - timedelta(days=7), sunday + timedelta(days=7))
		evenings = sorted({s.slot_date for s in slots if s.opening_note == "夜間窓口"})
		self.assertEqual(evenings, [monday + timedelta(days=n) for n in range(5)])
		on_wednesday = [str(s.start_time) for s in slots if s.slot_date == monday + timedelta(days=2)]
		self.assertEqual(on_wednesday, ["9:00:00", "9:30:00", "17:30:00", "18:00:00", "18:30:00"])
		# the weeks before and after have their mornings only
		self.assertTrue(all(s.opening_note is None for s in slots if not monday <= s.slot_date <= sunday))

	def test_a_session_over_the_weekly_hours_is_refused_and_nothing_saved(self):
		monday = next_working_monday(getdate(today()) + timedelta(days=2))
		with self.assertRaises(frappe.ValidationError) as raised:
			self.save_settings(
				templates=[("Monday", "09:00", "12:00")],
				sessions=[{"first_day": monday, "start_time": "11:00", "end_time": "13:00"}],
			)
		self.assertIn("重なっています", str(raised.exception))
		stored = frappe.get_all(
			"Booking Opening Session", filters={"parent": SETTINGS, "location": self.location}
		)
		self.assertEqual(stored, [])

	def test_a_session_that_opens_no_day_is_refused(self):
		monday = next_working_monday(getdate(today()) + timedelta(days=2))
		with self.assertRaises(frappe.ValidationError):
			self.save_settings(
				sessions=[
					{
						"first_day": monday,
						"last_day": monday + timedelta(days=4),
						"days": "Sunday",
						"start_time": "09:00",
						"end_time": "12:00",
					}
				]
			)

	def test_a_note_with_markup_is_refused(self):
		day = next_holiday(getdate(today()) + timedelta(days=2))
		with self.assertRaises(frappe.ValidationError):
			self.save_settings(
				sessions=[
					{"first_day": day, "start_time": "09:00", "end_time": "12:00", "note": "<b>休日</b>"}
				]
			)
