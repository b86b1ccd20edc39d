"""Benchmark of the ticket on the phone: P phones watch their tickets while C clerks call T of them;
median and p95 of call-to-phone latency, beside Frappe's ping on the same server in the same run.

    ~/frappe-bench/env/bin/python scripts/bench_queue_phones.py --site mynumber.localhost
    ~/frappe-bench/env/bin/python scripts/bench_queue_phones.py --site mynumber.localhost --mode poll

Serves the site with gunicorn (2 workers) on loopback and starts Frappe's own socket.io server
(apps/frappe/socketio.js, on a port of its own) beside it. Makes P walk-in tickets for today under a
purpose of its own; each phone opens its ticket once (GET of the ticket page's endpoint, as the page
does) and then, by mode:

- `socket` (the default): holds a socket.io connection (websocket transport, as Guest, the way the page
  connects through the internet door) and joins its ticket's room; it hears what changed for it;
- `poll`: asks the ticket endpoint as the page does without a socket (every 2 s near the front, every
  10 s further back), each phone from an address of its own.

C clerks (each its own session) call next at counters 1..C for the purpose, each call followed by Done,
with `--pause` seconds between a clerk's calls, until T tickets were called. The latency of a call is
from the moment the clerk's request is sent to the moment the called ticket's phone knows it is
called. A pinger asks /api/method/ping every 250 ms all through the calls; Frappe's ping is also
timed alone before. Every record it made is deleted afterwards. Figures, not assertions."""

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import requests
from bench_common import BENCH, connect, p95, start_gunicorn

PURPOSE = "計測用の窓口（スマートフォン）"
API = "/api/method/mynumber_card.api"
PING_EVERY_S = 0.25
SETTLE_S = 10  # after the last call, how long the phones may take to hear it

# *.localhost resolves to loopback for node (as browsers do, RFC 6761 6.3): socket.io checks a guest's
# session by calling the site at the Origin the phone sent, named by the site.
LOCALHOST_NAMES_JS = """
const dns = require("dns");
const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
	if (typeof options === "function") { callback = options; options = {}; }
	if (typeof hostname === "string" && (hostname === "localhost" || hostname.endsWith(".localhost"))) {
		const all = options && typeof options === "object" && options.all;
		return process.nextTick(() => all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4));
	}
	return lookup.call(this, hostname, options, callback);
};
"""


def arguments() -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--mode", choices=("socket", "poll"), default="socket")
	parser.add_argument("--phones", type=int, default=500)
	parser.add_argument("--tickets", type=int, default=200, help="how many the clerks call")
	parser.add_argument("--clerks", type=int, default=4)
	parser.add_argument("--pause", type=float, default=0.5, help="seconds between a clerk's calls")
	parser.add_argument("--port", type=int, default=8028)
	parser.add_argument("--socketio-port", type=int, default=9028)
	parser.add_argument("--workers", type=int, default=2)
	parser.add_argument("--admin-password", default=os.environ.get("MNC_ADMIN_PASSWORD", "admin"))
	return parser.parse_args()


def make_tickets(frappe, count: int) -> list[dict]:
	"""`count` walk-in tickets of the benchmark's purpose, with the link and the room of each."""
	from mynumber_card.core import queue as q
	from mynumber_card.counter_queue import line, phone, tickets

	if not frappe.db.exists("Booking Purpose", PURPOSE):
		frappe.get_doc({"doctype": "Booking Purpose", "purpose_name": PURPOSE, "is_active": 1}).insert(
			ignore_permissions=True
		)
	made = []
	for _ in range(count):
		doc = tickets.issue(q.WALK_IN, PURPOSE)
		made.append(
			{
				"name": doc.name,
				"number": doc.number,
				"token": phone.token_for(doc),
				"room": line.room_for(doc.name),
			}
		)
	frappe.db.commit()
	return made


def clean(frappe):
	frappe.db.delete("Queue Ticket", {"purpose": PURPOSE})
	if frappe.db.exists("Booking Purpose", PURPOSE):
		frappe.delete_doc("Booking Purpose", PURPOSE, force=True, ignore_permissions=True)
	frappe.db.commit()


def start_socketio(port: int, folder: Path) -> subprocess.Popen:
	names = folder / "localhost_names.js"
	names.write_text(LOCALHOST_NAMES_JS)
	process = subprocess.Popen(
		["node", "-r", str(names), "socketio.js"],
		cwd=BENCH / "apps/frappe",
		env={**os.environ, "FRAPPE_SOCKETIO_PORT": str(port)},
		stdout=subprocess.PIPE,
		stderr=subprocess.STDOUT,
		text=True,
	)
	for line_text in process.stdout:  # "Realtime service listening on: PORT"
		if "listening" in line_text:
			break
	threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
	return process


def address() -> str:
	return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def stop(process: subprocess.Popen):
	process.terminate()
	try:
		process.wait(timeout=30)
	except subprocess.TimeoutExpired:
		process.kill()


class Run:
	"""What the phones heard and when the clerks pressed."""

	def __init__(self, tickets: list[dict]):
		self.by_number = {t["number"]: t for t in tickets}
		self.pressed: dict[str, float] = {}  # number → when its clerk sent call next
		self.heard: dict[str, float] = {}  # number → when its phone knew it was called
		self.delivery: list[float] = []  # ms from the server's read (the message's `at`) to the phone
		self.messages = 0
		self.pings: list[float] = []
		self.call_ms: list[float] = []
		self.errors: list[str] = []
		self.calling = True


# Phones ---------------------------------------------------------------------------------------------


def loopback_names_resolver():
	import aiohttp
	from aiohttp.abc import AbstractResolver

	class LoopbackNames(AbstractResolver):
		"""site.localhost → 127.0.0.1, as a browser resolves it."""

		def __init__(self):
			self.default = aiohttp.DefaultResolver()

		async def resolve(self, host, port=0, family=socket.AF_INET):
			if host == "localhost" or host.endswith(".localhost"):
				return [
					{
						"hostname": host,
						"host": "127.0.0.1",
						"port": port,
						"family": socket.AF_INET,
						"proto": 0,
						"flags": socket.AI_NUMERICHOST,
					}
				]
			return await self.default.resolve(host, port, family)

		async def close(self):
			await self.default.close()

	return LoopbackNames()


async def open_page(http, args, ticket: dict) -> dict:
	"""The page's first read of its ticket (the server then tells its room of changes)."""
	async with http.get(
		f"http://127.0.0.1:{args.port}{API}.queue_phone.ticket",
		params={"token": ticket["token"]},
		headers={"Host": args.site, "X-Forwarded-For": address()},
	) as response:
		response.raise_for_status()
		return (await response.json())["message"]


async def socket_phone(http, args, run: Run, ticket: dict):
	import socketio

	phone = socketio.AsyncClient(
		http_session=http,
		reconnection=False,
		websocket_extra_options={"headers": {"Cookie": "sid=Guest"}},
	)
	namespace = f"/{args.site}"

	async def told(message):
		run.messages += 1
		if message.get("status") == "called" and ticket["number"] not in run.heard:
			run.heard[ticket["number"]] = time.perf_counter()
			run.delivery.append(time.time() * 1000 - message["at"])

	phone.on("mnc_ticket", told, namespace=namespace)
	await phone.connect(
		f"http://{args.site}:{args.socketio_port}",
		headers={"Origin": f"http://{args.site}:{args.port}", "X-Frappe-Site-Name": args.site},
		namespaces=[namespace],
		transports=["websocket"],
		wait_timeout=60,
	)
	await phone.emit("task_subscribe", ticket["room"], namespace=namespace)
	return phone


async def polling_phone(http, args, run: Run, ticket: dict, first: dict):
	view, source = first, address()
	while run.calling:
		if view.get("status") != "waiting":  # called (or already done: the call came between two asks)
			run.heard.setdefault(ticket["number"], time.perf_counter())
			return
		await asyncio.sleep(view.get("poll_s") or 2)
		try:
			async with http.get(
				f"http://127.0.0.1:{args.port}{API}.queue_phone.ticket",
				params={"token": ticket["token"]},
				headers={"Host": args.site, "X-Forwarded-For": source},
			) as response:
				run.messages += 1
				if response.status == 200:
					view = (await response.json())["message"]
				else:
					run.errors.append(f"poll HTTP {response.status}")
		except Exception as error:
			run.errors.append(f"poll {type(error).__name__}")


# Clerks and the pinger ----------------------------------------------------------------------------


def clerk_session(args) -> requests.Session:
	session = requests.Session()
	session.headers["Host"] = args.site
	session.post(
		f"http://127.0.0.1:{args.port}/api/method/login",
		data={"usr": "Administrator", "pwd": args.admin_password},
	).raise_for_status()
	return session


def clerk(args, run: Run, counter: int, left: list[int], lock: threading.Lock):
	session = clerk_session(args)
	base = f"http://127.0.0.1:{args.port}{API}.counter_queue"
	while True:
		with lock:
			if left[0] <= 0:
				return
			left[0] -= 1
		pressed = time.perf_counter()
		response = session.post(f"{base}.call_next", data={"counter": counter, "purpose": PURPOSE})
		run.call_ms.append((time.perf_counter() - pressed) * 1000)
		if response.status_code != 200:
			run.errors.append(f"call_next HTTP {response.status_code}")
			continue
		number = response.json()["message"]["ticket"]
		if not number:
			return
		run.pressed[number] = pressed
		time.sleep(args.pause)
		done = session.post(f"{base}.act", data={"ticket": run.by_number[number]["name"], "action": "Finish"})
		if done.status_code != 200:
			run.errors.append(f"act HTTP {done.status_code}")


async def pinger(http, args, run: Run):
	while run.calling:
		began = time.perf_counter()
		async with http.get(
			f"http://127.0.0.1:{args.port}/api/method/ping", headers={"Host": args.site}
		) as response:
			await response.read()
		run.pings.append((time.perf_counter() - began) * 1000)
		await asyncio.sleep(PING_EVERY_S)


def idle_ping(args, count: int = 50) -> list[float]:
	timings = []
	for _ in range(count):
		began = time.perf_counter()
		requests.get(f"http://127.0.0.1:{args.port}/api/method/ping", headers={"Host": args.site})
		timings.append((time.perf_counter() - began) * 1000)
	return timings


async def drive(args, tickets: list[dict]) -> Run:
	import aiohttp

	run = Run(tickets)
	connector = aiohttp.TCPConnector(limit=0, resolver=loopback_names_resolver())
	async with aiohttp.ClientSession(connector=connector) as http:
		began = time.perf_counter()
		firsts = await asyncio.gather(*(open_page(http, args, t) for t in tickets))
		print(f"{len(tickets)} phones opened their tickets in {time.perf_counter() - began:.1f} s")
		phones, watchers = [], []
		if args.mode == "socket":
			began = time.perf_counter()
			for start in range(0, len(tickets), 50):  # a hall filling, not one instant
				phones += await asyncio.gather(
					*(socket_phone(http, args, run, t) for t in tickets[start : start + 50])
				)
			print(
				f"{len(phones)} sockets connected and in their rooms in {time.perf_counter() - began:.1f} s"
			)
		else:
			watchers = [
				asyncio.create_task(polling_phone(http, args, run, t, f))
				for t, f in zip(tickets, firsts, strict=True)
			]
		ping_task = asyncio.create_task(pinger(http, args, run))
		left, lock = [args.tickets], threading.Lock()
		began, cpu_began = time.perf_counter(), time.process_time()
		await asyncio.gather(
			*(
				asyncio.to_thread(clerk, args, run, counter, left, lock)
				for counter in range(1, args.clerks + 1)
			)
		)
		run.calls_s = time.perf_counter() - began
		deadline = time.perf_counter() + SETTLE_S
		while set(run.pressed) - set(run.heard) and time.perf_counter() < deadline:
			await asyncio.sleep(0.1)
		run.calling = False
		run.client_cpu_s = time.process_time() - cpu_began
		await ping_task
		for task in watchers:
			task.cancel()
		await asyncio.gather(*(phone.disconnect() for phone in phones), return_exceptions=True)
	return run


def row(label: str, values: list[float]) -> str:
	if not values:
		return f"{label:58} {'-':>9} {'-':>9} {'-':>9} {0:>6}"
	return f"{label:58} {statistics.median(values):>9.1f} {p95(values):>9.1f} {max(values):>9.1f} {len(values):>6}"


def main():
	args = arguments()
	frappe = connect(args.site)
	clean(frappe)
	tickets = make_tickets(frappe, args.phones)
	server = start_gunicorn(args.port, workers=args.workers)
	folder = tempfile.TemporaryDirectory()
	realtime = start_socketio(args.socketio_port, Path(folder.name)) if args.mode == "socket" else None
	try:
		alone = idle_ping(args)
		run = asyncio.run(drive(args, tickets))
	finally:
		if realtime:
			stop(realtime)
		stop(server)
		folder.cleanup()
		clean(frappe)
		frappe.destroy()
	latency = [(run.heard[n] - run.pressed[n]) * 1000 for n in run.pressed if n in run.heard]
	missed = len(set(run.pressed) - set(run.heard))
	how = (
		"each holds a socket.io connection (websocket, as Guest) in its ticket's room"
		if args.mode == "socket"
		else "each asks the ticket endpoint as the page does without a socket (2 s near, 10 s far back)"
	)
	print(
		f"\n{args.phones} phones ({how}); {args.clerks} clerks called {len(run.pressed)} tickets in "
		f"{run.calls_s:.1f} s (pause {args.pause} s); gunicorn {args.workers} workers, site {args.site}"
	)
	print(f"{'':58} {'median ms':>9} {'p95 ms':>9} {'max ms':>9} {'n':>6}")
	print(row("call to the called ticket's phone", latency))
	if run.delivery:
		print(row("  of which: the server's read after commit → the phone", run.delivery))
	print(row("POST counter_queue.call_next (the clerk's request)", run.call_ms))
	print(row("GET /api/method/ping (Frappe), alone before", alone))
	print(row("GET /api/method/ping (Frappe), during the calls", run.pings))
	print(f"phones that never heard their call within {SETTLE_S} s: {missed}")
	print(f"messages the phones received or requests they made: {run.messages}; errors: {len(run.errors)}")
	print(
		f"this script's own CPU during the calls (the phones and clerks, on the same cores as the server): "
		f"{run.client_cpu_s:.1f} s in {run.calls_s:.1f} s"
	)
	if run.errors:
		print("first errors:", sorted(set(run.errors))[:5])


if __name__ == "__main__":
	main()
