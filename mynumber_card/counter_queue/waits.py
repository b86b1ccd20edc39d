"""The public waits (/queue-waits and the fragment /queue-waits-embed for the town's own site): per
purpose, and per office where the tickets carry one, how many wait now and the wait of a resident who
comes now; or that reception has ended for the day. Counts and minutes only."""

import frappe
from frappe.query_builder import DocType
from frappe.utils import get_datetime, getdate, now_datetime

from mynumber_card import settings
from mynumber_card.core import queue as q
from mynumber_card.core import queue_phone
from mynumber_card.core.dates import clock
from mynumber_card.counter_queue import figures, phone_settings
from mynumber_card.counter_queue.phone import LOCATION_FIELD
from mynumber_card.counter_queue.tickets import TICKET
from mynumber_card.resident_language import date_label

REFRESH_SECONDS = 60


def open_today(day) -> bool:
	"""A day the counter works: it has booking slots (made from the weekly templates and sessions,
	closing days left out), or someone already took a ticket."""
	return bool(
		frappe.db.exists("Booking Slot", {"slot_date": day}) or frappe.db.exists(TICKET, {"ticket_date": day})
	)


def waiting_rows(day) -> list[tuple[str | None, str]]:
	"""(office, purpose) of each waiting ticket; the office is None until Queue Ticket carries one."""
	ticket = DocType(TICKET)
	has_location = frappe.get_meta(TICKET).has_field(LOCATION_FIELD)
	location = ticket[LOCATION_FIELD] if has_location else None
	columns = [location, ticket.purpose] if has_location else [ticket.purpose]
	rows = (
		frappe.qb.from_(ticket)
		.select(*columns)
		.where((ticket.ticket_date == day) & (ticket.state == q.WAITING))
	).run()
	return [tuple(row) if has_location else (None, row[0]) for row in rows]


def state() -> dict:
	now = now_datetime()
	day = getdate(now)
	opens, closes = phone_settings.reception_hours()
	reception = queue_phone.reception(get_datetime(now).time(), opens, closes, open_today(day))
	rows = []
	if reception in (queue_phone.OPEN, queue_phone.BEFORE_HOURS):
		rules = settings.queue_rules()
		purposes = frappe.get_all(
			"Booking Purpose", filters={"is_active": 1}, pluck="name", order_by="sort_order asc, name asc"
		)
		waiting = waiting_rows(day)
		# each office's own open counters; a line of no office (tickets from before) the town's
		counters = {office: figures.open_counters(rules, office) for office in {o for o, _p in waiting}}
		rows = queue_phone.waits(
			waiting,
			purposes,
			figures.service_medians(),
			rules.default_service_minutes,
			counters or figures.open_counters(rules),
		)
	return {
		"reception": reception,
		"date_label": date_label(day),
		"updated": clock(now),
		"opens": clock(opens),
		"closes": clock(closes),
		"refresh_s": REFRESH_SECONDS,
		"rows": [
			{"location": row.location, "purpose": row.purpose, "waiting": row.waiting, "minutes": row.minutes}
			for row in rows
		],
	}


def grouped(rows: list[dict]) -> list[dict]:
	"""The rows by office, in the order given: one table each."""
	groups: dict = {}
	for row in rows:
		groups.setdefault(row["location"], []).append(row)
	return [{"location": location, "rows": rows} for location, rows in groups.items()]


@frappe.read_only()  # served from the replica when the site has one
def page_context() -> dict:
	"""What /queue-waits and /queue-waits-embed render."""
	from mynumber_card.wording import office_name

	waits = state()
	return {"waits": {**waits, "groups": grouped(waits["rows"])}, "office": office_name()}
