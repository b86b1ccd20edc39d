"""The clerks' side of the counter queue: the day's board, call next, and the moves on one ticket, each
for the clerk's office (`office`, a Booking Location: the panel's choice where the town has several)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime

from mynumber_card import settings
from mynumber_card.core import queue as q
from mynumber_card.core.dates import clock
from mynumber_card.counter_queue import tickets
from mynumber_card.counter_queue.offices import choices, office_for
from mynumber_card.roles import staff_only

BOARD_FIELDS = [
	"name",
	"number",
	"kind",
	"purpose",
	"booking",
	"state",
	"counter",
	"for_counter",
	"call_count",
	"late",
	"checked_in_at",
	"queue_key",
]


def row_view(row, now) -> dict:
	return {
		"name": row.name,
		"number": row.number,
		"kind_label": q.KIND_LABELS_JA.get(row.kind, row.kind),
		"purpose": row.purpose,
		"booking": row.booking,
		"state": row.state,
		"state_label": q.STATE_LABELS_JA.get(row.state, row.state),
		"counter": row.counter or None,
		"for_counter": row.for_counter or None,
		"call_count": row.call_count,
		"late": bool(row.late),
		"checked_in": clock(row.checked_in_at),
		"waited": int((now - row.checked_in_at).total_seconds() // 60),
	}


@frappe.whitelist(methods=["GET"])
@staff_only
def board(counter: int | None = None, office: str | None = None) -> dict:
	"""Today's open tickets of the office in the order they will be called, and what stands at this
	counter."""
	now = now_datetime()
	office = office_for(office)
	filters = {"ticket_date": getdate(now), "state": ("in", q.OPEN)}
	if office:
		filters["location"] = office
	rows = frappe.get_all(
		tickets.TICKET,
		filters=filters,
		fields=BOARD_FIELDS,
		order_by="queue_key asc, creation asc",
	)
	views = [row_view(r, now) for r in rows]
	mine = [v for v in views if counter and v["counter"] == cint(counter) and v["state"] in q.AT_COUNTER]
	for view in mine:  # the clerk serving the resident may see who it is
		if view["booking"]:
			view["full_name"] = frappe.db.get_value("Card Booking", view["booking"], "full_name")
	return {
		"mine": mine,
		"waiting": [v for v in views if v["state"] == q.WAITING],
		"called": [v for v in views if v["state"] in q.AT_COUNTER and v not in mine],
		"to_staff": [v for v in views if v["state"] == q.TO_STAFF],
		"skipped": [v for v in views if v["state"] == q.SKIPPED],
		"skip_after_calls": settings.queue_rules().skip_after_calls,
		"office": office,
		**choices(),
	}


@frappe.whitelist(methods=["POST"])
@staff_only
def call_next(counter: int, purpose: str | None = None, office: str | None = None) -> dict:
	doc = tickets.call_next(counter, purpose or None, office_for(office))
	if not doc:
		return {"ticket": None, "message": _("Nobody is waiting.")}
	return {
		"ticket": doc.number,
		"message": _("Called {0} to counter {1}.").format(doc.number, doc.counter),
	}


@frappe.whitelist(methods=["POST"])
@staff_only
def act(
	ticket: str, action: str, counter: int | None = None, office: str | None = None, to_office: str = ""
) -> dict:
	doc = tickets.act(ticket, action, counter=counter, office=office_for(office), to_office=to_office or "")
	if action == q.RECALL and doc.state == q.SKIPPED:
		message = _("{0} was called {1} times and is now marked absent.").format(doc.number, doc.call_count)
	else:
		message = _("{0}: {1}").format(doc.number, _(doc.state))
	return {"ticket": doc.number, "state": doc.state, "message": message}
