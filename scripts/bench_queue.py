"""Benchmark of the counter queue: N booked residents through check-in → call → done, beside Frappe's
ping and a plain insert in the same run.

    ~/frappe-bench/env/bin/python scripts/bench_queue.py --site mynumber.localhost

Serves the site with gunicorn (2 workers) on loopback, makes N+1 bookings for today under a purpose
of its own, then times sequential requests: the kiosk's check-in by QR (booking → ticket), the
clerk's call next and done for each ticket, and the calling display's guest poll. Median and p95
latency with the database queries per request. Every record it made is deleted afterwards.
Figures, not assertions: nothing here fails on a time."""

import statistics
import time
from datetime import timedelta

import requests
from bench_common import (
	admin_session,
	connect,
	frappe_baselines,
	from_somewhere,
	gunicorn,
	measure,
	p95,
	print_table,
	questions,
	served_site_args,
)

PURPOSE = "計測用の窓口"
COUNTER = 1
API = "/api/method/mynumber_card.api"


def make_bookings(frappe, count: int) -> tuple[str, list[str]]:
	"""A slot starting in ten minutes today, and `count` confirmed bookings in it."""
	from mynumber_card.testing import booking_values, make_location

	if not frappe.db.exists("Booking Purpose", PURPOSE):
		frappe.get_doc({"doctype": "Booking Purpose", "purpose_name": PURPOSE, "is_active": 1}).insert(
			ignore_permissions=True
		)
	start = frappe.utils.now_datetime().replace(second=0, microsecond=0) + timedelta(minutes=10)
	slot = frappe.get_doc(
		{
			"doctype": "Booking Slot",
			"location": make_location("計測庁舎"),
			"slot_date": start.date(),
			"start_time": start.strftime("%H:%M:%S"),
			"end_time": (start + timedelta(minutes=30)).strftime("%H:%M:%S"),
			"capacity": count,
			"purposes": [{"purpose": PURPOSE}],
		}
	).insert(ignore_permissions=True)
	names = []
	for index in range(count):
		values = booking_values(slot.name, PURPOSE, channel="Phone")
		values["birth_date"] = frappe.utils.add_days("1940-01-01", index)  # one resident each
		booking = frappe.get_doc(values).insert(ignore_permissions=True)
		names.append(booking.name)
	frappe.db.commit()
	return slot.name, names


def call_and_done(frappe, base: str, host: dict, clerk, count: int) -> list[dict]:
	"""Per ticket: call next (timed), then done (timed), each with its own query count."""
	timings = {"call": [], "done": []}
	queries = {"call": 0, "done": 0}

	def timed(kind: str, method: str, data: dict):
		before = questions(frappe)
		began = time.perf_counter()
		response = clerk.post(f"{base}{API}.counter_queue.{method}", data=data, headers=host)
		timings[kind].append((time.perf_counter() - began) * 1000)
		queries[kind] += questions(frappe) - before - 1  # less the SHOW STATUS itself
		if response.status_code != 200:
			raise SystemExit(f"{method}: HTTP {response.status_code} {response.text[:300]}")
		return response.json()["message"]

	for _ in range(count):
		called = timed("call", "call_next", {"counter": COUNTER, "purpose": PURPOSE})
		if not called["ticket"]:
			raise SystemExit("nobody waiting before all tickets were called")
		name = frappe.db.get_value(
			"Queue Ticket", {"number": called["ticket"], "ticket_date": frappe.utils.today()}, "name"
		)
		timed("done", "act", {"ticket": name, "action": "Finish"})
	rows = []
	for kind, label in (("call", "POST counter_queue.call_next"), ("done", "POST counter_queue.act Finish")):
		values = timings[kind]
		rows.append(
			{
				"endpoint": label,
				"median_ms": round(statistics.median(values), 1),
				"p95_ms": round(p95(values), 1),
				"queries": round(queries[kind] / len(values), 1),
			}
		)
	return rows


def main():
	args = served_site_args(__doc__, "tickets", 200, 8027)
	frappe = connect(args.site)
	from mynumber_card.testing import remove_slot

	frappe.db.delete("Queue Ticket", {"purpose": PURPOSE})
	slot, bookings = make_bookings(frappe, args.tickets + 1)  # one more for measure()'s warm-up
	host = {"Host": args.site}
	todos: list[str] = []
	try:
		with gunicorn(args.port) as base:
			clerk = admin_session(base, host, args.admin_password)  # staff may use the kiosk's endpoints
			guest = requests.Session()
			rows = [*frappe_baselines(frappe, base, host, clerk, args.tickets, todos)]
			rows.append(
				measure(
					frappe,
					"POST kiosk.check_in (booking QR → ticket)",
					args.tickets,
					lambda i: clerk.post(
						f"{base}{API}.kiosk.check_in", data={"code": bookings[i + 1]}, headers=host
					),
				)
			)
			rows += call_and_done(frappe, base, host, clerk, args.tickets + 1)
			rows.append(
				measure(
					frappe,
					"GET queue_display.state (guest poll)",
					args.tickets,
					lambda i: guest.get(f"{base}{API}.queue_display.state", headers=from_somewhere(host)),
				)
			)
	finally:
		frappe.db.delete("Queue Ticket", {"purpose": PURPOSE})
		remove_slot(slot)  # its bookings, their mails, its location
		frappe.delete_doc("Booking Purpose", PURPOSE, force=True, ignore_permissions=True)
		for name in todos:
			frappe.delete_doc("ToDo", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		frappe.destroy()
	print_table(
		f"{args.tickets} tickets through check-in → call → done, sequential, gunicorn 2 workers, site {args.site}",
		rows,
	)


if __name__ == "__main__":
	main()
