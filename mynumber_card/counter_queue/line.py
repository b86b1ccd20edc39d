"""What the screens watching the queue hear after a change, sent once the change is committed (never for
one rolled back), one round per transaction:

- the calling displays: one small message to every guest socket ("website" room), as before;
- each ticket page open on a phone: its own message (number, state, people ahead, wait, counter) in a
  room of its own, whose name is derived from the ticket with the site's secret and given only to the
  holder of the ticket's link (Frappe's socket.io lets any socket join a task room by name; a guessed
  room is not a ticket's). Only tickets whose page was opened today are told, and only when what they
  show changed: a call moves everyone behind it, so a change costs one small message per phone, never
  the whole line to every phone.

The messages are built from one read made after the commit, so they hold what other transactions
committed meanwhile; `at` (ms, taken before the read) lets a page drop a message older than one it
already has."""

import hashlib
import hmac
import json
import time

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, now_datetime
from frappe.utils.password import get_encryption_key

from mynumber_card import settings
from mynumber_card.core import queue as q
from mynumber_card.core import queue_phone
from mynumber_card.counter_queue import figures, phone_settings

PENDING = "mnc_queue_pending"  # on frappe.local: this transaction changed the queue
TICKET_EVENT = "mnc_ticket"
WATCHED = "mnc_queue_watched"  # Redis set of the day: tickets whose page was opened
TOLD = "mnc_queue_told"  # Redis hash of the day: what each watched ticket's page was told last
DAY_SECONDS = 36 * 3600
ROOM_PURPOSE = b"queue-ticket-room:"


def room_for(ticket_name: str) -> str:
	"""The ticket page's own realtime room (a Frappe task room): unguessable without the site's secret."""
	mac = hmac.new(get_encryption_key().encode(), ROOM_PURPOSE + ticket_name.encode(), hashlib.sha256)
	return f"mnc-ticket-{mac.hexdigest()[:32]}"


def _day_key(kind: str, day) -> str:
	return f"{frappe.local.site}|{kind}:{day:%Y%m%d}"


def _cache():
	"""Frappe's cache Redis without its wrapper's pickling and key making."""
	import redis

	return redis.Redis(connection_pool=frappe.cache.connection_pool)


def watch(ticket_name: str, day):
	"""The ticket's page was opened: tell it of changes today."""
	key = _day_key(WATCHED, day)
	pipe = _cache().pipeline()
	pipe.sadd(key, ticket_name)
	pipe.expire(key, DAY_SECONDS)
	pipe.execute()


def changed(call: dict | None = None):
	"""tickets.publish: the queue changed in this transaction (and, when a number was called, what the
	display announces). Told once the transaction commits; forgotten if it rolls back."""
	pending = getattr(frappe.local, PENDING, None)
	if pending is None:
		pending = {"call": None}
		setattr(frappe.local, PENDING, pending)
		frappe.db.after_commit.add(_flush)
		frappe.db.after_rollback.add(_forget)
	if call:
		pending["call"] = call


def _forget():
	if hasattr(frappe.local, PENDING):
		delattr(frappe.local, PENDING)


def _flush():
	from mynumber_card.counter_queue import alerts
	from mynumber_card.counter_queue.tickets import DISPLAY_ROOM, REALTIME_EVENT

	pending = getattr(frappe.local, PENDING, None) or {"call": None}
	_forget()
	message = {"changed": 1}
	if pending["call"]:
		message["call"] = pending["call"]
	frappe.publish_realtime(REALTIME_EVENT, message, room=DISPLAY_ROOM)
	try:
		tell_phones()
		alerts.queue_delivery()
	except Exception:
		# committed already: the phones ask for themselves (every 30 s with a socket)
		frappe.log_error("Queue change not told to the phones")
	finally:
		# The reads above opened a snapshot just after the caller's commit. End it, as Frappe's commit
		# ends one (without running the callbacks again): the caller's next read sees what others
		# commit meanwhile, as it would have without this round.
		frappe.db.sql("commit")
		frappe.db.begin()


def views(names: set[str], day) -> dict[str, dict]:
	"""What each of these tickets' pages shows now: one read of the day's waiting lines and counters.
	A ticket of an office counts the people ahead in that office's line (those of no office included);
	one of no office (made before the town had offices) the whole day's line, as before."""
	ticket = DocType("Queue Ticket")
	today = ticket.ticket_date == day
	waiting = (
		frappe.qb.from_(ticket)
		.select(ticket.name, ticket.purpose, ticket.location)
		.where(today & (ticket.state == q.WAITING))
		.orderby(ticket.queue_key)
		.orderby(ticket.creation)
	).run()
	# a ticket of no office is in every office's line too (figures.ahead_of)
	lines: dict[str | None, list[tuple[str, str]]] = {
		None: [(name, purpose) for name, purpose, _o in waiting]
	}
	for office in {o for _n, _p, o in waiting if o}:
		lines[office] = [(name, purpose) for name, purpose, o in waiting if o in (office, None)]
	rules = settings.queue_rules()
	medians = figures.service_medians()
	near = phone_settings.near_threshold()
	found = {}
	for office, line in lines.items():
		# each ticket is told its place in its own office's line; the whole day's line is for no office's
		wanted = {name for name, _p, o in waiting if name in names and o == office}
		if not wanted:
			continue
		counters = figures.open_counters(rules, office)
		minutes = queue_phone.line_estimates(
			[purpose for _name, purpose in line], medians, rules.default_service_minutes, counters
		)
		for place, ((name, _purpose), wait) in enumerate(zip(line, minutes, strict=True)):
			if name in wanted:
				found[name] = _view(q.WAITING, place, wait, None, "", near, counters)
	others = names - found.keys()
	if others:
		counters = figures.open_counters(rules)
		rows = frappe.get_all(
			"Queue Ticket",
			filters={"name": ("in", list(others))},
			fields=["name", "number", "state", "counter", "last_called_at"],
		)
		for row in rows:
			at_counter = row.state in q.AT_COUNTER
			found[row.name] = _view(
				row.state,
				None,
				None,
				(row.counter or None) if at_counter else None,
				queue_phone.call_key(row.number, row.last_called_at) if at_counter else "",
				near,
				counters,
			)
	return found


def _view(state, ahead, minutes, counter, call_key, near, counters) -> dict:
	return {
		"status": queue_phone.status(state),
		"ahead": ahead,
		"minutes": minutes,
		"counter": counter,
		"call_key": call_key,
		"poll_s": queue_phone.poll_seconds(ahead, near, counters),
	}


def _urgency(view: dict) -> tuple:
	return (view["status"] != queue_phone.STATUS_CALLED, view["ahead"] is None, view["ahead"] or 0)


def tell_phones() -> int:
	"""Send each watched ticket's page what changed for it; how many were told."""
	from frappe.utils.background_jobs import get_redis_connection_without_auth

	day = getdate(now_datetime())
	cache = _cache()
	names = {name.decode() for name in cache.smembers(_day_key(WATCHED, day))}
	if not names:
		return 0
	at = int(time.time() * 1000)
	now_showing = views(names, day)
	told_key = _day_key(TOLD, day)
	# the phone just called first, then from the front of the line back: under load the messages that
	# matter most are not queued behind the rest
	ordered = sorted(now_showing, key=lambda name: _urgency(now_showing[name]))
	before = dict(zip(ordered, cache.hmget(told_key, ordered), strict=True)) if ordered else {}
	told = {}
	# where Frappe's socket.io server listens (frappe.realtime.emit_via_redis), in one round trip
	events = get_redis_connection_without_auth().pipeline(transaction=False)
	for name in ordered:
		shown = json.dumps(now_showing[name], sort_keys=True)
		if before.get(name) and before[name].decode() == shown:
			continue
		told[name] = shown
		events.publish(
			"events",
			frappe.as_json(
				{
					"event": TICKET_EVENT,
					"message": {**now_showing[name], "at": at},
					"room": f"task_progress:{room_for(name)}",  # Frappe's task room (realtime.py)
					"namespace": frappe.local.site,
				}
			),
		)
	if told:
		events.execute()
		cache.pipeline().hset(told_key, mapping=told).expire(told_key, DAY_SECONDS).execute()
	return len(told)
