"""Several offices in one site (issue 23 point 4): each office's kiosk, display, clerks, waits and
statistics keep to its own line. Clerks of two offices, with the same counter numbers, call at once
from their own connections: every ticket is called exactly once, and never by the other office."""

import random

import frappe
from frappe.utils import now_datetime

from mynumber_card.api import counter_queue as clerk_api
from mynumber_card.api import kiosk, queue_display
from mynumber_card.booking.links import check_in_code
from mynumber_card.core import booking_states
from mynumber_card.core import queue as q
from mynumber_card.counter_queue import waits
from mynumber_card.counter_queue.offices import OfficeRefused
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import (
	PURPOSE,
	QueueTestCase,
	booking_today,
	clear_test_tickets,
)
from mynumber_card.mynumber_card.report.queue_times.queue_times import execute as queue_times
from mynumber_card.testing import at_once, call_until_empty, make_location

PER_OFFICE = 10
# residents of these tests' own (one active booking per person and purpose): the clerks' test commits
RESIDENT = {"full_name": "庁舎 試子", "full_name_kana": "チョウシャ タメコ"}


def waiting_in_sql(office: str) -> list[str]:
	"""Today's waiting numbers of an office, read apart from the app's code."""
	return [
		row[0]
		for row in frappe.db.sql(
			"""select number from `tabQueue Ticket` where ticket_date = %s and state = 'Waiting'
			and location = %s order by queue_key, creation""",
			(now_datetime().date(), office),
		)
	]


class OfficesTestCase(QueueTestCase):
	def setUp(self):
		super().setUp()
		tag = random.randrange(10**6)
		self.north = make_location(f"北支所テスト{tag}")
		self.south = make_location(f"南出張所テスト{tag}")

	def walk_ins(self, office: str, count: int) -> list[str]:
		return [kiosk.walk_in(PURPOSE, office=office)["ticket"]["number"] for _ in range(count)]


class TestOfficesAtOnce(OfficesTestCase):
	"""A class of its own: it commits (the clerks' connections must see the tickets); the other tests'
	bookings are rolled back with their class."""

	def test_clerks_of_two_offices_at_once_each_call_only_their_own(self):
		made = {
			self.north: self.walk_ins(self.north, PER_OFFICE),
			self.south: self.walk_ins(self.south, PER_OFFICE),
		}
		frappe.db.commit()  # the clerks' connections must see the tickets
		called: dict[tuple[str, int], list[str]] = {}
		errors: list[str] = []

		def clerk(desk: tuple[str, int]):
			office, counter = desk
			try:
				called[desk] = call_until_empty(counter, PURPOSE, office)
			except Exception as error:
				frappe.db.rollback()
				errors.append(f"{desk}: {type(error).__name__}: {error}")

		# the same counter numbers at both offices: counter 1 of one is not counter 1 of the other
		at_once(clerk, [(office, counter) for office in made for counter in (1, 2, 3)])
		try:
			self.assertEqual(errors, [])
			for office, numbers in made.items():
				got = [n for (o, _c), mine in called.items() if o == office for n in mine]
				self.assertEqual(sorted(got), sorted(numbers), office)  # each exactly once, here only
				self.assertGreater(sum(1 for (o, _c), mine in called.items() if o == office and mine), 1)
			for (office, counter), mine in called.items():
				for number in mine:
					doc = self.ticket(number)
					self.assertEqual((doc.location, doc.counter), (office, counter))
		finally:
			clear_test_tickets()
			frappe.db.commit()


class TestOffices(OfficesTestCase):
	def test_kiosk_display_and_waits_keep_to_their_office(self):
		north = self.walk_ins(self.north, 3)
		south = self.walk_ins(self.south, 1)
		# the wait told at a kiosk counts its own office's line only
		third = kiosk.walk_in(PURPOSE, office=self.south)["ticket"]
		self.assertEqual((third["ahead"], third["office"]), (1, self.south))
		south.append(third["number"])
		self.assertEqual(queue_display.state(self.north)["next"], north)
		self.assertEqual(queue_display.state(self.south)["next"], south)
		self.assertEqual(waiting_in_sql(self.north), north)
		rows = {(r["location"], r["purpose"]): r["waiting"] for r in waits.state()["rows"]}
		if rows:  # reception open now: the public waits count each office apart
			self.assertEqual(rows[(self.north, PURPOSE)], 3)
			self.assertEqual(rows[(self.south, PURPOSE)], 2)
		# a clerk of the north office calls north's first, never the south's
		called = clerk_api.call_next(1, PURPOSE, self.north)
		self.assertEqual(called["ticket"], north[0])
		self.assertEqual(queue_display.state(self.south)["called"], [])
		self.assertEqual([r["number"] for r in queue_display.state(self.north)["called"]], [north[0]])
		board = clerk_api.board(1, self.south)
		self.assertEqual([v["number"] for v in board["waiting"]], south)
		with self.assertRaises(frappe.ValidationError):
			kiosk.walk_in(PURPOSE, office="存在しない庁舎")

	def test_moves_and_transfers_stay_in_the_office(self):
		self.walk_ins(self.north, 1)
		doc = self.ticket(clerk_api.call_next(2, PURPOSE, self.north)["ticket"])
		with self.assertRaises(OfficeRefused) as refused:  # a south clerk cannot touch it
			clerk_api.act(doc.name, q.START, office=self.south)
		self.assertIn("ほかの庁舎", str(refused.exception))
		with self.assertRaises(OfficeRefused) as refused:  # nor send it to the south office
			clerk_api.act(doc.name, q.TRANSFER, counter=3, office=self.north, to_office=self.south)
		self.assertIn("転送できません", str(refused.exception))
		doc.reload()
		self.assertEqual((doc.state, doc.counter, doc.location), (q.CALLED, 2, self.north))
		clerk_api.act(doc.name, q.TRANSFER, counter=3, office=self.north, to_office=self.north)
		doc.reload()
		self.assertEqual((doc.state, doc.for_counter, doc.location), (q.WAITING, 3, self.north))
		self.assertIsNone(clerk_api.call_next(3, PURPOSE, self.south)["ticket"])  # south's counter 3
		self.assertEqual(clerk_api.call_next(3, PURPOSE, self.north)["ticket"], doc.number)

	def test_a_booking_checks_in_at_its_own_office_and_late_goes_to_the_end_of_its_line(self):
		booking = booking_today(-5, **RESIDENT)  # within the grace minutes: keeps the booked place
		frappe.db.set_value("Card Booking", booking.name, "location", self.north)
		booking.reload()
		refused = kiosk.check_in(check_in_code(booking), office=self.south)
		self.assertFalse(refused["ok"])
		self.assertIn(self.north, refused["message"])  # told where they booked
		self.assertEqual(
			frappe.db.get_value("Card Booking", booking.name, "workflow_state"), booking_states.CONFIRMED
		)
		self.assertFalse(frappe.db.exists("Queue Ticket", {"booking": booking.name}))
		north = self.walk_ins(self.north, 2)
		south = self.walk_ins(self.south, 1)
		late = booking_today(-40, **RESIDENT)
		frappe.db.set_value("Card Booking", late.name, "location", self.north)
		late_number = kiosk.check_in(check_in_code(late), office=self.north)["ticket"]["number"]
		answer = kiosk.check_in(check_in_code(booking), office=self.north)
		self.assertTrue(answer["ok"], answer)
		self.assertEqual(answer["ticket"]["office"], self.north)
		# the booked resident keeps the booked place; the late one waits behind north's walk-ins
		self.assertEqual(waiting_in_sql(self.north), [answer["ticket"]["number"], *north, late_number])
		self.assertEqual(waiting_in_sql(self.south), south)

	def test_queue_statistics_per_office(self):
		for office in (self.north, self.south):
			self.walk_ins(office, 1)
			doc = self.ticket(clerk_api.call_next(1, PURPOSE, office)["ticket"])
			clerk_api.act(doc.name, q.FINISH, office=office)
		_columns, rows, _m, _c = queue_times({"purpose": PURPOSE, "location": self.north})
		all_day = next(r for r in rows if r["purpose"] == PURPOSE and r["hour"] == "終日")
		self.assertEqual(all_day["tickets"], 1)
		_columns, rows, _m, _c = queue_times({"purpose": PURPOSE})
		all_day = next(r for r in rows if r["purpose"] == PURPOSE and r["hour"] == "終日")
		self.assertEqual(all_day["tickets"], 2)
