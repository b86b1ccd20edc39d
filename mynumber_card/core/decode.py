"""Barcodes and QR codes out of a photo, on the server, with pyzbar (libzbar0) and Pillow.

Phone photos are rotated, small, blurred or unevenly lit, so the image is tried in several
variants (EXIF orientation, grayscale, contrast, scale, thresholds, tilt) and every code found in
any variant is kept once."""

from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageFilter, ImageOps
from pyzbar import pyzbar

MAX_SIDE = 4000
MAX_UPLOAD_BYTES = 15 * 1024 * 1024


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
	for variant in _variants(_prepare(image)):
		before = len(found)
		for symbol in pyzbar.decode(variant):
			value = symbol.data.decode("utf-8", errors="replace")
			found.setdefault((value, symbol.type), DecodedCode(value, symbol.type))
		# Once something is found, two variants in a row that add nothing end the search.
		barren = barren + 1 if found and len(found) == before else 0
		if barren >= 2:
			break
	return sorted(found.values(), key=lambda c: (c.symbology, c.value))


def _prepare(image: Image.Image) -> Image.Image:
	image = ImageOps.exif_transpose(image)
	gray = image.convert("L")
	if max(gray.size) > MAX_SIDE:
		gray.thumbnail((MAX_SIDE, MAX_SIDE))
	return gray


def _variants(gray: Image.Image) -> Iterator[Image.Image]:
	yield gray
	contrast = ImageOps.autocontrast(gray, cutoff=1)
	yield contrast
	if max(gray.size) < 1600:
		yield contrast.resize((gray.width * 2, gray.height * 2), Image.Resampling.LANCZOS)
	if max(gray.size) > 1200:
		yield contrast.resize((gray.width // 2, gray.height // 2), Image.Resampling.LANCZOS)
	yield contrast.filter(ImageFilter.SHARPEN)
	for threshold in (100, 140, 180):
		yield contrast.point(lambda p, t=threshold: 255 if p > t else 0)
	for angle in (15, -15, 30, -30, 45):
		yield contrast.rotate(angle, expand=True, fillcolor=255)
