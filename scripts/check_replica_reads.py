"""Shows where the read paths' queries go on a site with a read replica (scripts/topology.sh up):
each instance's `Com_select` counter is read before and after a batch of requests through nginx.

    ~/frappe-bench/env/bin/python scripts/check_replica_reads.py --site topology.localhost

Exits 1 when a read path's queries did not reach the replica. The replica runs with read_only=1, so
the site's database user cannot write there at all."""

import argparse
import json
import os
import sys

import pymysql
import requests
from bench_common import BENCH, admin_session

READ_PATHS = {
	"guest slot listing": ("GET", "mynumber_card.api.booking.available_slots", {"purpose": "申請サポート"}),
	"statistics (number card)": ("GET", "mynumber_card.api.stats.held_rate_card", {}),
	"report Card Ledger": (
		"POST",
		"frappe.desk.query_report.run",
		{"report_name": "Card Ledger", "filters": "{}"},
	),
	"report Issuance Rate": (
		"POST",
		"frappe.desk.query_report.run",
		{"report_name": "Issuance Rate", "filters": "{}"},
	),
}


def parse_args():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="topology.localhost")
	parser.add_argument("--base", default="http://127.0.0.1:8090", help="nginx")
	parser.add_argument("--runs", type=int, default=20)
	parser.add_argument("--admin-password", default=os.environ.get("MNC_ADMIN_PASSWORD", "admin"))
	return parser.parse_args()


def counter(connection) -> int:
	with connection.cursor() as cursor:
		cursor.execute("SHOW GLOBAL STATUS LIKE 'Com_select'")
		return int(cursor.fetchone()[1])


def main():
	args = parse_args()
	config = json.loads((BENCH / "sites" / args.site / "site_config.json").read_text())
	if not config.get("read_from_replica"):
		raise SystemExit(f"{args.site} has no read replica configured (run scripts/topology.sh up)")
	login = {"user": config["db_name"], "password": config["db_password"], "host": "127.0.0.1"}
	primary = pymysql.connect(port=int(config.get("db_port", 3306)), **login)
	replica = pymysql.connect(port=int(config["replica_db_port"]), **login)
	host = {"Host": args.site}
	admin = admin_session(args.base, host, args.admin_password)
	failed = False
	print(f"{'read path':28} {'runs':>5} {'primary Com_select':>19} {'replica Com_select':>19}")
	for label, (method, path, params) in READ_PATHS.items():
		session = requests.Session() if label.startswith("guest") else admin
		before = counter(primary), counter(replica)
		for _ in range(args.runs):
			url = f"{args.base}/api/method/{path}"
			response = session.request(
				method, url, headers=host, **({"params": params} if method == "GET" else {"data": params})
			)
			if response.status_code != 200:
				raise SystemExit(f"{label}: HTTP {response.status_code} {response.text[-600:]}")
		after = counter(primary), counter(replica)  # SHOW STATUS counts as Com_show_status, not here
		on_primary, on_replica = after[0] - before[0], after[1] - before[1]
		print(f"{label:28} {args.runs:>5} {on_primary:>+19} {on_replica:>+19}")
		failed |= on_replica < args.runs
	print("(the primary's count includes the scheduler's and workers' own reads in the same seconds)")
	sys.exit(1 if failed else 0)


if __name__ == "__main__":
	main()
