"""Queue Tickets: issued at check-in (counter_queue/check_in.py) or for a walk-in, moved by the clerks
through the core table. Each office (Booking Location) has its own line: a clerk set to an office
calls, moves and locks only that office's tickets. Each move is one request and one transaction; the
calling display hears of it after the commit."""

import dataclasses

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, get_datetime, getdate, now_datetime

from mynumber_card import settings
from mynumber_card.core import offices
from mynumber_card.core import queue as q
from mynumber_card.core.offices import OfficeError
from mynumber_card.counter_queue.offices import refuse as refuse_office
from mynumber_card.mynumber_card.doctype.queue_ticket.queue_ticket import OFFICE_QUEUE_INDEX, QUEUE_INDEX
from mynumber_card.utils.series import ensure_series_row

TICKET = "Queue Ticket"
CORE_FIELDS = [f.name for f in dataclasses.fields(q.Ticket)]
REALTIME_EVENT = "mnc_queue"
# Socket.io puts every visitor of the website, guests included, in this room.
DISPLAY_ROOM = "website"

MESSAGES = {
	"not_allowed": lambda: _("This ticket cannot do that now."),
	"bad_counter": lambda: _("Enter a counter number from 1 to 99."),
	"other_counter": lambda: _("This ticket was transferred to another counter."),
	"same_counter": lambda: _("Choose another counter to transfer to."),
}


class QueueRefused(frappe.ValidationError):
	pass


def refuse(error: q.QueueError):
	frappe.throw(MESSAGES.get(error.key, MESSAGES["not_allowed"])(), QueueRefused)


def as_core(doc) -> q.Ticket:
	values = {f: doc.get(f) for f in CORE_FIELDS}
	for field in ("queue_key", "checked_in_at", "called_at", "last_called_at", "serving_at", "done_at"):
		values[field] = get_datetime(values[field]) if values[field] else None
	for field in ("for_counter", "counter", "transferred_from"):
		values[field] = cint(values[field]) or None
	values["call_count"] = cint(values["call_count"])
	return q.Ticket(**values)


def store(doc, ticket: q.Ticket):
	for field in CORE_FIELDS:
		value = getattr(ticket, field)
		doc.set(
			field, 0 if value is None and field in ("for_counter", "counter", "transferred_from") else value
		)
	doc.wait_minutes = q.wait_minutes(ticket)
	doc.service_minutes = q.service_minutes(ticket)


def next_number(day, kind: str) -> str:
	"""The day's next number for the kind, drawn under the lock of its own counter row (as Frappe's
	naming series do); the row is made first, so two first tickets of the day cannot collide."""
	key = q.series_key(day, kind)
	# only where the daily job has not made it ahead: two transactions inserting the same row at
	# once would deadlock each other once they go on to lock it
	ensure_series_row(key)
	from frappe.model.naming import getseries

	return q.ticket_number(kind, int(getseries(key, 3)))


def one_move_at_a_time(office: str | None = None):
	"""Clerks' moves of the day at one office wait for each other on one row lock, held until the
	commit. Without it, two clerks calling at once could deadlock: a call's locking scan of the waiting
	tickets takes gap locks that another clerk's update of a ticket (its place in the queue index) must
	wait for. Clerks of two offices lock their own rows and scan their own ranges of the office index
	(queue_ticket.OFFICE_QUEUE_INDEX)."""
	key = offices.calls_key(getdate(now_datetime()), office)
	# only where the daily job has not made it ahead: two transactions inserting the same row at
	# once would deadlock each other once they go on to lock it
	ensure_series_row(key)
	series = DocType("Series")
	frappe.qb.from_(series).select(series.current).where(series.name == key).for_update().run()


def issue(
	kind: str,
	purpose: str,
	*,
	booking: str | None = None,
	state: str = q.WAITING,
	queue_key=None,
	late: bool = False,
	office: str | None = None,
):
	now = now_datetime()
	doc = frappe.get_doc(
		{
			"doctype": TICKET,
			"ticket_date": getdate(now),
			"number": next_number(getdate(now), kind),
			"kind": kind,
			"purpose": purpose,
			"location": office,
			"booking": booking,
			"late": 1 if late else 0,
		}
	)
	store(doc, q.Ticket(state=state, queue_key=queue_key or now, checked_in_at=now))
	doc.insert(ignore_permissions=True)
	publish()
	return doc


def ticket_for_booking(booking: str, for_update: bool = False):
	"""Today's ticket of a booking that is not cancelled, if any."""
	name = frappe.db.get_value(
		TICKET,
		{"booking": booking, "ticket_date": getdate(now_datetime()), "state": ("!=", q.CANCELLED)},
		"name",
		for_update=for_update,
	)
	return frappe.get_doc(TICKET, name) if name else None


def move(doc, action: str, counter: int | None = None):
	try:
		ticket = q.move(as_core(doc), action, now_datetime(), counter=counter, rules=settings.queue_rules())
	except q.QueueError as error:
		refuse(error)
	store(doc, ticket)
	doc.save(ignore_permissions=True)
	publish(doc if action in (q.CALL, q.RECALL) and ticket.state == q.CALLED else None)
	return doc


def act(name: str, action: str, counter: int | None = None, office: str | None = None, to_office: str = ""):
	"""A clerk's move on one ticket of their office, under its row lock. A transfer names a counter of
	the same office; one to another office (`to_office`) is refused."""
	if action not in q.ACTIONS or action == q.CALL:
		frappe.throw(_("Unknown action."), QueueRefused)
	if not frappe.db.exists(TICKET, name):
		frappe.throw(_("No such ticket."), QueueRefused)
	one_move_at_a_time(office)
	doc = frappe.get_doc(TICKET, name, for_update=True)
	try:
		offices.check_same_office(doc.location, office)
		if action == q.TRANSFER:
			offices.check_transfer(doc.location, to_office)
	except OfficeError as error:
		refuse_office(error)
	return move(doc, action, counter)


def at_counter(counter: int, office: str | None = None) -> list:
	"""Today's tickets called to or served at the counter of the office (a plain read: a locking read
	of this range would queue every clerk behind the one calling; each ticket is locked by its name
	when moved)."""
	ticket = DocType(TICKET)
	query = (
		frappe.qb.from_(ticket)
		.select(ticket.name, ticket.number, ticket.state)
		.where(
			(ticket.ticket_date == getdate(now_datetime()))
			& (ticket.counter == counter)
			& ticket.state.isin(q.AT_COUNTER)
		)
		.orderby(ticket.last_called_at)
	)
	if office:
		query = query.where(ticket.location == office)
	return query.run(as_dict=True)


def oldest_waiting(counter: int, purpose: str | None = None, office: str | None = None) -> str | None:
	"""The first waiting ticket of the office this counter may call, locked; a ticket another clerk is
	calling at this moment is locked by them and skipped, so no two clerks ever get the same ticket."""
	ticket = DocType(TICKET)
	query = (
		frappe.qb.from_(ticket)
		.force_index(OFFICE_QUEUE_INDEX if office else QUEUE_INDEX)
		.select(ticket.name)
		.where(
			(ticket.ticket_date == getdate(now_datetime()))
			& (ticket.state == q.WAITING)
			& ticket.for_counter.isin([0, counter])
		)
		.orderby(ticket.queue_key)
		.orderby(ticket.creation)
		.limit(1)
		.for_update(skip_locked=True)
	)
	if office:
		query = query.where(ticket.location == office)
	if purpose:
		query = query.where(ticket.purpose == purpose)
	rows = query.run()
	return rows[0][0] if rows else None


def call_next(counter, purpose: str | None = None, office: str | None = None):
	"""Finish the counter's current resident and call the office's next one; None when nobody waits."""
	try:
		counter = q.valid_counter(counter)
	except q.QueueError as error:
		refuse(error)
	one_move_at_a_time(office)
	for row in at_counter(counter, office):
		if row.state == q.CALLED:
			frappe.throw(
				_("{0} is still called at this counter: start, mark absent or put back first.").format(
					row.number
				),
				QueueRefused,
			)
		move(frappe.get_doc(TICKET, row.name, for_update=True), q.FINISH)
	name = oldest_waiting(counter, purpose, office)
	if not name:
		return None
	# read under the lock: the latest version of the ticket, not this transaction's snapshot
	return move(frappe.get_doc(TICKET, name, for_update=True), q.CALL, counter)


def publish(called=None):
	"""Tell the calling displays and the residents' phones (guests included) that the queue changed;
	when a number was called, what to announce. One message per transaction, built and sent after the
	commit (counter_queue/line.py), never for a rolled-back move."""
	from mynumber_card.counter_queue import line

	call = None
	if called:
		call = {
			"number": called.number,
			"counter": called.counter,
			"announcement": q.announcement(called.number, called.counter),
		}
	line.changed(call)
