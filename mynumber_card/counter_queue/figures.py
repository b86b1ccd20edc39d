"""Measured figures of the queue: median service time per purpose over the last weeks (the town's, all
offices together: the same work takes as long anywhere), the counters open now at an office, and from
them the estimated wait the kiosk prints on a ticket (the people ahead in its own office's line)."""

from datetime import timedelta

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import add_days, getdate, now_datetime
from frappe.utils.caching import redis_cache

from mynumber_card import settings
from mynumber_card.core import queue as q
from mynumber_card.counter_queue.tickets import TICKET

MEASURED_DAYS = 30
OPEN_COUNTER_MINUTES = 60  # a counter that called someone within the hour counts as open


@redis_cache(ttl=600)
def service_medians() -> dict[str, float]:
	"""Median service minutes per purpose over the last MEASURED_DAYS days (cached ten minutes)."""
	ticket = DocType(TICKET)
	rows = (
		frappe.qb.from_(ticket)
		.select(ticket.purpose, ticket.service_minutes)
		.where(
			(ticket.state == q.DONE)
			& (ticket.ticket_date >= add_days(getdate(now_datetime()), -MEASURED_DAYS))
			& ticket.called_at.isnotnull()
		)
	).run()
	return q.service_medians(rows)


def open_counters(queue_rules: q.Rules, office: str | None = None) -> int:
	"""Counters that called someone within the hour, at the office when one is given."""
	ticket = DocType(TICKET)
	query = (
		frappe.qb.from_(ticket)
		.select(Count(ticket.counter).distinct())
		.where(
			(ticket.ticket_date == getdate(now_datetime()))
			& (ticket.counter > 0)
			& (ticket.last_called_at >= now_datetime() - timedelta(minutes=OPEN_COUNTER_MINUTES))
		)
	)
	if office:
		query = query.where(ticket.location == office)
	rows = query.run()
	return rows[0][0] or queue_rules.counters


def ahead_of(doc) -> list[str]:
	"""The purposes of the waiting tickets of its office called before this one. A ticket of no office
	(taken before the town set its offices, or at a kiosk set to none) counts as ahead in every line."""
	ticket = DocType(TICKET)
	earlier = (ticket.queue_key < doc.queue_key) | (
		(ticket.queue_key == doc.queue_key) & (ticket.creation < doc.creation)
	)
	query = (
		frappe.qb.from_(ticket)
		.select(ticket.purpose)
		.where((ticket.ticket_date == doc.ticket_date) & (ticket.state == q.WAITING) & earlier)
	)
	if doc.get("location"):
		query = query.where((ticket.location == doc.location) | ticket.location.isnull())
	rows = query.run()
	return [r[0] for r in rows]


def estimate(doc) -> dict:
	"""People ahead and the wait in minutes, rounded up to five, for a waiting ticket."""
	if doc.state != q.WAITING:
		return {"ahead": None, "minutes": None}
	queue_rules = settings.queue_rules()
	ahead = ahead_of(doc)
	minutes = q.estimate_wait(
		ahead,
		service_medians(),
		queue_rules.default_service_minutes,
		open_counters(queue_rules, doc.get("location")),
	)
	return {"ahead": len(ahead), "minutes": q.rounded_wait(minutes)}
