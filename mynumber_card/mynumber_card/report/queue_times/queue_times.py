# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""待ち時間と窓口の所要時間: waiting (checked in → first called) and service (first called → done),
per purpose and per hour of arrival, from the day's Queue Tickets, of one office or all. The estimated wait the kiosk
prints uses the same measured service times (mynumber_card.counter_queue.figures)."""

import frappe
from frappe import _
from frappe.utils import add_days, get_datetime, getdate, today

from mynumber_card.core import queue as q

ALL_HOURS = -1


def execute(filters=None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.get("to_date") or today())
	from_date = getdate(filters.get("from_date") or add_days(to_date, -30))
	ticket = frappe.qb.DocType("Queue Ticket")
	query = (
		frappe.qb.from_(ticket)
		.select(ticket.purpose, ticket.checked_in_at, ticket.wait_minutes, ticket.service_minutes)
		.where(
			(ticket.state == q.DONE)
			& ticket.called_at.isnotnull()
			& (ticket.ticket_date >= from_date)
			& (ticket.ticket_date <= to_date)
		)
	)
	if filters.get("purpose"):
		query = query.where(ticket.purpose == filters.purpose)
	if filters.get("location"):
		query = query.where(ticket.location == filters.location)
	groups: dict[tuple[str, int], list] = {}
	for row in query.run(as_dict=True):
		hour = get_datetime(row.checked_in_at).hour
		for key in ((row.purpose, hour), (row.purpose, ALL_HOURS), (_("All purposes"), hour)):
			groups.setdefault(key, []).append(row)
	rows = [figure_row(purpose, hour, found) for (purpose, hour), found in sorted(groups.items(), key=order)]
	return columns(), rows, None, chart(groups)


def order(item):
	(purpose, hour), _rows = item
	return (purpose == _("All purposes"), purpose, hour == ALL_HOURS, hour)


def figure_row(purpose: str, hour: int, found: list) -> dict:
	wait = q.summary(r.wait_minutes for r in found)
	service = q.summary(r.service_minutes for r in found)
	return {
		"purpose": purpose,
		"hour": _("All day") if hour == ALL_HOURS else _("{0}:00").format(hour),
		"tickets": len(found),
		"wait_median": wait["median"],
		"wait_p90": wait["p90"],
		"service_median": service["median"],
		"service_p90": service["p90"],
	}


def chart(groups) -> dict | None:
	hours = sorted(h for (p, h) in groups if p == _("All purposes"))
	if not hours:
		return None
	by_hour = {h: groups[(_("All purposes"), h)] for h in hours}
	return {
		"data": {
			"labels": [_("{0}:00").format(h) for h in hours],
			"datasets": [
				{
					"name": _("Wait (median)"),
					"values": [q.summary(r.wait_minutes for r in by_hour[h])["median"] or 0 for h in hours],
				},
				{
					"name": _("Service (median)"),
					"values": [
						q.summary(r.service_minutes for r in by_hour[h])["median"] or 0 for h in hours
					],
				},
			],
		},
		"type": "bar",
		"colors": ["#d97706", "#059669"],
	}


def columns() -> list[dict]:
	minutes = {"fieldtype": "Float", "precision": 1, "width": 190}
	return [
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 140},
		{"fieldname": "hour", "label": _("Hour of Arrival"), "fieldtype": "Data", "width": 110},
		{"fieldname": "tickets", "label": _("Tickets Served"), "fieldtype": "Int", "width": 110},
		{"fieldname": "wait_median", "label": _("Median Wait (Minutes)"), **minutes},
		{"fieldname": "wait_p90", "label": _("Wait, 9 in 10 Within (Minutes)"), **minutes},
		{"fieldname": "service_median", "label": _("Median Service (Minutes)"), **minutes},
		{"fieldname": "service_p90", "label": _("Service, 9 in 10 Within (Minutes)"), **minutes},
	]
