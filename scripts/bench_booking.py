"""Benchmark of the resident booking endpoints against Frappe's own ping and a plain insert.

Run with the bench's Python from the repository root, on a site that has the app:

    ~/frappe-bench/env/bin/python scripts/bench_booking.py --site mynumber.localhost

It serves the site with gunicorn (2 workers, as in production) on a free loopback port, makes one
large slot, then times N sequential requests of each kind and prints median and p95 latency with
the database queries per request (MariaDB's global `Questions` counter around each batch). Every
record it made is deleted afterwards. Figures, not assertions: nothing here fails on a time."""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

BENCH = Path(os.environ.get("FRAPPE_BENCH", Path.home() / "frappe-bench"))


def parse_args():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--requests", type=int, default=200)
	parser.add_argument("--port", type=int, default=8020)
	parser.add_argument("--admin-password", default=os.environ.get("MNC_ADMIN_PASSWORD", "admin"))
	return parser.parse_args()


@contextmanager
def gunicorn(port: int):
	process = subprocess.Popen(
		[
			str(BENCH / "env/bin/gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			"2",
			"-t",
			"120",
			"frappe.app:application",
		],
		cwd=BENCH / "sites",
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	try:
		for _ in range(100):
			try:
				requests.get(f"http://127.0.0.1:{port}/api/method/ping", timeout=5)
				break
			except requests.RequestException:
				time.sleep(0.2)
		yield f"http://127.0.0.1:{port}"
	finally:
		process.terminate()
		process.wait(timeout=30)


def from_somewhere(host: dict) -> dict:
	"""Headers of a request from another resident's address (rate limits are per address)."""
	address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
	return {**host, "X-Forwarded-For": address}


def questions(frappe) -> int:
	return int(frappe.db.sql("SHOW GLOBAL STATUS LIKE 'Questions'")[0][1])


def measure(frappe, label: str, count: int, call) -> dict:
	call(-1)  # warm up the workers' caches
	timings = []
	start_questions = questions(frappe)
	for index in range(count):
		began = time.perf_counter()
		response = call(index)
		timings.append((time.perf_counter() - began) * 1000)
		if response.status_code != 200:
			raise SystemExit(f"{label}: HTTP {response.status_code} {response.text[:300]}")
	# the counter also counts its own SHOW STATUS query
	per_request = (questions(frappe) - start_questions - 1) / count
	timings.sort()
	return {
		"endpoint": label,
		"median_ms": round(statistics.median(timings), 1),
		"p95_ms": round(timings[int(0.95 * (count - 1))], 1),
		"queries": round(per_request, 1),
	}


def main():
	args = parse_args()
	sys.path.insert(0, str(BENCH / "apps/frappe"))
	os.chdir(BENCH / "sites")
	import frappe

	frappe.init(site=args.site)
	frappe.connect()
	from mynumber_card.testing import make_slot

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
				data = {
					"purpose": "申請サポート",
					"slot": slot,
					"full_name": f"計測 {index + 2}",
					"full_name_kana": "ケイソク",
					"birth_date": f"19{40 + index % 50:02d}-0{1 + index % 9}-1{index % 9}",
					"phone": "0280-00-0000",
					"doctype": "Card Booking",
				}
				headers = {
					**host,
					"X-Forwarded-For": f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}",
				}
				return guest.post(
					f"{base}/api/method/frappe.website.doctype.web_form.web_form.accept",
					data={"web_form": "visit-booking", "data": json.dumps(data)},
					headers=headers,
				)

			def insert_todo(index):
				response = admin.post(
					f"{base}/api/resource/ToDo", json={"description": f"bench {index}"}, headers=host
				)
				created_todos.append(response.json()["data"]["name"])
				return response

			rows = [
				measure(
					frappe,
					"GET /api/method/ping (Frappe)",
					args.requests,
					lambda i: guest.get(f"{base}/api/method/ping", headers=host),
				),
				measure(frappe, "POST /api/resource/ToDo (plain insert, Frappe)", args.requests, insert_todo),
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
		for name in frappe.get_all("Card Booking", filters={"slot": slot}, pluck="name"):
			frappe.delete_doc("Card Booking", name, force=True, ignore_permissions=True)
		frappe.db.delete(
			"Email Queue", {"reference_doctype": "Card Booking", "reference_name": ("like", "BK-%")}
		)
		frappe.delete_doc("Booking Slot", slot, force=True, ignore_permissions=True)
		for name in created_todos:
			frappe.delete_doc("ToDo", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		frappe.destroy()

	print(f"{args.requests} sequential requests each, gunicorn 2 workers, site {args.site}")
	print(f"{'endpoint':50} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
	for row in rows:
		print(f"{row['endpoint']:50} {row['median_ms']:>10} {row['p95_ms']:>8} {row['queries']:>8}")


if __name__ == "__main__":
	main()
