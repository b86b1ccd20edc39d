"""Photo decoding speed and coverage on the generated corpus (tests/decode_corpus.py): milliseconds per
image for our decoder (mynumber_card.core.decode) beside raw pyzbar and raw zxing-cpp, one pass each on
the same images, and how many codes each reads. Figures only: nothing here fails on time.

Each reader starts from the same JPEG bytes (open, grey, decode). Usage:
	.venv/bin/python scripts/bench_decode.py [--rounds 3]
"""

import argparse
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import zxingcpp
from PIL import Image, ImageOps
from pyzbar import pyzbar

from mynumber_card.core.decode import _ZXING_NAMES, decode_bytes
from tests.decode_corpus import CASES


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


READERS = {"ours": ours, "pyzbar": raw_pyzbar, "zxing-cpp": raw_zxing}


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--rounds", type=int, default=3, help="timed runs per image and reader (median)")
	args = parser.parse_args()
	totals = {name: [0.0, 0, 0] for name in READERS}  # ms, codes read, false reads
	expected_total = 0
	ratios = []  # ours / raw pyzbar, image by image
	print(f"{'image':46} {'codes':>5}  " + "  ".join(f"{name:>17}" for name in READERS))
	for case in CASES:
		data = case.make()
		expected_total += len(case.expected)
		cells = []
		for name, reader in READERS.items():
			timings = []
			for _ in range(args.rounds):
				began = time.perf_counter()
				found = reader(data)
				timings.append((time.perf_counter() - began) * 1000)
			ms = statistics.median(timings)
			read, false = len(found & case.expected), len(found - case.expected)
			totals[name][0] += ms
			totals[name][1] += read
			totals[name][2] += false
			if name == "ours":
				ours_ms = ms
			elif name == "pyzbar":
				ratios.append(ours_ms / ms)
			cells.append(f"{read:2}/{len(case.expected):<2} {ms:6.1f} ms" + ("*" if false else " "))
		print(f"{case.name:46} {len(case.expected):5}  " + "  ".join(f"{cell:>17}" for cell in cells))
	count = len(CASES)
	print()
	print(f"{count} images, {expected_total} codes (* = a value not on the image was also reported)")
	for name, (ms, read, false) in totals.items():
		print(
			f"{name:10} {ms / count:7.1f} ms/image  {read:3}/{expected_total} codes read  {false} false reads"
		)
	ratio = totals["ours"][0] / totals["pyzbar"][0]
	print(f"ours / raw pyzbar: {ratio:.2f}x per image (goal <= 3x)")
	print(
		f"  image by image: median {statistics.median(ratios):.2f}x, "
		f"max {max(ratios):.2f}x, {sum(r > 3 for r in ratios)} of {count} images over 3x"
	)
	print(f"ours / raw zxing-cpp: {totals['ours'][0] / totals['zxing-cpp'][0]:.2f}x per image")


if __name__ == "__main__":
	main()
