"""Benchmark of the resident booking endpoints against Frappe's own ping and a plain insert.

Run with the bench's Python from the repository root, on a site that has the app:

    ~/frappe-bench/env/bin/python scripts/bench_booking.py --site mynumber.localhost

It serves the site with gunicorn (2 workers, as in production) on a free loopback port, makes one
large slot, then times N sequential requests of each kind and prints median and p95 latency with
the database queries per request (MariaDB's global `Questions` counter around each batch). Every
record it made is deleted afterwards. Figures, not assertions: nothing here fails on a time."""

import json
from datetime import date, timedelta

import requests
from bench_common import (
	connect,
	drop_queued_confirmations,
	frappe_baselines,
	from_somewhere,
	gunicorn,
	measure,
	print_goal,
	print_table,
	served_site_args,
)


def main():
	args = served_site_args(__doc__, "requests", 200, 8020)
	frappe = connect(args.site)
	from mynumber_card.testing import booking_values, make_slot, remove_slot

	slot = make_slot(capacity=args.requests * 2 + 10, days_ahead=5).name
	frappe.db.commit()
	host = {"Host": args.site}
	created_todos: list[str] = []
	try:
		with gunicorn(args.port) as base:
			admin = requests.Session()
			admin.post(
				f"{base}/api/method/login",
				data={"usr": "Administrator", "pwd": args.admin_password},
				headers=host,
			).raise_for_status()
			guest = requests.Session()

			def resident(index):
				# each request as another resident from another address, as on the internet
				# the tests' resident, born on another day each time (one active booking per person)
				data = booking_values(slot, birth_date=str(date(1940, 1, 1) + timedelta(days=index + 1)))
				data.pop("channel")  # the form sets it
				return guest.post(
					f"{base}/api/method/frappe.website.doctype.web_form.web_form.accept",
					data={"web_form": "visit-booking", "data": json.dumps(data)},
					headers=from_somewhere(host),
				)

			rows = [
				*frappe_baselines(frappe, base, host, admin, args.requests, created_todos),
				measure(
					frappe,
					"GET available_slots (guest)",
					args.requests,
					lambda i: guest.get(
						f"{base}/api/method/mynumber_card.api.booking.available_slots",
						params={"purpose": "申請サポート"},
						headers=from_somewhere(host),
					),
				),
				measure(frappe, "POST web form accept: booking (guest)", args.requests, resident),
			]
	finally:
		drop_queued_confirmations(frappe)
		remove_slot(slot)  # its bookings and their mails only
		for name in created_todos:
			frappe.delete_doc("ToDo", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		frappe.destroy()

	print_table(f"{args.requests} sequential requests each, gunicorn 2 workers, site {args.site}", rows)
	print_goal(rows, "GET available_slots (guest)", "GET /api/method/ping (Frappe)", 2)
	print_goal(
		rows, "POST web form accept: booking (guest)", "POST /api/resource/ToDo (plain insert, Frappe)", 2, 25
	)


if __name__ == "__main__":
	main()
