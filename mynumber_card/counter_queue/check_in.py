"""Check-in, in one place. The kiosk (api/kiosk.py), the counter's scanner (scanner/modes.py) and the
clerk's booking form (its Check In button, through Card Booking's controller) all check a booking in
with `check_in`, and each gets back the Queue Ticket it made.

Under the booking's row lock: the booking must be Confirmed; its place in its office's line comes from
the booked time (a resident at the kiosk may be too early, or be sent to a clerk when late if the town
says so; a clerk checking in is never turned away); the ticket is made, then the booking is saved as
Checked In. The ticket comes first, so the booking's own save (`follow_booking`) finds it and makes
no second one."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from mynumber_card import settings
from mynumber_card.core import booking_states, offices
from mynumber_card.core import queue as q
from mynumber_card.core.dates import clock
from mynumber_card.core.offices import OfficeError
from mynumber_card.counter_queue import tickets
from mynumber_card.counter_queue.offices import MESSAGES as OFFICE_MESSAGES

BOOKING = "Card Booking"


class CheckInRefused(frappe.ValidationError):
	"""The booking cannot be checked in now. `key`: wrong_state, too_early or booked_elsewhere."""

	def __init__(self, key: str, message: str, opens_at=None):
		super().__init__(message)
		self.key = key
		self.message = message
		self.opens_at = opens_at


class AlreadyCheckedIn(frappe.ValidationError):
	"""The booking was checked in before; `ticket` is today's ticket, if it has one."""

	def __init__(self, ticket):
		super().__init__(_("Already checked in."))
		self.ticket = ticket


def placement_for(booking, by_staff: bool) -> q.Placement:
	return q.place_booking(
		get_datetime(booking.starts_at), now_datetime(), settings.queue_rules(), by_staff=by_staff
	)


def check_in(booking, *, by_staff: bool, office: str | None = None):
	"""Check the booking (a name or the document) in and return the Queue Ticket made for it.

	`by_staff`: a clerk checks in (the scanner, the booking form), as the clerk and never turned away;
	otherwise the kiosk, as the system. `office`: the kiosk's or clerk's office, when set; a booking of
	another office is refused. Raises AlreadyCheckedIn or CheckInRefused; changes nothing then."""
	name = booking if isinstance(booking, str) else booking.name
	frappe.db.get_value(BOOKING, name, "name", for_update=True)  # one check-in of a booking at a time
	if isinstance(booking, str):
		booking = frappe.get_doc(BOOKING, name)
	ticket = tickets.ticket_for_booking(name, for_update=True)
	before = booking.get_doc_before_save()
	# The form's Check In button: Frappe's workflow is saving the booking as Checked In right now
	# (Card Booking.on_update called us): the ticket is all that is left to do.
	being_saved = bool(
		before
		and before.workflow_state == booking_states.CONFIRMED
		and booking.workflow_state == booking_states.CHECKED_IN
	)
	if ticket or (booking.workflow_state == booking_states.CHECKED_IN and not being_saved):
		raise AlreadyCheckedIn(ticket)
	if booking.workflow_state != booking_states.CONFIRMED and not being_saved:
		raise CheckInRefused(
			"wrong_state",
			_("This booking is {0}: it cannot be checked in.").format(_(booking.workflow_state)),
		)
	try:
		office = offices.ticket_office(booking.location, office)
	except OfficeError as error:
		raise CheckInRefused(error.key, OFFICE_MESSAGES[error.key](error.office)) from None
	placement = placement_for(booking, by_staff)
	if placement.outcome == "too_early":
		raise CheckInRefused(
			"too_early",
			_("Check-in opens at {0}.").format(clock(placement.opens_at)),
			opens_at=placement.opens_at,
		)
	ticket = tickets.issue(
		q.BOOKED,
		booking.purpose,
		booking=name,
		state=placement.state,
		queue_key=placement.queue_key,
		late=placement.outcome == "late",
		office=office,
	)
	if not being_saved:
		booking.workflow_state = booking_states.CHECKED_IN
		if by_staff:
			booking.save()  # as the clerk: their role and the workflow's transition are checked
		else:
			booking.flags.system_transition = True  # the kiosk takes this one step of the workflow only
			booking.save(ignore_permissions=True)
	return ticket


def follow_booking(booking):
	"""Card Booking.on_update: the ticket follows its booking. A check-in saved without one (the form's
	Check In button) gets its ticket here; an undone check-in takes it away; a booking completed
	elsewhere (cards handed over) closes it."""
	before = booking.get_doc_before_save()
	if not before or before.workflow_state == booking.workflow_state:
		return
	if booking.workflow_state == booking_states.CHECKED_IN:
		if not tickets.ticket_for_booking(booking.name, for_update=True):
			try:
				check_in(booking, by_staff=True)
			except CheckInRefused as refused:
				frappe.throw(refused.message, CheckInRefused)
		return
	if before.workflow_state != booking_states.CHECKED_IN:
		return  # only a checked-in booking has a ticket (cancellations and no-shows have none)
	doc = tickets.ticket_for_booking(booking.name, for_update=True)
	if not doc or doc.state == q.DONE:
		return
	if booking.workflow_state == booking_states.COMPLETED:
		tickets.move(doc, q.FINISH if doc.state in q.AT_COUNTER else q.CLOSE)
	elif booking.workflow_state == booking_states.CONFIRMED:  # check-in undone
		tickets.move(doc, q.CANCEL)
