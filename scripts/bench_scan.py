"""Benchmark of the Card Scanner: 1,000 intake scans one request each, and 1,000 more in batches of 20
as the page sends them (scan_batch), next to Frappe's ping and a plain insert; and the server-side
decode time of a photo with 1 and with 20 codes.

    ~/frappe-bench/env/bin/python scripts/bench_scan.py --site mynumber.localhost

Figures, not assertions. Every record it made is deleted afterwards."""

import json
import random
import statistics
import time
from io import BytesIO

from bench_common import (
	admin_session,
	connect,
	frappe_baselines,
	gunicorn,
	measure,
	print_goal,
	print_table,
	served_site_args,
)

BATCH = 20  # what the page sends at once (card_scanner.js)
BATCHED = f"POST scanner.scan_batch, Intake x{BATCH}, per card"


def per_card(row: dict) -> dict:
	"""A batch request's figures per card (the wall time stays the whole run's)."""
	return {
		**row,
		"median_ms": round(row["median_ms"] / BATCH, 1),
		"p95_ms": round(row["p95_ms"] / BATCH, 1),
		"queries": round(row["queries"] / BATCH, 1),
	}


def photo(codes: int) -> bytes:
	"""A sheet like a delivery list: QR codes and Code128 labels of application IDs, as a JPEG."""
	import barcode
	import segno
	from barcode.writer import ImageWriter
	from PIL import Image

	columns = 4
	sheet = Image.new("L", (columns * 540, ((codes + columns - 1) // columns) * 300 + 40), 255)
	for index in range(codes):
		value = f"8{random.randrange(10**22):022d}"
		if index % 2:
			image = barcode.get("code128", value, writer=ImageWriter()).render(
				{"write_text": False, "module_height": 12}
			)
		else:
			buffer = BytesIO()
			segno.make_qr(value).save(buffer, kind="png", scale=6, border=4)
			image = Image.open(BytesIO(buffer.getvalue()))
		sheet.paste(image.convert("L"), (20 + (index % columns) * 540, 20 + (index // columns) * 300))
	buffer = BytesIO()
	sheet.save(buffer, "JPEG", quality=85)
	return buffer.getvalue()


def decode_timing(codes: int, rounds: int = 5) -> tuple[float, int]:
	from mynumber_card.core.decode import decode_bytes

	data = photo(codes)
	found, timings = 0, []
	for _ in range(rounds):
		began = time.perf_counter()
		found = len(decode_bytes(data))
		timings.append((time.perf_counter() - began) * 1000)
	return statistics.median(timings), found


def main():
	args = served_site_args(__doc__, "scans", 1000, 8021)
	frappe = connect(args.site)
	from mynumber_card.testing import open_delivery, remove_delivery

	delivery = open_delivery(2 * args.scans)  # the single scans, then the batched ones
	host = {"Host": args.site}
	todos: list[str] = []
	try:
		with gunicorn(args.port) as base:
			admin = admin_session(base, host, args.admin_password)
			session_id = frappe.generate_hash(length=12)

			def new_code() -> str:
				return f"7{random.randrange(10**22):022d}"

			def intake(index):
				return admin.post(
					f"{base}/api/method/mynumber_card.api.scanner.scan",
					data={
						"mode": "Intake",
						"code": new_code(),
						"delivery": delivery.name,
						"session_id": session_id,
					},
					headers=host,
				)

			def batch(index):
				return admin.post(
					f"{base}/api/method/mynumber_card.api.scanner.scan_batch",
					data={
						"mode": "Intake",
						"codes": json.dumps([new_code() for _ in range(BATCH)]),
						"delivery": delivery.name,
						"session_id": session_id,
					},
					headers=host,
				)

			rows = [
				*frappe_baselines(frappe, base, host, admin, args.scans, todos),
				measure(frappe, "POST scanner.scan, Intake (new card + log)", args.scans, intake),
				per_card(measure(frappe, BATCHED, args.scans // BATCH, batch)),
			]
	finally:
		remove_delivery(delivery.name)  # its cards and scan logs only
		for name in todos:
			frappe.delete_doc("ToDo", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		frappe.destroy()
	print_table(f"{args.scans} sequential requests each, gunicorn 2 workers, site {args.site}", rows)
	print_goal(
		rows,
		"POST scanner.scan, Intake (new card + log)",
		"POST /api/resource/ToDo (plain insert, Frappe)",
		1.5,
		20,
	)
	print_goal(rows, BATCHED, "POST /api/resource/ToDo (plain insert, Frappe)", 1.5, 20)
	for label in ("POST scanner.scan, Intake (new card + log)", BATCHED):
		row = next(row for row in rows if row["endpoint"] == label)
		print(f"goal: {args.scans} cards, {label}: {row['total_s']} s wall time (goal < 30 s for 1,000)")
	for codes in (1, 20):
		median_ms, found = decode_timing(codes)
		print(f"decode a photo with {codes:2} codes: median {median_ms:.0f} ms, {found} found")


if __name__ == "__main__":
	main()
