"""Report load times on a town-sized ledger: fills a site with 100,000 cards and a year of bookings,
then times each report. Figures, not assertions.

    ~/frappe-bench/env/bin/python scripts/bench_reports.py --site mynumber-bench.localhost

Rows are bulk-inserted (tagged: application IDs starting with 6, bookings named BKB-…) and deleted
afterwards unless --keep is given. Use a site without a real town's data."""

import argparse
import random
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime

from bench_common import connect

REPORTS = (
	("Card Ledger", "card_ledger", {"from_date": "2026-10-01", "to_date": "2026-10-31"}),
	("Issuance Status", "issuance_status", {"from_date": "2025-12-01", "to_date": "2026-11-30"}),
	("Issuance Rate", "issuance_rate", {"from_date": "2025-12-01", "to_date": "2026-11-30"}),
	("Uncollected Cards", "uncollected_cards", {}),
	("Bookings by Day", "bookings_by_day", {"date": "2026-10-15"}),
	("Cards Due for Re-notice", "cards_due_for_re_notice", {"on": "2026-11-26"}),
	("Cards Due for Renewal", "cards_due_for_renewal", {"on": "2026-11-26", "months": 3}),
)
STATES = (
	("Received", 3),
	("Prepared", 5),
	("Notice Sent", 12),
	("Re-notice Sent", 4),
	("Booked", 3),
	("Issued", 70),
	("Pending Disposal", 2),
	("Disposed", 1),
)


def parse_args():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--cards", type=int, default=100_000)
	parser.add_argument("--keep", action="store_true")
	return parser.parse_args()


def fill_cards(frappe, count: int, rng: random.Random):
	start = date(2025, 12, 1)
	names, states = zip(*STATES, strict=True)
	fields = [
		"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "naming_series",
		"application_id", "notice_number", "full_name", "full_name_kana", "name_key", "kana_key", "birth_date",
		"workflow_state", "received_date", "prepared_date", "notice_date", "issued_date", "renotice_date",
		"disposed_date", "disposal_deadline", "card_expiry_date", "certificate_expiry_date",
	]  # fmt: skip
	now = datetime.now()
	rows = []
	for index in range(count):
		state = rng.choices(names, states)[0]
		received = start + timedelta(days=rng.randrange(365))
		prepared = received + timedelta(days=3) if state != "Received" else None
		notice = received + timedelta(days=10) if state not in ("Received", "Prepared") else None
		issued = notice + timedelta(days=rng.randrange(5, 60)) if state == "Issued" else None
		renotice = notice + timedelta(days=60) if state == "Re-notice Sent" else None
		waiting = state in ("Notice Sent", "Re-notice Sent", "Booked", "Pending Disposal")
		deadline = notice.replace(year=notice.year + 1) if waiting and notice and notice.day < 29 else None
		birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 80))
		rows.append(
			(
				f"MNCB-{index:07d}", now, now, "Administrator", "Administrator", 0, 0, "MNC-.YYYY.-.######",
				f"6{index:022d}", f"B{index % 100:02d}-{index:06d}", f"計測 {index}", "ケイソク", f"計測{index}",
				"ケイソク", birth, state, received, prepared, notice, issued, renotice,
				received + timedelta(days=400) if state == "Disposed" else None, deadline,
				issued.replace(year=issued.year + 10) if issued and issued.day < 29 else None,
				issued.replace(year=issued.year + 5) if issued and issued.day < 29 else None,
			)
		)  # fmt: skip
	frappe.db.bulk_insert("MyNumber Card", fields, rows, chunk_size=5000)


def fill_bookings(frappe, rng: random.Random) -> int:
	"""A year of weekday slots (12 a day, capacity 2) with most places taken."""
	location = "計測庁舎"
	if not frappe.db.exists("Booking Location", location):
		frappe.get_doc({"doctype": "Booking Location", "location_name": location}).insert(
			ignore_permissions=True
		)
	now = datetime.now()
	slot_rows, purpose_rows, booking_rows = [], [], []
	day = date(2025, 12, 1)
	count = 0
	while day <= date(2026, 11, 30):
		if day.weekday() < 5:
			for hour in range(9, 15):
				for minute in (0, 30):
					start = datetime.combine(day, dtime(hour, minute))
					name = f"BSB-{day:%Y%m%d}-{hour:02d}{minute:02d}"
					booked = rng.randrange(3)
					slot_rows.append((name, now, now, "Administrator", "Administrator", location, day, start.time(),
						(start + timedelta(minutes=30)).time(), 2, booked, 0, start, start + timedelta(minutes=30),
						f"{location}|{day}|{start:%H:%M}", name))  # fmt: skip
					purpose_rows.append(
						(f"{name}-p", now, now, name, "purposes", "Booking Slot", 1, "申請サポート")
					)
					for _seat in range(booked):
						count += 1
						state = "Completed" if day < date(2026, 11, 26) else "Confirmed"
						booking_rows.append((f"BKB-{count:07d}", now, now, "Administrator", "Administrator",
							"BK-.YYYY.-.#####", state, "申請サポート", name, "Phone", day, start.time(), location,
							start, f"計測 {count}", "ケイソク", date(1960, 1, 1), f"計測{count}"))  # fmt: skip
		day += timedelta(days=1)
	frappe.db.bulk_insert(
		"Booking Slot",
		["name", "creation", "modified", "owner", "modified_by", "location", "slot_date", "start_time",
			"end_time", "capacity", "booked_count", "is_closed", "starts_at", "ends_at", "slot_key", "title"],
		slot_rows,
		chunk_size=2000,
	)  # fmt: skip
	frappe.db.bulk_insert(
		"Booking Slot Purpose",
		["name", "creation", "modified", "parent", "parentfield", "parenttype", "idx", "purpose"],
		purpose_rows,
		chunk_size=2000,
	)
	frappe.db.bulk_insert(
		"Card Booking",
		["name", "creation", "modified", "owner", "modified_by", "naming_series", "workflow_state", "purpose",
			"slot", "channel", "slot_date", "start_time", "location", "starts_at", "full_name", "full_name_kana",
			"birth_date", "name_key"],
		booking_rows,
		chunk_size=2000,
	)  # fmt: skip
	return len(booking_rows)


def time_report(frappe, module: str, filters: dict) -> float:
	execute = frappe.get_attr(f"mynumber_card.mynumber_card.report.{module}.{module}.execute")
	timings = []
	for _ in range(3):
		began = time.perf_counter()
		result = execute(dict(filters))
		timings.append((time.perf_counter() - began) * 1000)
	return statistics.median(timings), len(result[1])


def cleanup(frappe):
	frappe.db.delete("Card Booking", {"name": ("like", "BKB-%")})
	frappe.db.delete("Booking Slot Purpose", {"parent": ("like", "BSB-%")})
	frappe.db.delete("Booking Slot", {"name": ("like", "BSB-%")})
	frappe.db.delete("MyNumber Card", {"name": ("like", "MNCB-%")})
	frappe.db.commit()


def main():
	args = parse_args()
	frappe = connect(args.site)
	frappe.set_user("Administrator")
	rng = random.Random(8373)
	cleanup(frappe)
	began = time.perf_counter()
	fill_cards(frappe, args.cards, rng)
	bookings = fill_bookings(frappe, rng)
	frappe.db.commit()
	print(f"filled {args.cards} cards and {bookings} bookings in {time.perf_counter() - began:.1f} s")
	try:
		print(f"{'report':28} {'median ms':>10} {'rows':>8}")
		for label, module, filters in REPORTS:
			median, rows = time_report(frappe, module, filters)
			print(f"{label:28} {median:>10.0f} {rows:>8}")
	finally:
		if not args.keep:
			cleanup(frappe)
		frappe.destroy()


if __name__ == "__main__":
	main()
