"""Shows that residents behind a load balancer get a rate limit each (scripts/topology.sh up first).

    python3 scripts/check_rate_limits.py

The load balancer of scripts/topology.sh is 127.0.0.2: the doors take the client's address from its
X-Forwarded-For (realip) and from nobody else's. A guest method limited to LIMIT calls a minute per
address (mynumber_card.api.booking.get_booking, 60) is asked, with a link that is not valid (Frappe
refuses it with 403; nothing is read or changed), by:

1. bench's one door (no realip): two residents behind the load balancer share one limit (the problem);
2. the internet door: resident A uses up the limit, resident B behind the same load balancer is not limited;
3. a client connecting directly (not the load balancer) and writing a new X-Forwarded-For each time:
   the door ignores it, the client is counted by its own address and is limited;
4. a resident behind the load balancer writing a new X-Forwarded-For each time: the load balancer
   appends the address it saw, the door takes that one, and the resident is limited.

Exits 1 when any of the four does not turn out so. Addresses are drawn anew each run (a minute's
counts from an earlier run never mix in).
"""

import argparse
import http.client
import json
import random
import sys
import urllib.parse
from pathlib import Path

METHOD = "mynumber_card.api.booking.get_booking"
LIMIT = 60  # @rate_limit(limit=60, seconds=60) on get_booking


def ask(port: int, site: str, source: str, forwarded_for: str | None) -> int:
	connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
	headers = {"Host": site, "Accept": "application/json"}
	if forwarded_for:
		headers["X-Forwarded-For"] = forwarded_for
	path = f"/api/method/{METHOD}?" + urllib.parse.urlencode({"token": "not-a-link"})
	try:
		connection.request("GET", path, headers=headers)
		response = connection.getresponse()
		response.read()
		return response.status
	finally:
		connection.close()


def burst(port: int, site: str, source: str, forwarded_for, count: int) -> list[int]:
	"""forwarded_for: a fixed value, or a function of the request's number (a client that lies anew)."""
	return [
		ask(port, site, source, forwarded_for(i) if callable(forwarded_for) else forwarded_for)
		for i in range(count)
	]


def limited(statuses: list[int]) -> str:
	first = next((i + 1 for i, s in enumerate(statuses) if s == 429), None)
	counts = ", ".join(f"{s} × {statuses.count(s)}" for s in sorted(set(statuses)))
	return f"{counts}; first 429 at request {first}" if first else f"{counts}; never limited"


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--topology-dir", default=str(Path.home() / ".cache/mynumber_card-topology"))
	parser.add_argument("--one-door-port", type=int, default=8090, help="bench's template, no realip")
	args = parser.parse_args()
	settings = json.loads((Path(args.topology_dir) / "doors.json").read_text())
	site, door, lb = settings["site"], settings["internet_port"], settings["load_balancer"]
	draw = random.Random()
	resident = lambda: f"198.51.100.{draw.randrange(1, 255)}"  # noqa: E731
	a, b, c, d, e = (resident() for _ in range(5))
	while len({a, b, c, d, e}) < 5:
		a, b, c, d, e = (resident() for _ in range(5))
	direct = f"127.0.{draw.randrange(1, 255)}.{draw.randrange(1, 255)}"  # not the load balancer
	fake = lambda i: f"203.0.113.{i % 250 + 1}"  # noqa: E731

	rows = []
	one_door_a = burst(args.one_door_port, site, lb, a, LIMIT + 1)
	one_door_b = burst(args.one_door_port, site, lb, b, 3)
	rows.append(("1. one door: resident A, behind the load balancer", limited(one_door_a), 429 in one_door_a))
	rows.append(
		(
			"1. one door: then resident B, behind the same load balancer",
			limited(one_door_b),
			429 in one_door_b,
		)
	)
	door_a = burst(door, site, lb, c, LIMIT + 1)
	door_b = burst(door, site, lb, d, 5)
	rows.append(
		(
			"2. internet door: resident A, behind the load balancer",
			limited(door_a),
			door_a[-1] == 429 and 429 not in door_a[:LIMIT],
		)
	)
	rows.append(
		(
			"2. internet door: then resident B, behind the same load balancer",
			limited(door_b),
			429 not in door_b,
		)
	)
	spoof = burst(door, site, direct, fake, LIMIT + 1)
	rows.append(
		(f"3. direct client {direct}, new X-Forwarded-For each request", limited(spoof), spoof[-1] == 429)
	)
	appended = burst(door, site, lb, lambda i: f"{fake(i)}, {e}", LIMIT + 1)
	rows.append(
		(
			"4. resident behind the load balancer, new X-Forwarded-For each request",
			limited(appended),
			appended[-1] == 429,
		)
	)

	print(f"{METHOD}: {LIMIT} calls a minute per address; load balancer {lb}; residents {a} {b} {c} {d} {e}")
	print(f"{'case':72} {'expected':9} result")
	ok = True
	for label, result, as_expected in rows:
		ok &= as_expected
		print(f"{label:72} {'ok' if as_expected else 'FAIL':9} {result}")
	sys.exit(0 if ok else 1)


if __name__ == "__main__":
	main()
