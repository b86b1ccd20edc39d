# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The counter queue on a real site: check-in by QR at the kiosk, walk-in tickets, two or more
clerks calling at once, skip and recall, transfer, late arrivals per the town's settings, and a
calling display that shows no name."""

import random
from datetime import datetime, time, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from mynumber_card.api import counter_queue as clerk_api
from mynumber_card.api import kiosk
from mynumber_card.api.scanner import run_scan, undo
from mynumber_card.booking.links import check_in_code
from mynumber_card.core import booking_states
from mynumber_card.core import queue as q
from mynumber_card.counter_queue import figures
from mynumber_card.counter_queue.display import display_state
from mynumber_card.counter_queue.tickets import QueueRefused
from mynumber_card.testing import at_once, booking_values, call_until_empty, make_location

PURPOSE = "行列テスト用"  # a purpose of the tests' own: call next by purpose sees only their tickets
APPLICANT = "表示 禁子"
APPLICANT_KANA = "ヒョウジ キンコ"


def make_purpose(name: str = PURPOSE) -> str:
	if not frappe.db.exists("Booking Purpose", name):
		frappe.get_doc(
			{"doctype": "Booking Purpose", "purpose_name": name, "is_active": 1, "sort_order": 90}
		).insert(ignore_permissions=True)
	return name


def booking_today(minutes_from_now: int, purpose: str = PURPOSE, **values):
	"""A confirmed booking whose slot starts `minutes_from_now` from now (negative: already begun;
	booked ahead, then its slot moved back, as a slot that has passed takes no booking)."""
	start = now_datetime().replace(second=0, microsecond=0) + timedelta(minutes=max(minutes_from_now, 1))
	# a slot ends on its own day: near midnight (the tests run at any hour) it ends at 23:59:59
	end = min(start + timedelta(minutes=30), datetime.combine(start.date(), time(23, 59, 59)))
	slot = frappe.get_doc(
		{
			"doctype": "Booking Slot",
			"location": make_location(f"行列テスト庁舎{random.randrange(10**6)}"),
			"slot_date": start.date(),
			"start_time": start.strftime("%H:%M:%S"),
			"end_time": end.strftime("%H:%M:%S"),
			"capacity": 3,
			"purposes": [{"purpose": purpose}],
		}
	).insert(ignore_permissions=True)
	booking = frappe.get_doc(booking_values(slot.name, purpose=purpose, **values))
	booking.insert(ignore_permissions=True)
	if minutes_from_now < 1:
		start = now_datetime().replace(microsecond=0) + timedelta(minutes=minutes_from_now)
		moved = {"start_time": start.strftime("%H:%M:%S"), "starts_at": start}
		frappe.db.set_value("Booking Slot", slot.name, moved)
		frappe.db.set_value("Card Booking", booking.name, moved)
		booking.reload()
	return booking


def set_rules(**values):
	for field, value in values.items():
		frappe.db.set_single_value("MyNumber Card Settings", field, value)


def clear_test_tickets():
	"""Today's queue starts empty for each test: a ticket another test left called at a counter or
	waiting would change who is called next and the estimated wait."""
	frappe.db.delete("Queue Ticket", {"ticket_date": now_datetime().date()})
	frappe.db.delete("Queue Ticket", {"purpose": PURPOSE})


class QueueTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_purpose()
		frappe.db.commit()

	def setUp(self):
		frappe.set_user("Administrator")
		self.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		frappe.local.lang = "ja"  # what residents and clerks read
		clear_test_tickets()
		set_rules(
			queue_early_minutes=30,
			queue_late_minutes=15,
			queue_late_rule=q.END_OF_QUEUE,
			queue_skip_after_calls=3,
			queue_counters=3,
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def ticket(self, number: str):
		return frappe.get_doc("Queue Ticket", {"number": number, "ticket_date": now_datetime().date()})

	def next_for(self, counter: int):
		result = clerk_api.call_next(counter, PURPOSE)
		return self.ticket(result["ticket"]) if result["ticket"] else None


class TestKioskCheckIn(QueueTestCase):
	def test_check_in_by_qr_gives_a_booked_ticket_once(self):
		booking = booking_today(10, full_name=APPLICANT, full_name_kana=APPLICANT_KANA)
		answer = kiosk.check_in(check_in_code(booking))  # the confirmation's QR holds the check-in code
		self.assertTrue(answer["ok"], answer)
		self.assertEqual(answer["result"], "OK")
		ticket = answer["ticket"]
		self.assertRegex(ticket["number"], r"^A-\d{3,}$")
		self.assertEqual((ticket["state"], ticket["purpose"], ticket["late"]), (q.WAITING, PURPOSE, False))
		self.assertNotIn(APPLICANT, frappe.as_json(answer))  # residents see the kiosk: no name
		booking.reload()
		self.assertEqual(booking.workflow_state, booking_states.CHECKED_IN)
		doc = self.ticket(ticket["number"])
		self.assertEqual((doc.booking, doc.kind), (booking.name, q.BOOKED))
		self.assertEqual(
			get_datetime(doc.queue_key), get_datetime(booking.starts_at)
		)  # keeps the booked place
		# shown again (as a scanner gives it, with Enter): the same ticket
		again = kiosk.check_in(check_in_code(booking) + "\r\n")
		self.assertEqual((again["result"], again["ticket"]["number"]), ("Repeated", ticket["number"]))
		self.assertEqual(frappe.db.count("Queue Ticket", {"booking": booking.name}), 1)

	def test_what_the_kiosk_refuses_changes_nothing(self):
		booking = booking_today(5)
		for code, expected in (
			("123456789018", "個人番号"),  # a 12-digit My Number with a valid check digit: never read
			("ABC-123456", "QR"),  # a notice number is not a booking
			("BK-2000-99999", "QR"),  # a bare booking number is not a check-in code
			(booking.name, "QR"),
		):
			answer = kiosk.check_in(code)
			self.assertFalse(answer["ok"], code)
			self.assertIn(expected, answer["message"])
		early = booking_today(45)  # check-in opens 30 minutes before
		answer = kiosk.check_in(check_in_code(early))
		self.assertFalse(answer["ok"])
		# from 23:15 (site time) a booking 45 minutes ahead is tomorrow's: the kiosk names its day
		on_another_day = getdate(early.starts_at) != getdate(now_datetime())
		self.assertIn("ご予約は" if on_another_day else "受付は", answer["message"])
		for name in (booking.name, early.name):
			self.assertEqual(
				frappe.db.get_value("Card Booking", name, "workflow_state"), booking_states.CONFIRMED
			)
			self.assertFalse(frappe.db.exists("Queue Ticket", {"booking": name}))

	def test_walk_in_ticket(self):
		first = kiosk.walk_in(PURPOSE)["ticket"]
		second = kiosk.walk_in(PURPOSE)["ticket"]
		self.assertRegex(first["number"], r"^B-\d{3,}$")
		self.assertEqual(int(second["number"][2:]), int(first["number"][2:]) + 1)
		doc = self.ticket(second["number"])
		self.assertEqual((doc.kind, doc.state, doc.booking), (q.WALK_IN, q.WAITING, None))
		self.assertEqual(second["ahead"], 1)
		self.assertGreater(second["minutes"], 0)
		make_purpose("行列テスト休止")
		frappe.db.set_value("Booking Purpose", "行列テスト休止", "is_active", 0)
		before = frappe.db.count("Queue Ticket")
		with self.assertRaises(QueueRefused):
			kiosk.walk_in("行列テスト休止")
		self.assertEqual(frappe.db.count("Queue Ticket"), before)

	def test_late_arrival_goes_to_the_end_or_to_staff(self):
		walk_in = kiosk.walk_in(PURPOSE)["ticket"]  # arrived before the late resident
		late = booking_today(-40)
		answer = kiosk.check_in(check_in_code(late))
		self.assertTrue(answer["ok"])
		self.assertIn("予約の時間を過ぎて", answer["message"])
		doc = self.ticket(answer["ticket"]["number"])
		self.assertEqual((doc.state, doc.late), (q.WAITING, 1))
		self.assertEqual(self.next_for(1).number, walk_in["number"])  # the walk-in came first
		set_rules(queue_late_rule=q.TO_STAFF_RULE)
		to_staff = booking_today(-40)
		answer = kiosk.check_in(check_in_code(to_staff))
		self.assertEqual(answer["ticket"]["state"], q.TO_STAFF)
		self.assertIn("係員", answer["message"])
		doc = self.ticket(answer["ticket"]["number"])
		self.assertNotIn(doc.number, display_state()["next"])  # not called until a clerk lets them in
		clerk_api.act(doc.name, q.ACCEPT)
		self.assertIn(doc.number, display_state()["next"])
		# on time within the grace minutes: keeps the booked place, ahead of a later walk-in
		on_time = booking_today(-10)
		kiosk.walk_in(PURPOSE)
		number = kiosk.check_in(check_in_code(on_time))["ticket"]["number"]
		self.assertEqual(get_datetime(self.ticket(number).queue_key), get_datetime(on_time.starts_at))


class TestClerks(QueueTestCase):
	def test_two_clerks_at_once_never_get_the_same_ticket(self):
		numbers = [kiosk.walk_in(PURPOSE)["ticket"]["number"] for _ in range(16)]
		frappe.db.commit()  # the clerks' connections must see the tickets
		called: dict[int, list[str]] = {}
		errors: list[str] = []

		def clerk(counter: int):
			try:
				called[counter] = call_until_empty(counter, PURPOSE)
			except Exception as error:
				frappe.db.rollback()
				errors.append(f"{counter}: {type(error).__name__}: {error}")

		at_once(clerk, (1, 2, 3, 4))
		try:
			self.assertEqual(errors, [])
			every = [n for got in called.values() for n in got]
			self.assertEqual(sorted(every), sorted(numbers))  # every ticket called exactly once
			self.assertGreater(sum(1 for got in called.values() if got), 1, called)  # shared by clerks
			for counter, got in called.items():
				for number in got:
					self.assertEqual(self.ticket(number).counter, counter)
		finally:
			clear_test_tickets()
			frappe.db.commit()

	def test_skip_after_n_calls_and_recall(self):
		first = kiosk.walk_in(PURPOSE)["ticket"]["number"]
		second = kiosk.walk_in(PURPOSE)["ticket"]["number"]
		doc = self.next_for(2)
		self.assertEqual((doc.number, doc.state, doc.counter, doc.call_count), (first, q.CALLED, 2, 1))
		with self.assertRaises(QueueRefused):  # still called here: start, skip or put back first
			clerk_api.call_next(2, PURPOSE)
		clerk_api.act(doc.name, q.RECALL)
		clerk_api.act(doc.name, q.RECALL)
		doc.reload()
		self.assertEqual((doc.state, doc.call_count), (q.CALLED, 3))
		answer = clerk_api.act(doc.name, q.RECALL)  # a fourth call: absent after three
		self.assertEqual(answer["state"], q.SKIPPED)
		self.assertIn("不在", answer["message"])
		self.assertEqual(self.next_for(2).number, second)
		clerk_api.act(self.ticket(second).name, q.FINISH)
		# the absent resident comes back: first in line again
		clerk_api.act(doc.name, q.REINSTATE)
		back = self.next_for(3)
		self.assertEqual((back.number, back.call_count, back.counter), (first, 1, 3))
		self.assertEqual(get_datetime(back.called_at), get_datetime(doc.called_at))  # the wait ended then
		clerk_api.act(back.name, q.SKIP)
		with self.assertRaises(QueueRefused):
			clerk_api.act(back.name, q.START)  # absent: nothing to start

	def test_transfer_to_another_counter(self):
		number = kiosk.walk_in(PURPOSE)["ticket"]["number"]
		doc = self.next_for(1)
		clerk_api.act(doc.name, q.START)
		clerk_api.act(doc.name, q.TRANSFER, counter=4)
		doc.reload()
		self.assertEqual((doc.state, doc.for_counter, doc.transferred_from), (q.WAITING, 4, 1))
		self.assertIsNone(clerk_api.call_next(2, PURPOSE)["ticket"])  # not for counter 2
		self.assertEqual(self.next_for(4).number, number)
		with self.assertRaises(QueueRefused):
			clerk_api.act(doc.name, q.TRANSFER, counter=4)  # already at counter 4

	def test_times_are_stamped_and_measured(self):
		walk_in = kiosk.walk_in(PURPOSE)["ticket"]["number"]
		doc = self.ticket(walk_in)
		checked_in = add_to_date(now_datetime(), minutes=-12)
		frappe.db.set_value("Queue Ticket", doc.name, {"checked_in_at": checked_in, "queue_key": checked_in})
		doc = self.next_for(1)
		clerk_api.act(doc.name, q.START)
		clerk_api.act(doc.name, q.FINISH)
		doc.reload()
		self.assertEqual(doc.state, q.DONE)
		for field in ("called_at", "serving_at", "done_at"):
			self.assertTrue(doc.get(field), field)
		self.assertAlmostEqual(doc.wait_minutes, 12, delta=0.5)
		self.assertGreaterEqual(doc.service_minutes, 0)
		from mynumber_card.mynumber_card.report.queue_times.queue_times import execute

		_columns, rows, _message, chart = execute({"purpose": PURPOSE})
		all_day = next(r for r in rows if r["purpose"] == PURPOSE and r["hour"] == "終日")
		self.assertEqual(all_day["tickets"], 1)
		self.assertAlmostEqual(all_day["wait_median"], 12, delta=0.5)
		self.assertTrue(chart["data"]["labels"])

	def test_estimated_wait_uses_the_measured_medians(self):
		for minutes in (20, 22, 24):  # three measured visits: a median of 22 minutes
			doc = self.ticket(kiosk.walk_in(PURPOSE)["ticket"]["number"])
			called = add_to_date(now_datetime(), minutes=-minutes - 5)
			frappe.db.set_value(
				"Queue Ticket",
				doc.name,
				{"state": q.DONE, "called_at": called, "service_minutes": minutes, "done_at": now_datetime()},
			)
		figures.service_medians.clear_cache()
		set_rules(queue_counters=2)
		for _ in range(4):
			kiosk.walk_in(PURPOSE)
		last = kiosk.walk_in(PURPOSE)["ticket"]
		self.assertEqual(last["ahead"], 4)
		# 4 ahead × 22 minutes / 2 counters = 44 → told as 45
		self.assertEqual(last["minutes"], 45)
		figures.service_medians.clear_cache()


class TestScannerCheckIn(QueueTestCase):
	def test_a_clerks_scan_check_in_also_gives_a_ticket_and_undo_takes_it(self):
		booking = booking_today(-30)  # late, but a clerk checks in: the end of the queue, never refused
		set_rules(queue_late_rule=q.TO_STAFF_RULE)
		result = run_scan("Check-in", booking.name, session_id="queue-test")
		self.assertTrue(result["ok"], result)
		doc = frappe.get_doc("Queue Ticket", {"booking": booking.name})
		self.assertEqual((doc.state, doc.late), (q.WAITING, 1))
		undo(result["log"], "queue-test")
		doc.reload()
		self.assertEqual(doc.state, q.CANCELLED)
		self.assertEqual(frappe.db.get_value("Card Booking", booking.name, "workflow_state"), "Confirmed")

	def test_a_booking_completed_elsewhere_closes_its_ticket(self):
		first = booking_today(5)
		kiosk.check_in(check_in_code(first))
		second = booking_today(5)
		kiosk.check_in(check_in_code(second))
		doc = self.next_for(1)
		self.assertEqual(doc.booking, first.name)
		clerk_api.act(doc.name, q.START)
		for booking in (first, second):  # cards handed over, or 完了にする on the booking
			booking.reload()
			booking.workflow_state = booking_states.COMPLETED
			booking.save()
		at_counter = frappe.get_doc("Queue Ticket", {"booking": first.name})
		self.assertEqual(at_counter.state, q.DONE)
		self.assertIsNotNone(at_counter.service_minutes)  # a visit served at the counter is measured
		never_called = frappe.get_doc("Queue Ticket", {"booking": second.name})
		self.assertEqual((never_called.state, never_called.called_at), (q.DONE, None))  # not measured
		self.assertIsNone(clerk_api.call_next(1, PURPOSE)["ticket"])  # and no longer called


class TestDisplay(QueueTestCase):
	def test_the_display_page_shows_numbers_and_no_name(self):
		from frappe.website.serve import get_response

		booking = booking_today(0, full_name=APPLICANT, full_name_kana=APPLICANT_KANA)
		number = kiosk.check_in(check_in_code(booking))["ticket"]["number"]
		waiting = kiosk.walk_in(PURPOSE)["ticket"]["number"]
		self.assertEqual(self.next_for(3).number, number)
		frappe.set_user("Guest")
		frappe.local.form_dict = frappe._dict()
		response = get_response("queue-display")
		html = response.get_data(as_text=True)
		self.assertEqual(response.status_code, 200)
		# assertTrue, not assertIn: a failure must not print the whole page
		self.assertTrue(f'<span class="mnc-qd-number">{number}</span>' in html, "called number")
		self.assertTrue(f"<li>{waiting}</li>" in html, "next number")
		for personal in (APPLICANT, APPLICANT_KANA, booking.name, booking.phone):
			self.assertFalse(personal in html, personal)
			self.assertFalse(frappe.as_json(personal).strip('"') in html, personal)  # nor JSON-escaped
		state = display_state()
		self.assertEqual(state["called"][0]["announcement"], f"{number} 番の方 3番窓口へどうぞ")
		state = frappe.as_json(state)
		self.assertNotIn(APPLICANT, state)
		self.assertNotIn(booking.name, state)
