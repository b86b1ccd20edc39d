"""Check-in in one place (issue 24): the kiosk, the clerk's scanner and the booking form's Check In
button each check a booking in through counter_queue/check_in.py, and the tickets they make are the
same in every field that does not depend on the booking or the moment."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import get_datetime

from mynumber_card.api import kiosk
from mynumber_card.api.scanner import run_scan
from mynumber_card.booking.links import check_in_code
from mynumber_card.core import booking_states
from mynumber_card.core import queue as q
from mynumber_card.counter_queue import check_in, tickets
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import (
	PURPOSE,
	QueueTestCase,
	booking_today,
	set_rules,
)

COMPARED = ("kind", "purpose", "state", "late", "counter", "for_counter", "call_count", "ticket_date")


def by_kiosk(booking):
	answer = kiosk.check_in(check_in_code(booking))
	assert answer["ok"], answer
	return answer["ticket"]["number"]


def by_scanner(booking):
	result = run_scan("Check-in", booking.name, session_id="check-in-paths")
	assert result["ok"], result
	return tickets.ticket_for_booking(booking.name).number


def by_booking_form(booking):
	"""The clerk presses the form's Check In (Frappe's workflow action, as the desk sends it)."""
	apply_workflow(frappe.get_doc("Card Booking", booking.name).as_dict(), "Check In")
	return tickets.ticket_for_booking(booking.name).number


PATHS = {"kiosk": by_kiosk, "scanner": by_scanner, "booking form": by_booking_form}


class TestOneCheckIn(QueueTestCase):
	def tickets_by_path(self, minutes_from_now: int) -> dict:
		made = {}
		for path, check in PATHS.items():
			booking = booking_today(minutes_from_now)
			number = check(booking)
			doc = self.ticket(number)
			booking.reload()
			self.assertEqual(booking.workflow_state, booking_states.CHECKED_IN, path)
			self.assertEqual(doc.booking, booking.name, path)
			self.assertEqual(doc.location, booking.location, path)  # the office booked
			self.assertEqual(frappe.db.count("Queue Ticket", {"booking": booking.name}), 1, path)
			made[path] = (doc, booking)
		return made

	def test_the_three_paths_make_the_same_ticket(self):
		made = self.tickets_by_path(5)
		shapes = {path: {f: doc.get(f) for f in COMPARED} for path, (doc, _b) in made.items()}
		self.assertEqual(shapes["kiosk"], shapes["scanner"])
		self.assertEqual(shapes["kiosk"], shapes["booking form"])
		self.assertEqual((shapes["kiosk"]["kind"], shapes["kiosk"]["state"]), (q.BOOKED, q.WAITING))
		for path, (doc, booking) in made.items():  # each keeps its booked place in the line
			self.assertEqual(get_datetime(doc.queue_key), get_datetime(booking.starts_at), path)

	def test_late_the_kiosk_sends_to_a_clerk_who_never_turns_away(self):
		set_rules(queue_late_rule=q.TO_STAFF_RULE)
		made = self.tickets_by_path(-40)
		self.assertEqual(made["kiosk"][0].state, q.TO_STAFF)  # the town's rule, for residents alone
		for path in ("scanner", "booking form"):
			self.assertEqual((made[path][0].state, made[path][0].late), (q.WAITING, 1), path)

	def test_the_function_returns_its_ticket_and_refuses_a_second(self):
		booking = booking_today(5)
		ticket = check_in.check_in(booking.name, by_staff=True)
		self.assertEqual(ticket.name, tickets.ticket_for_booking(booking.name).name)
		with self.assertRaises(check_in.AlreadyCheckedIn) as raised:
			check_in.check_in(booking.name, by_staff=False)
		self.assertEqual(raised.exception.ticket.name, ticket.name)
		early = booking_today(45)
		with self.assertRaises(check_in.CheckInRefused) as refused:
			check_in.check_in(early.name, by_staff=False)
		self.assertEqual(refused.exception.key, "too_early")
		self.assertFalse(frappe.db.exists("Queue Ticket", {"booking": early.name}))
		self.assertEqual(
			frappe.db.get_value("Card Booking", early.name, "workflow_state"), booking_states.CONFIRMED
		)
		self.assertEqual(frappe.db.count("Queue Ticket", {"purpose": PURPOSE, "booking": booking.name}), 1)
