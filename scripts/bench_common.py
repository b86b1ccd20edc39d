"""Shared by the benchmark scripts: serve a site with gunicorn, time sequential requests, count queries."""

import argparse
import os
import random
import statistics
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import requests

BENCH = Path(os.environ.get("FRAPPE_BENCH", Path.home() / "frappe-bench"))


def served_site_args(doc: str, count_flag: str, count: int, port: int) -> argparse.Namespace:
	"""What every benchmark of a served site takes: the site, how many requests, the loopback port
	for gunicorn and the Administrator's password."""
	parser = argparse.ArgumentParser(description=doc.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument(f"--{count_flag}", type=int, default=count)
	parser.add_argument("--port", type=int, default=port)
	parser.add_argument("--admin-password", default=os.environ.get("MNC_ADMIN_PASSWORD", "admin"))
	return parser.parse_args()


def start_gunicorn(port: int, workers: int = 2) -> subprocess.Popen:
	"""The site served as in production, on loopback; returns once it answers ping."""
	process = subprocess.Popen(
		[
			str(BENCH / "env/bin/gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"120",
			"frappe.app:application",
		],
		cwd=BENCH / "sites",
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	for _ in range(100):
		try:
			requests.get(f"http://127.0.0.1:{port}/api/method/ping", timeout=5)
			break
		except requests.RequestException:
			time.sleep(0.2)
	return process


@contextmanager
def gunicorn(port: int):
	process = start_gunicorn(port)
	try:
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


def p95(values: list[float]) -> float:
	values = sorted(values)
	return values[int(0.95 * (len(values) - 1))] if values else float("nan")


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
		"total_s": round(sum(timings) / 1000, 1),
		"median_ms": round(statistics.median(timings), 1),
		"p95_ms": round(p95(timings), 1),
		"queries": round(per_request, 1),
	}


def connect(site: str):
	"""frappe, initialised on the site from the bench's sites folder."""
	import sys

	sys.path.insert(0, str(BENCH / "apps/frappe"))
	os.chdir(BENCH / "sites")
	import frappe

	frappe.init(site=site)
	frappe.connect()
	return frappe


def admin_session(base: str, host: dict, password: str) -> requests.Session:
	session = requests.Session()
	session.post(
		f"{base}/api/method/login", data={"usr": "Administrator", "pwd": password}, headers=host
	).raise_for_status()
	return session


def print_table(title: str, rows: list[dict]):
	print(title)
	print(f"{'endpoint':50} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
	for row in rows:
		print(f"{row['endpoint']:50} {row['median_ms']:>10} {row['p95_ms']:>8} {row['queries']:>8}")


def print_goal(rows: list[dict], endpoint: str, baseline: str, ratio: float, queries: float | None = None):
	"""One line of issue 14's goals: the endpoint's median against Frappe's own in the same run."""
	by_name = {row["endpoint"]: row for row in rows}
	measured, floor = by_name[endpoint], by_name[baseline]
	found = measured["median_ms"] / floor["median_ms"]
	line = f"goal: {endpoint} = {found:.1f}× {baseline} (goal ≤ {ratio}×)"
	if queries is not None:
		line += f", {measured['queries']} queries (goal ≤ {queries})"
	print(line)


def frappe_baselines(
	frappe, base: str, host: dict, admin: requests.Session, count: int, todos: list
) -> list[dict]:
	"""Frappe's own ping and a plain document insert, timed the same way as the app's endpoints."""

	def insert_todo(index):
		response = admin.post(
			f"{base}/api/resource/ToDo", json={"description": f"bench {index}"}, headers=host
		)
		todos.append(response.json()["data"]["name"])
		return response

	return [
		measure(
			frappe,
			"GET /api/method/ping (Frappe)",
			count,
			lambda i: requests.get(f"{base}/api/method/ping", headers=host),
		),
		measure(frappe, "POST /api/resource/ToDo (plain insert, Frappe)", count, insert_todo),
	]


def drop_queued_confirmations(frappe):
	"""Take the confirmation mails the run queued off the short queue: their bookings are deleted, and
	no worker runs beside the benchmark."""
	from mynumber_card.booking.notify import CONFIRMATION_JOB
	from mynumber_card.testing import queued_jobs

	for job in list(queued_jobs(CONFIRMATION_JOB)):
		job.delete()
