"""Card Import of a large file: rows per second and peak memory, chunk by chunk. Figures, not
assertions.

    ~/frappe-bench/env/bin/python scripts/bench_import.py --site mynumber-bench.localhost

For each --rows size (default 10,000 and 100,000), generates an earlier ledger (.xlsx, 和暦 and 西暦
dates, half-width kana, one row in fifty refused), runs the thin step (read in memory, check,
cleaned CSV parts) and then the import job as the worker runs it, in this process and the ones it
starts. Memory is measured after each part, in the process that imported it (an earlier ledger's
parts are shared among processes): its resident size and its peak (getrusage), which should stop
growing after its first part; --tracemalloc adds the Python heap's peak per part (and slows the run
about threefold). The cards are tagged (name 計測取込…) and deleted after each size with their Card
Import and files unless --keep is given. Use a site without a real town's data."""

import argparse
import io
import os
import random
import resource
import time
import tracemalloc
from datetime import date, timedelta

from bench_common import connect

from mynumber_card.core.card_import import LEDGER, template_columns

TAG = "計測取込"
HEADER = [column.header for column in template_columns(LEDGER)]  # the rows below follow its order


def parse_args():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
	parser.add_argument("--keep", action="store_true")
	parser.add_argument("--tracemalloc", action="store_true", help="also the Python heap's peak (slow)")
	parser.add_argument("--chunk-rows", type=int, help="rows per part (default: the app's)")
	return parser.parse_args()


def wareki(day: date) -> str:
	if day >= date(2019, 5, 1):
		return f"R{day.year - 2018}.{day.month}.{day.day}"
	return f"平成{day.year - 1988}年{day.month}月{day.day}日"


def spelled(number: int) -> str:
	"""A row's own given name: names take no digits, so each digit is a katakana (0 → ア, 1 → イ …)."""
	return "".join("アイウエオカキクケコ"[int(digit)] for digit in str(number))


def ledger_xlsx(rows: int, rng: random.Random) -> bytes:
	import openpyxl

	workbook = openpyxl.Workbook(write_only=True)
	sheet = workbook.create_sheet()
	sheet.append(HEADER)
	for index in range(rows):
		birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 75))
		made = date(2016, 2, 1) + timedelta(days=rng.randrange(365 * 9))
		handed = made + timedelta(days=rng.randrange(20, 60))
		remarks = "123456789018" if index % 50 == 49 else ""  # a 個人番号: the row is refused
		sheet.append(
			[
				f"{TAG} {spelled(index)}",
				"ｹｲｿｸ ﾄﾘｺﾐ",
				birth.isoformat()
				if index % 2
				else f"S{birth.year - 1925}.{birth.month}.{birth.day}"
				if birth.year < 1989
				else birth.isoformat(),
				f"五霞町小福田{index}番地",
				wareki(made),
				"",
				handed.strftime("%Y/%m/%d"),
				"",
				remarks,
			]
		)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def megabytes(size: float) -> float:
	return round(size / 1024 / 1024, 1)


def cleanup(frappe, card_import_name: str | None):
	card = frappe.qb.DocType("MyNumber Card")
	names = frappe.qb.from_(card).select(card.name).where(card.full_name.like(f"{TAG}%")).run(pluck=True)
	for start in range(0, len(names), 1000):
		chunk = names[start : start + 1000]
		frappe.db.delete("Version", {"ref_doctype": "MyNumber Card", "docname": ("in", chunk)})
		frappe.db.delete("Comment", {"reference_doctype": "MyNumber Card", "reference_name": ("in", chunk)})
		frappe.db.delete("MyNumber Card", {"name": ("in", chunk)})
	if card_import_name:
		for file in frappe.get_all(
			"File", filters={"attached_to_doctype": "Card Import", "attached_to_name": card_import_name}
		):
			frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Card Import", card_import_name, force=True, ignore_permissions=True)
	frappe.db.commit()


def resident_mb() -> float:
	"""The process's resident size now (Linux)."""
	with open("/proc/self/statm") as fh:
		pages = int(fh.read().split()[1])
	return megabytes(pages * resource.getpagesize())


def peak_resident_mb() -> float:
	return megabytes(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)


def main():
	args = parse_args()
	frappe = connect(args.site)
	frappe.set_user("Administrator")
	from mynumber_card.ledger import card_import

	if args.chunk_rows:
		frappe.local.conf["card_import_chunk_rows"] = args.chunk_rows
	card_import.enqueue_run = lambda name: None  # the job is run below, in this process
	for left in frappe.get_all("Card Import", filters={"file_name": "bench.xlsx"}, pluck="name"):
		cleanup(frappe, left)  # from a run that stopped
	cleanup(frappe, None)
	# warm up (modules, doctype meta) so that the figures below are the import's own
	card_import.check_upload("Earlier Ledger", "warm.xlsx", ledger_xlsx(20, random.Random(1)), dry_run=True)
	for rows in args.rows:
		measure(frappe, card_import, rows, args)


def measure(frappe, card_import, rows: int, args):
	content = ledger_xlsx(rows, random.Random(11))
	print(f"\nfile: {rows:,} rows, {megabytes(len(content))} MB (.xlsx); resident before: {resident_mb()} MB")

	# 1. the thin step: read in memory, check, write the cleaned parts
	if args.tracemalloc:
		tracemalloc.start()
	began = time.perf_counter()
	report = card_import.check_upload("Earlier Ledger", "bench.xlsx", content, dry_run=False)
	frappe.db.commit()
	check_seconds = time.perf_counter() - began
	if "card_import" not in report:
		raise SystemExit(f"nothing to import: {report['counts']}, first refusals {report['refused'][:3]}")
	name = report["card_import"]
	counts = report["counts"]
	heap = f", peak heap {megabytes(tracemalloc.get_traced_memory()[1])} MB" if args.tracemalloc else ""
	print(
		f"check: {check_seconds:.1f} s ({counts['rows'] / check_seconds:,.0f} rows/s), "
		f"{counts['importable']:,} to import, {counts['refused']} refused; "
		f"resident {resident_mb()} MB{heap}"
	)

	# 2. the job, part after part; memory measured after each part, in the process that imported it
	# (an earlier ledger's parts are shared among processes: see card_import.import_processes)
	import_part = card_import.import_part
	print(
		f"{'part':>4} {'process':>8} {'rows/s':>7} {'resident MB':>12} {'peak resident MB':>17} {'peak heap MB':>13}"
	)

	def measured(doc, batch):
		if args.tracemalloc:
			tracemalloc.start()
			tracemalloc.reset_peak()
		began = time.perf_counter()
		import_part(doc, batch)
		speed = batch.rows / (time.perf_counter() - began)
		heap = megabytes(tracemalloc.get_traced_memory()[1]) if args.tracemalloc else "-"
		if batch.idx <= 3 or batch.idx % 10 == 0 or batch.idx == len(doc.batches):
			print(
				f"{batch.idx:>4} {os.getpid():>8} {speed:>7.1f} {resident_mb():>12} {peak_resident_mb():>17} {heap:>13}",
				flush=True,
			)

	card_import.import_part = measured
	began = time.perf_counter()
	try:
		card_import.run(name)
	finally:
		card_import.import_part = import_part
	import_seconds = time.perf_counter() - began
	tracemalloc.stop()
	doc = frappe.get_doc("Card Import", name)
	processes = card_import.import_processes(doc.import_type, len(doc.batches))
	print(
		f"import: {doc.rows_imported:,} cards in {import_seconds:.0f} s "
		f"({doc.rows_imported / import_seconds:.1f} rows/s), status {doc.status}, {len(doc.batches)} parts, "
		f"{processes} processes"
	)
	total = check_seconds + import_seconds
	print(
		f"{rows:,} rows overall: {doc.rows_imported / total:.1f} rows/s (goal ≥ 200); "
		f"peak resident {peak_resident_mb()} MB"
	)
	if not args.keep:
		cleanup(frappe, name)


if __name__ == "__main__":
	main()
