"""Photo decoding speed and coverage: milliseconds per image and codes read for our decoder
(mynumber_card.core.decode), fast and thorough, beside raw pyzbar and raw zxing-cpp (one pass each on
the same images), on the generated corpus (tests/decode_corpus.CASES, which the decoder was tuned on)
and on fresh seeds of every kind (decode_corpus.fresh_cases: sheets of 5, 12, 20 and 40 codes at an
angle, dim, with glare, JPEG q60, 1,600 and 4,000 px wide, folded; a label of every leading digit),
which it never was. Figures only: nothing here fails on time.

Each reader starts from the same JPEG bytes (open, grey, decode). Usage:
	.venv/bin/python scripts/bench_decode.py [--rounds 5] [--seeds 2026 31] [--no-thorough]
On each image the readers take turns, round after round, each starting on a collected heap, and each
reader's time is its median over the rounds: on a shared machine a burst of other work then falls on
all of them alike instead of on whichever ran during it. The thorough path runs once per image (it
takes seconds on a large sheet).
"""

import argparse
import gc
import statistics
import sys
import time
from collections import defaultdict
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import zxingcpp
from PIL import Image, ImageOps
from pyzbar import pyzbar

from mynumber_card.core.decode import _ZXING_NAMES, decode_bytes, decode_image
from tests.decode_corpus import CASES, fresh_cases


def _gray(data: bytes) -> Image.Image:
	return ImageOps.exif_transpose(Image.open(BytesIO(data))).convert("L")


def raw_pyzbar(data: bytes) -> set[tuple[str, str]]:
	return {(s.data.decode("utf-8", errors="replace"), s.type) for s in pyzbar.decode(_gray(data))}


def raw_zxing(data: bytes) -> set[tuple[str, str]]:
	return {
		(r.text, _ZXING_NAMES.get(r.format.name, r.format.name)) for r in zxingcpp.read_barcodes(_gray(data))
	}


def ours(data: bytes) -> set[tuple[str, str]]:
	return {(c.value, c.symbology) for c in decode_bytes(data)}


def ours_thorough(data: bytes) -> set[tuple[str, str]]:
	return {(c.value, c.symbology) for c in decode_image(Image.open(BytesIO(data)), thorough=True)}


READERS = {"ours": ours, "thorough": ours_thorough, "pyzbar": raw_pyzbar, "zxing-cpp": raw_zxing}
ONCE = {"thorough"}  # timed once, however many rounds the others get


def run_set(title: str, cases, readers: dict, rounds: int) -> dict:
	"""Print a line per image; return per reader: ms, codes read, false reads, and the images where the
	fast path read less than the thorough one."""
	print(f"\n{title}")
	print(f"{'image':46} {'codes':>5}  " + "  ".join(f"{name:>17}" for name in readers))
	totals = {name: {"ms": 0.0, "read": 0, "false": 0, "timings": []} for name in readers}
	totals["_"] = {"expected": 0, "images": 0, "fast_short": [], "ratios": [], "by_case": []}
	for case in cases:
		data = case.make()
		totals["_"]["expected"] += len(case.expected)
		totals["_"]["images"] += 1
		cells, found_by, ms_by = [], {}, {}
		for name, (found, timings) in timed_in_turns(data, readers, rounds).items():
			found_by[name] = found & case.expected
			ms = ms_by[name] = statistics.median(timings)
			totals[name]["timings"].append(timings)
			read, false = len(found & case.expected), len(found - case.expected)
			totals[name]["ms"] += ms
			totals[name]["read"] += read
			totals[name]["false"] += false
			cells.append(f"{read:2}/{len(case.expected):<2} {ms:7.1f} ms" + ("*" if false else " "))
		totals["_"]["ratios"].append(ms_by["ours"] / max(ms_by["pyzbar"], 1e-3))
		totals["_"]["by_case"].append((case, {name: len(found) for name, found in found_by.items()}))
		if "thorough" in found_by and found_by["thorough"] - found_by["ours"]:
			totals["_"]["fast_short"].append(case.name)
		print(f"{case.name:46} {len(case.expected):5}  " + "  ".join(f"{cell:>17}" for cell in cells))
	return totals


def timed_in_turns(data: bytes, readers: dict, rounds: int) -> dict:
	"""Per reader: what it found (on its first run) and its ms in each round. Round r starts with reader
	r, so that no reader always runs first or right after another."""
	turns = [name for name in readers if name not in ONCE]
	timings = {name: [] for name in readers}
	found = {}
	for round_ in range(rounds):
		start = round_ % len(turns)
		for name in turns[start:] + turns[:start]:
			result, ms = timed(readers[name], data)
			found.setdefault(name, result)
			timings[name].append(ms)
	for name in readers:
		if name in ONCE:
			found[name], ms = timed(readers[name], data)
			timings[name].append(ms)
	return {name: (found[name], timings[name]) for name in readers}


def timed(reader, data: bytes) -> tuple[set, float]:
	gc.collect()  # no reader pays for collecting what the one before it left
	began = time.perf_counter()
	found = reader(data)
	return found, (time.perf_counter() - began) * 1000


def round_totals(timings: list[list[float]]) -> list[float]:
	"""The set's ms in each round (timings: per image, ms per round)."""
	return [sum(column) for column in zip(*timings, strict=True)]


def summary(title: str, totals: dict) -> None:
	meta = totals["_"]
	totals = {name: row for name, row in totals.items() if name != "_"}
	images, expected = meta["images"], meta["expected"]
	print(f"{title}: {images} images, {expected} codes (* = a value not on the image was also reported)")
	for name, row in totals.items():
		print(
			f"  {name:10} {row['ms'] / images:8.1f} ms/image  {row['read']:4}/{expected} codes read  "
			f"{row['false']} false reads"
		)
	print(
		f"  ours / raw pyzbar: {totals['ours']['ms'] / totals['pyzbar']['ms']:.2f}x over the set (goal <= 3x)"
	)
	mine, theirs = (round_totals(totals[name]["timings"]) for name in ("ours", "pyzbar"))
	rounds = [a / b for a, b in zip(mine, theirs, strict=True)]
	print(f"  round by round over the set: {', '.join(f'{r:.2f}x' for r in rounds)}")
	ratios = meta["ratios"]
	print(
		f"  image by image: median {statistics.median(ratios):.2f}x, max {max(ratios):.2f}x, "
		f"{sum(r > 3 for r in ratios)} of {images} images over 3x"
	)
	print(f"  ours / raw zxing-cpp: {totals['ours']['ms'] / totals['zxing-cpp']['ms']:.2f}x over the set")
	if "thorough" in totals:
		short = meta["fast_short"]
		print(
			"  goal: the fast path reads at least what the thorough path reads on every image: "
			+ ("yes" if not short else f"NO, on {len(short)}: {', '.join(short)}")
		)


def per_kind(by_case, readers) -> None:
	"""Codes read per kind of trouble on the fresh seeds (the kind is the name's last part)."""
	kinds = defaultdict(lambda: defaultdict(int))
	for case, found in by_case:
		kind = case.name.split(", ")[-1] if ", " in case.name else case.name.split(": ")[-1]
		kinds[kind]["codes"] += len(case.expected)
		for name, read in found.items():
			kinds[kind][name] += read
	print(f"\n{'kind':22} {'codes':>6}  " + "  ".join(f"{name:>10}" for name in readers))
	for kind, row in kinds.items():
		print(f"{kind:22} {row['codes']:6}  " + "  ".join(f"{row[name]:>10}" for name in readers))


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--rounds", type=int, default=5, help="timed runs per image and reader (median)")
	parser.add_argument("--seeds", type=int, nargs="*", default=[2026], help="fresh seeds to make")
	parser.add_argument("--no-thorough", action="store_true", help="leave out the thorough path")
	args = parser.parse_args()
	readers = {n: r for n, r in READERS.items() if not (args.no_thorough and n == "thorough")}
	summary("corpus", run_set("The corpus (tuned on)", CASES, readers, args.rounds))
	for seed in args.seeds:
		totals = run_set(
			f"Fresh seed {seed} (made from the seed, not the corpus)", fresh_cases(seed), readers, args.rounds
		)
		summary(f"fresh seed {seed}", totals)
		per_kind(totals["_"]["by_case"], readers)


if __name__ == "__main__":
	main()
