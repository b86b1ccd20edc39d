"""Barcodes and QR codes out of a photo, on the server, with pyzbar (libzbar0) and Pillow.

Phone photos are rotated, small, blurred or unevenly lit, so the image is tried in several
variants (EXIF orientation, grayscale, contrast, scale, sharpening, thresholds, tilt) and every code
found in any variant is kept once. The search stops early once variants stop adding codes, and after
TIME_BUDGET_SECONDS at the latest."""

import time
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageFilter, ImageOps
from pyzbar import pyzbar

MAX_SIDE = 4000
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# No new variant is tried after this long: a large photo without any code would otherwise keep a worker
# busy for many seconds (a 12-megapixel photo of plain texture takes 4-13 s for all variants).
TIME_BUDGET_SECONDS = 5.0


class UnreadableImage(ValueError):
	"""The upload is not an image Pillow can read, or is too large."""


@dataclass(frozen=True)
class DecodedCode:
	value: str
	symbology: str  # pyzbar's name: QRCODE, CODE128, EAN13, ...


def decode_bytes(data: bytes) -> list[DecodedCode]:
	if len(data) > MAX_UPLOAD_BYTES:
		raise UnreadableImage("image too large")
	try:
		image = Image.open(BytesIO(data))
		image.load()
	except Exception as error:  # Pillow raises many kinds for a broken file
		raise UnreadableImage(str(error)) from error
	return decode_image(image)


def decode_image(image: Image.Image) -> list[DecodedCode]:
	found: dict[tuple[str, str], DecodedCode] = {}
	barren = 0
	deadline = time.monotonic() + TIME_BUDGET_SECONDS
	for variant in _variants(_prepare(image)):
		before = len(found)
		for symbol in pyzbar.decode(variant):
			value = symbol.data.decode("utf-8", errors="replace")
			found.setdefault((value, symbol.type), DecodedCode(value, symbol.type))
		# Once something is found, two variants in a row that add nothing end the search.
		barren = barren + 1 if found and len(found) == before else 0
		if barren >= 2 or time.monotonic() > deadline:
			break
	return sorted(found.values(), key=lambda c: (c.symbology, c.value))


def _prepare(image: Image.Image) -> Image.Image:
	image = ImageOps.exif_transpose(image)
	gray = image.convert("L")
	if max(gray.size) > MAX_SIDE:
		gray.thumbnail((MAX_SIDE, MAX_SIDE))
	return gray


def _otsu_threshold(gray: Image.Image) -> int:
	"""The grey level that best splits the histogram into ink and paper (Otsu's method)."""
	histogram = gray.histogram()
	total = sum(histogram)
	weighted_total = sum(level * count for level, count in enumerate(histogram))
	background = weighted_background = 0
	best, threshold = -1.0, 127
	for level, count in enumerate(histogram):
		background += count
		if not background:
			continue
		foreground = total - background
		if not foreground:
			break
		weighted_background += level * count
		mean_background = weighted_background / background
		mean_foreground = (weighted_total - weighted_background) / foreground
		between = background * foreground * (mean_background - mean_foreground) ** 2
		if between > best:
			best, threshold = between, level
	return threshold


def _binarize(gray: Image.Image, threshold: int | None = None) -> Image.Image:
	level = _otsu_threshold(gray) if threshold is None else threshold
	return gray.point(lambda p: 255 if p > level else 0)


def _variants(gray: Image.Image) -> Iterator[Image.Image]:
	yield gray
	contrast = ImageOps.autocontrast(gray, cutoff=1)
	yield contrast
	if max(gray.size) < 1600:
		# A small or distant code has bars only one or two pixels wide: enlarge, sharpen, binarise.
		enlarged = contrast.resize((gray.width * 2, gray.height * 2), Image.Resampling.LANCZOS)
		yield enlarged
		yield _binarize(enlarged)
		yield _binarize(enlarged.filter(ImageFilter.UnsharpMask(radius=2, percent=200, threshold=0)))
	half = None
	if max(gray.size) > 1200:
		half = contrast.resize((gray.width // 2, gray.height // 2), Image.Resampling.LANCZOS)
		yield half
	yield contrast.filter(ImageFilter.SHARPEN)
	for threshold in (100, 140, 180):
		yield _binarize(contrast, threshold)
	# A tilted code in a large photo is large enough at half size, and rotating is the costly part.
	tilted = half if half is not None and max(gray.size) > 2000 else contrast
	for angle in (15, -15, 30, -30, 45):
		yield tilted.rotate(angle, expand=True, fillcolor=255)
