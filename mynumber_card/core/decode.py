"""Barcodes and QR codes out of a photo, on the server, with zxing-cpp and pyzbar (libzbar0) and Pillow.

Cheap pass first, expensive passes only for what is still missing:

1. zxing-cpp reads the whole (EXIF-turned, grey) photo once. It is faster than pyzbar and finds codes
   turned by 90°, most tilted ones and QR codes at any angle. When it reads nothing at all, pyzbar
   reads the whole photo too (it copes better with faint codes and uneven light).
2. A map of the photo in blocks finds where bars are (strong, mostly one-directional gradients) that
   no code read so far covers. Nothing left: done, at about the cost of one raw decoder pass.
3. Each such region alone is cropped, turned so its bars stand upright (the direction comes from the
   same gradients) and read by zxing-cpp, then pyzbar, then by both on sharpened, enlarged and
   binarised versions of the crop, until the codes read cover the region's bars.

Every code found is kept once. No new pass starts after TIME_BUDGET_SECONDS. Decoded values are never
logged here: the shell refuses a 12-digit 個人番号 after decoding.
"""

import math
import time
from array import array
from dataclasses import dataclass
from io import BytesIO

import zxingcpp
from PIL import Image, ImageFilter, ImageMath, ImageOps
from pyzbar import pyzbar

MAX_SIDE = 4000
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# No new pass is started after this long: a large photo of busy texture would otherwise keep a worker
# busy for seconds.
TIME_BUDGET_SECONDS = 5.0

BLOCK = 16  # pixels per side of a block of the map, at the map's scale
MAP_SIDE = 1000  # the map is made from the photo scaled to at most this side
MIN_REGION_BLOCKS = 3  # fewer energetic blocks than this are text or texture, not a code
MAX_REGIONS = 40

# zxing-cpp's names -> pyzbar's names, so callers keep seeing QRCODE, CODE128, EAN13, ...
_ZXING_NAMES = {
	"QRCode": "QRCODE",
	"MicroQRCode": "MICROQR",
	"Code128": "CODE128",
	"Code39": "CODE39",
	"Code93": "CODE93",
	"Codabar": "CODABAR",
	"ITF": "I25",
	"EAN13": "EAN13",
	"EAN8": "EAN8",
	"UPCA": "UPCA",
	"UPCE": "UPCE",
	"DataMatrix": "DATAMATRIX",
	"PDF417": "PDF417",
	"DataBar": "DATABAR",
	"DataBarExpanded": "DATABAR_EXP",
	"Aztec": "AZTEC",
}
_ZXING_FORMATS = zxingcpp.barcode_formats_from_str(
	"Code128,QRCode,MicroQRCode,DataMatrix,PDF417,Code39,Code93,Codabar,ITF,EAN13,EAN8,UPCA,UPCE"
)
_MATRIX = {"QRCode", "MicroQRCode", "DataMatrix", "Aztec", "PDF417"}
_MATRIX_ZBAR = {"QRCODE", "PDF417"}
_SOBEL_X = ImageFilter.Kernel((3, 3), [-1, 0, 1, -2, 0, 2, -1, 0, 1], scale=8, offset=128)
_SOBEL_Y = ImageFilter.Kernel((3, 3), [-1, -2, -1, 0, 0, 0, 1, 2, 1], scale=8, offset=128)


class UnreadableImage(ValueError):
	"""The upload is not an image Pillow can read, or is too large. The subclasses say which, so that
	the clerk is told what to do: choose a photo, or take a smaller one; this class alone: damaged."""


class NotAnImage(UnreadableImage):
	"""Pillow does not know the file as an image at all (a PDF, a text, a format it lacks)."""


class ImageTooLarge(UnreadableImage):
	"""Too many bytes, or too many pixels to open safely (Pillow's decompression bomb guard)."""


@dataclass(frozen=True)
class DecodedCode:
	value: str
	symbology: str  # pyzbar's name: QRCODE, CODE128, EAN13, ...


Box = tuple[float, float, float, float]  # left, top, right, bottom in the prepared image


def decode_bytes(data: bytes) -> list[DecodedCode]:
	if len(data) > MAX_UPLOAD_BYTES:
		raise ImageTooLarge("image too large")
	try:
		image = Image.open(BytesIO(data))
	except Image.DecompressionBombError as error:
		raise ImageTooLarge(str(error)) from error
	except Exception as error:  # UnidentifiedImageError, or what a malformed header makes Pillow raise
		raise NotAnImage(str(error)) from error
	try:
		image.load()
	except Exception as error:  # Pillow raises many kinds for a broken file
		raise UnreadableImage(str(error)) from error
	return decode_image(image)


def decode_image(image: Image.Image) -> list[DecodedCode]:
	deadline = time.monotonic() + TIME_BUDGET_SECONDS
	gray = _prepare(image)
	found: dict[tuple[str, str], DecodedCode] = {}
	boxes: list[_Area] = []
	_read_zxing(gray, found, boxes)
	if not found:
		# pyzbar reads some codes zxing-cpp gives up on (faint, uneven light); one full pass is cheap.
		_read_pyzbar(gray, found, boxes)
	for region in _unread_regions(gray, boxes):
		if time.monotonic() > deadline:
			break
		if _explained(region, boxes):
			continue  # a code read in an earlier region explains this one too
		_read_region(gray, region, found, boxes, deadline)
	return sorted(found.values(), key=lambda c: (c.symbology, c.value))


def _prepare(image: Image.Image) -> Image.Image:
	image = ImageOps.exif_transpose(image)
	gray = image.convert("L")
	if max(gray.size) > MAX_SIDE:
		gray.thumbnail((MAX_SIDE, MAX_SIDE))
	return gray


# --- the two readers: every code goes into `found`, its area (in the prepared image) into `boxes`


def _keep(found, value: str, symbology: str) -> None:
	if value:
		found.setdefault((value, symbology), DecodedCode(value, symbology))


def _read_zxing(image: Image.Image, found, boxes, place=None) -> int:
	results = zxingcpp.read_barcodes(image, formats=_ZXING_FORMATS, try_invert=False)
	for result in results:
		name = result.format.name
		_keep(found, result.text, _ZXING_NAMES.get(name, name.upper()))
		position = result.position
		corners = [position.top_left, position.top_right, position.bottom_right, position.bottom_left]
		boxes.append(_box([(p.x, p.y) for p in corners], place, linear=name not in _MATRIX))
	return len(results)


def _read_pyzbar(image: Image.Image, found, boxes, place=None) -> int:
	symbols = pyzbar.decode(image)
	for symbol in symbols:
		_keep(found, symbol.data.decode("utf-8", errors="replace"), symbol.type)
		points = [(p.x, p.y) for p in symbol.polygon] or [
			(symbol.rect.left, symbol.rect.top),
			(symbol.rect.left + symbol.rect.width, symbol.rect.top + symbol.rect.height),
		]
		boxes.append(_box(points, place, linear=symbol.type not in _MATRIX_ZBAR))
	return len(symbols)


@dataclass(frozen=True)
class _Area:
	"""Where a code read lies in the prepared image: a rectangle along the code's own axis, so that a
	tilted code does not seem to cover its neighbours (as its upright bounding box would)."""

	x: float  # centre
	y: float
	cos: float  # the code's long axis
	sin: float
	half_length: float
	half_width: float

	def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
		dx, dy = x - self.x, y - self.y
		along, across = dx * self.cos + dy * self.sin, -dx * self.sin + dy * self.cos
		return abs(along) <= self.half_length + margin and abs(across) <= self.half_width + margin


def _box(points: list[tuple[float, float]], place, linear: bool) -> "_Area":
	"""The area of a code's corner points found in a crop, mapped back to the prepared image.

	`place` is how the crop was made: (left, top of the crop, scale, angle, crop width, crop height)."""
	if place is not None:
		left, top, factor, angle, width, height = place
		points = [_unturn(x / factor, y / factor, angle, width, height) for x, y in points]
		points = [(x + left, y + top) for x, y in points]
	# The long axis: the direction between the two points farthest apart (a strip's ends, a square's
	# diagonal; for a square any direction serves).
	first, second = max(
		((p, q) for p in points for q in points),
		key=lambda pq: (pq[0][0] - pq[1][0]) ** 2 + (pq[0][1] - pq[1][1]) ** 2,
	)
	theta = math.atan2(second[1] - first[1], second[0] - first[0])
	if not linear:
		theta = 0.0  # a matrix code: its corners' upright box
	cos, sin = math.cos(theta), math.sin(theta)
	along = [x * cos + y * sin for x, y in points]
	across = [-x * sin + y * cos for x, y in points]
	centre_along, centre_across = (min(along) + max(along)) / 2, (min(across) + max(across)) / 2
	half_length, half_width = (max(along) - min(along)) / 2, (max(across) - min(across)) / 2
	if linear:
		# A reader reports the scan lines it decoded, often a strip across part of the bars: the bars
		# go on either side of it (codes are at least a quarter as tall as they are long).
		half_width += 0.15 * 2 * half_length
	return _Area(
		centre_along * cos - centre_across * sin,
		centre_along * sin + centre_across * cos,
		cos,
		sin,
		half_length,
		half_width,
	)


def _unturn(x: float, y: float, angle: float, width: float, height: float) -> tuple[float, float]:
	"""A point of `crop.rotate(angle, expand=True)` back in the crop (width x height) before turning."""
	if not angle:
		return x, y
	radians = math.radians(angle)
	cos, sin = math.cos(radians), math.sin(radians)
	turned_width = abs(width * cos) + abs(height * sin)
	turned_height = abs(width * sin) + abs(height * cos)
	dx, dy = x - turned_width / 2, y - turned_height / 2
	# Pillow turns anticlockwise on screen (y down): undo it with the opposite turn.
	return cos * dx - sin * dy + width / 2, sin * dx + cos * dy + height / 2


# --- where are bars that no code read so far explains? -----------------------------------------------


@dataclass
class _Region:
	box: Box  # in the prepared image
	angle: float  # degrees to turn the crop (Image.rotate) so that its bars stand upright
	centres: list[tuple[float, float]]  # of its busy blocks, in the prepared image


def _unread_regions(gray: Image.Image, boxes: list[_Area]) -> list[_Region]:
	factor = min(1.0, MAP_SIDE / max(gray.size))
	small = (
		gray
		if factor == 1.0
		else gray.resize(
			(max(1, round(gray.width * factor)), max(1, round(gray.height * factor))), Image.Resampling.BOX
		)
	)
	small = ImageOps.autocontrast(small, cutoff=1)
	gx = small.filter(_SOBEL_X)
	gy = small.filter(_SOBEL_Y)
	fx, fy = gx.convert("F"), gy.convert("F")
	tensor = {
		"xx": ImageMath.lambda_eval(lambda a: (a["x"] - 128) * (a["x"] - 128), x=fx),
		"yy": ImageMath.lambda_eval(lambda a: (a["y"] - 128) * (a["y"] - 128), y=fy),
		"xy": ImageMath.lambda_eval(lambda a: (a["x"] - 128) * (a["y"] - 128), x=fx, y=fy),
	}
	columns, rows = max(1, small.width // BLOCK), max(1, small.height // BLOCK)
	sums = {
		key: array("f", image.resize((columns, rows), Image.Resampling.BOX).tobytes())
		for key, image in tensor.items()
	}
	energy = [xx + yy for xx, yy in zip(sums["xx"], sums["yy"], strict=True)]
	ranked = sorted(energy)
	# Bars are the busiest blocks of a photo; the floor keeps a blank or faint photo from being all "code".
	top = ranked[int(len(ranked) * 0.97)]
	faint, threshold, strong = max(30.0, 0.06 * top), max(60.0, 0.2 * top), max(200.0, 0.5 * top)
	block = BLOCK / factor  # a block's side in the prepared image
	busy = set()
	for index, value in enumerate(energy):
		if value < faint:
			continue
		xx, yy, xy = sums["xx"][index], sums["yy"][index], sums["xy"][index]
		# Bars have their edges in one direction (coherence near 1); noise and paper texture do not.
		# A QR code has edges both ways, but it is only missing here when it is faint or blurred.
		# Faint bars (in a shadow) count when they are clearly one-directional.
		coherence = math.sqrt((xx - yy) ** 2 + 4 * xy * xy) / value
		if value < strong and coherence < (0.5 if value >= threshold else 0.8):
			continue
		row, column = divmod(index, columns)
		x, y = (column + 0.5) * block, (row + 0.5) * block
		if not any(area.contains(x, y, block / 2) for area in boxes):
			busy.add((row, column))
	regions = []
	while busy and len(regions) < MAX_REGIONS:
		seed = busy.pop()
		component, stack = [seed], [seed]
		while stack:
			row, column = stack.pop()
			for dr in (-1, 0, 1):
				for dc in (-1, 0, 1):
					neighbour = (row + dr, column + dc)
					if neighbour in busy:
						busy.discard(neighbour)
						component.append(neighbour)
						stack.append(neighbour)
		if len(component) < MIN_REGION_BLOCKS:
			continue
		indexes = [row * columns + column for row, column in component]
		sxx = sum(sums["xx"][i] for i in indexes)
		syy = sum(sums["yy"][i] for i in indexes)
		sxy = sum(sums["xy"][i] for i in indexes)
		# The dominant gradient direction is across the bars; turning by it makes the bars upright.
		gradient = -math.degrees(0.5 * math.atan2(2 * sxy, sxx - syy))
		top, bottom = min(r for r, _ in component), max(r for r, _ in component) + 1
		left, right = min(c for _, c in component), max(c for _, c in component) + 1
		if len(component) < 0.2 * (bottom - top) * (right - left) or len(component) < 2.5 * max(
			bottom - top, right - left
		):
			continue  # a line or an outline: the edge of a label or sheet on the desk, not a code
		regions.append(
			_Region(
				(left * block - block, top * block - block, right * block + block, bottom * block + block),
				gradient,
				[((column + 0.5) * block, (row + 0.5) * block) for row, column in component],
			)
		)
	regions.sort(key=lambda region: -(region.box[2] - region.box[0]) * (region.box[3] - region.box[1]))
	return regions


# --- the expensive passes, on one region at a time ------------------------------------------------


def _read_region(gray: Image.Image, region: _Region, found, boxes, deadline: float) -> None:
	left, top, right, bottom = (round(v) for v in region.box)
	left, top = max(0, left), max(0, top)
	right, bottom = min(gray.width, right), min(gray.height, bottom)
	if right - left < 8 or bottom - top < 8:
		return
	crop = gray.crop((left, top, right, bottom))
	angle = region.angle if abs(region.angle) > 2 else 0.0
	turned = (
		crop.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC) if angle else crop
	)
	turned = ImageOps.autocontrast(turned, cutoff=1)
	# A small code has modules of one or two pixels: enlarge it before sharpening or thresholding.
	factor = 2 if max(turned.size) < 900 else 1
	enlarged = turned.resize((turned.width * factor, turned.height * factor), Image.Resampling.LANCZOS)
	place = (left, top, 1, angle, crop.width, crop.height)
	place_enlarged = (left, top, factor, angle, crop.width, crop.height)

	def passes():
		yield lambda: _read_zxing(turned, found, boxes, place)
		yield lambda: _read_pyzbar(turned, found, boxes, place)
		sharp = enlarged.filter(ImageFilter.UnsharpMask(radius=2 * factor, percent=250, threshold=0))
		yield lambda: _read_pyzbar(sharp, found, boxes, place_enlarged)
		yield lambda: _read_zxing(sharp, found, boxes, place_enlarged)
		binary = _binarize(sharp)
		yield lambda: _read_pyzbar(binary, found, boxes, place_enlarged)
		yield lambda: _read_zxing(binary, found, boxes, place_enlarged)
		if angle:
			# The direction was only an estimate: a few degrees either side.
			for nudge in (4, -4):
				again = crop.rotate(
					angle + nudge, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC
				)
				again = ImageOps.autocontrast(again, cutoff=1)
				yield lambda image=again, a=angle + nudge: _read_pyzbar(
					image, found, boxes, (left, top, 1, a, crop.width, crop.height)
				)

	# Once the codes read (new or already known) cover the region's bars, the next passes are not needed.
	for attempt in passes():
		if time.monotonic() > deadline or (attempt() and _explained(region, boxes)):
			return


def _explained(region: _Region, boxes: list[_Area]) -> bool:
	unexplained = sum(not any(area.contains(x, y) for area in boxes) for x, y in region.centres)
	return unexplained < max(MIN_REGION_BLOCKS, 0.3 * len(region.centres))


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
