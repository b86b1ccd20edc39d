"""What the calling display in the waiting area shows: ticket numbers and counter numbers only, of the
display's office when it is set to one. The query reads no other field, so no name can reach the
public page."""

import frappe
from frappe.query_builder import DocType, Order
from frappe.utils import getdate, now_datetime

from mynumber_card.core import queue as q
from mynumber_card.counter_queue.tickets import TICKET

SHOWN_CALLED = 4  # rows of 15vh numbers that fit the screen
SHOWN_NEXT = 10


def display_state(office: str | None = None) -> dict:
	ticket = DocType(TICKET)
	today = ticket.ticket_date == getdate(now_datetime())
	if office:
		today = today & (ticket.location == office)
	called = (
		frappe.qb.from_(ticket)
		.select(ticket.number, ticket.counter, ticket.last_called_at, ticket.state)
		.where(today & ticket.state.isin(q.AT_COUNTER))
		.orderby(ticket.last_called_at, order=Order.desc)
		.limit(SHOWN_CALLED)
	).run(as_dict=True)
	waiting = (
		frappe.qb.from_(ticket)
		.select(ticket.number)
		.where(today & (ticket.state == q.WAITING))
		.orderby(ticket.queue_key)
		.orderby(ticket.creation)
	).run(pluck=True)
	return {
		"called": [
			{
				"number": row.number,
				"counter": row.counter,
				"serving": row.state == q.SERVING,
				# a new key for every call and recall: the display chimes once per key
				"key": f"{row.number}@{row.last_called_at.isoformat()}",
				"announcement": q.announcement(row.number, row.counter),
			}
			for row in called
		],
		"next": waiting[:SHOWN_NEXT],
		"waiting_count": len(waiting),
	}
