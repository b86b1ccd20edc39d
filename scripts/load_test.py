"""Load and invariants: 50 residents booking and 2 clerks scanning for 60 seconds against the site
served by gunicorn, with the web server restarted half-way. Bounded, loopback only.

    ~/frappe-bench/env/bin/python scripts/load_test.py --site mynumber.localhost

Prints throughput, p50/p95 and errors per kind of request, then checks that no slot is over capacity,
that every slot's count equals its active bookings, and that every booking a resident was told was
confirmed is in the database, confirmed. Everything it made is deleted afterwards."""

import argparse
import json
import os
import random
import signal
import statistics
import threading
import time
from collections import defaultdict

import requests
from bench_common import admin_session, connect, from_somewhere, start_gunicorn


def parse_args():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--seconds", type=int, default=60)
	parser.add_argument("--residents", type=int, default=50)
	parser.add_argument("--clerks", type=int, default=2)
	parser.add_argument("--port", type=int, default=8022)
	parser.add_argument("--admin-password", default=os.environ.get("MNC_ADMIN_PASSWORD", "admin"))
	return parser.parse_args()


class Server:
	def __init__(self, port: int):
		self.port = port
		self.process = None

	def start(self):
		self.process = start_gunicorn(self.port, workers=4)

	def stop(self):
		self.process.send_signal(signal.SIGTERM)  # gunicorn finishes the requests in flight
		self.process.wait(timeout=60)


def main():
	args = parse_args()
	frappe = connect(args.site)
	from mynumber_card.testing import make_slot

	slots = [make_slot(capacity=3, days_ahead=5 + i % 20, hour=9 + i % 6).name for i in range(30)]
	delivery = frappe.get_doc(
		{
			"doctype": "Card Delivery",
			"expected_count": 10000,
			"received_date": frappe.utils.today(),
			"status": "Open",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	host = {"Host": args.site}
	base = f"http://127.0.0.1:{args.port}"
	server = Server(args.port)
	server.start()
	timings, outcomes = defaultdict(list), defaultdict(lambda: defaultdict(int))
	confirmed: list[str] = []
	lock = threading.Lock()
	stop_at = time.time() + args.seconds

	def record(kind: str, began: float, outcome: str):
		with lock:
			timings[kind].append((time.perf_counter() - began) * 1000)
			outcomes[kind][outcome] += 1

	def resident(index: int):
		session = requests.Session()
		rng = random.Random(index)
		while time.time() < stop_at:
			began = time.perf_counter()
			try:
				listing = session.get(
					f"{base}/api/method/mynumber_card.api.booking.available_slots",
					params={"purpose": "申請サポート"},
					headers=from_somewhere(host),
					timeout=30,
				)
				record("available_slots", began, str(listing.status_code))
				offered = [
					s["slot"]
					for d in listing.json().get("message", [])
					for s in d["slots"]
					if s["slot"] in slots
				]
				if not offered:
					time.sleep(0.5)
					continue
				data = {
					"doctype": "Card Booking",
					"purpose": "申請サポート",
					"slot": rng.choice(offered),
					"full_name": f"負荷 {index}-{rng.randrange(10**9)}",
					"full_name_kana": "フカ",
					"birth_date": f"19{rng.randrange(30, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
					"phone": "0280-00-0000",
				}
				began = time.perf_counter()
				response = session.post(
					f"{base}/api/method/frappe.website.doctype.web_form.web_form.accept",
					data={"web_form": "visit-booking", "data": json.dumps(data)},
					headers=from_somewhere(host),
					timeout=30,
				)
				record("booking", began, str(response.status_code))
				if response.status_code == 200:
					with lock:
						confirmed.append(response.json()["message"]["name"])
			except requests.RequestException as error:
				record("booking", began, type(error).__name__)
				time.sleep(0.2)

	def clerk(index: int):
		while time.time() < stop_at:
			try:
				session = admin_session(base, host, args.admin_password)
				break
			except requests.RequestException:
				time.sleep(0.5)
		while time.time() < stop_at:
			began = time.perf_counter()
			try:
				response = session.post(
					f"{base}/api/method/mynumber_card.api.scanner.scan",
					data={
						"mode": "Intake",
						"code": f"5{random.randrange(10**22):022d}",
						"delivery": delivery.name,
					},
					headers=host,
					timeout=30,
				)
				record("scan", began, str(response.status_code))
			except requests.RequestException as error:
				record("scan", began, type(error).__name__)
				time.sleep(0.2)

	threads = [threading.Thread(target=resident, args=(i,)) for i in range(args.residents)]
	threads += [threading.Thread(target=clerk, args=(i,)) for i in range(args.clerks)]
	started = time.time()
	for thread in threads:
		thread.start()
	time.sleep(args.seconds / 2)
	server.stop()  # restart the web server in the middle of the run
	server.start()
	for thread in threads:
		thread.join()
	elapsed = time.time() - started
	server.stop()

	print(
		f"{args.residents} residents + {args.clerks} clerks, {elapsed:.0f} s, gunicorn 4 workers, restarted at {args.seconds // 2} s"
	)
	print(f"{'request':16} {'count':>7} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8}  outcomes")
	for kind, values in timings.items():
		values.sort()
		print(
			f"{kind:16} {len(values):>7} {len(values) / elapsed:>7.1f} {statistics.median(values):>8.0f} "
			f"{values[int(0.95 * (len(values) - 1))]:>8.0f}  {dict(outcomes[kind])}"
		)
	try:
		check_invariants(frappe, slots, confirmed)
	finally:
		cleanup(frappe, slots, delivery.name)


def check_invariants(frappe, slots: list[str], confirmed: list[str]):
	frappe.db.rollback()  # see everything the server committed
	problems = []
	for slot in slots:
		capacity, booked = frappe.db.get_value("Booking Slot", slot, ["capacity", "booked_count"])
		active = frappe.db.count(
			"Card Booking", {"slot": slot, "workflow_state": ("in", ["Confirmed", "Checked In"])}
		)
		if booked > capacity or booked != active:
			problems.append(f"{slot}: capacity {capacity}, count {booked}, active bookings {active}")
	lost = [
		name
		for name in confirmed
		if frappe.db.get_value("Card Booking", name, "workflow_state") != "Confirmed"
	]
	print(f"invariants: {len(slots)} slots, none over capacity and counts match: {not problems}; "
		f"{len(confirmed)} confirmed bookings, lost: {len(lost)}")  # fmt: skip
	for problem in problems + [f"lost {name}" for name in lost]:
		print("  PROBLEM", problem)


def cleanup(frappe, slots: list[str], delivery: str):
	for name in frappe.get_all("Card Booking", filters={"slot": ("in", slots)}, pluck="name"):
		frappe.delete_doc("Card Booking", name, force=True, ignore_permissions=True)
	frappe.db.delete("Email Queue", {"reference_doctype": "Card Booking"})
	for slot in slots:
		frappe.delete_doc("Booking Slot", slot, force=True, ignore_permissions=True)
	frappe.db.delete("Card Scan Log", {"delivery": delivery})
	for name in frappe.get_all("MyNumber Card", filters={"delivery": delivery}, pluck="name"):
		frappe.delete_doc("MyNumber Card", name, force=True, ignore_permissions=True)
	frappe.delete_doc("Card Delivery", delivery, force=True, ignore_permissions=True)
	frappe.db.commit()
	frappe.destroy()


if __name__ == "__main__":
	main()
