"""Barcodes and QR codes out of a photo, on the server, with zxing-cpp and pyzbar (libzbar0) and Pillow.

Cheap pass first, expensive passes only for what is still missing:

1. zxing-cpp reads the whole (EXIF-turned, grey) photo once. It is faster than pyzbar and finds codes
   turned by 90°, most tilted ones and QR codes at any angle. When it reads nothing, when bars are left
   unread, or when the photo is a sheet (three linear codes or more, where one more is easily missed,
   e.g. washed out by glare so that the map below sees no bars), pyzbar reads the whole photo too: it
   copes better with faint codes, glare and modules of a pixel, and where the two read different values
   of one linear code, pyzbar's stands (see _overrule).
2. A map of the photo in blocks finds where bars are (strong, mostly one-directional gradients) that
   no code read so far covers. Nothing left: done, at about the cost of one raw decoder pass.
3. Each such region alone is cropped (reaching a little further along its axis, where faint code ends
   are), turned so its bars stand upright (the direction comes from the same gradients) and read by
   zxing-cpp, then pyzbar, then by both on ever dearer versions of the crop, until the codes read
   cover the region's bars: bars averaged along their length (noise), then deconvolved across them
   and read as they sharpen (blur, Van Cittert); a QR code deconvolved both ways; the crop divided by
   its paper's brightness (shadow, uneven light); last, sharpened, binarised and turned a little more.

Every code found is kept once, and a different value read where a code was already read is dropped
(a misread that passed the checksum). No new pass starts after TIME_BUDGET_SECONDS. Decoded values
are never logged here: the shell refuses a 12-digit 個人番号 after decoding.

`decode_image(image, thorough=True)` is the reference the fast path is measured against
(scripts/bench_decode.py, tests/test_decode.py): both readers on the whole photo, then every pass on
every region with bars, read or not, with no budget — seconds to tens of seconds on a large sheet.
"""

import math
import time
from array import array
from dataclasses import dataclass, replace
from functools import partial
from io import BytesIO

import zxingcpp
from PIL import Image, ImageFilter, ImageMath, ImageOps
from pyzbar import pyzbar
from pyzbar.pyzbar import ZBarSymbol

MAX_SIDE = 4000
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# No new pass is started after this long: a large photo of busy texture would otherwise keep a worker
# busy for seconds.
TIME_BUDGET_SECONDS = 5.0

BLOCK = 16  # pixels per side of a block of the map, at the map's scale
MAP_SIDE = 1000  # the map is made from the photo scaled to at most this side
MIN_REGION_BLOCKS = 3  # fewer energetic blocks than this are text or texture, not a code
MAX_REGIONS = 40
# A thin region is a code, not a line, when it spreads this much more (variance) along its gradient.
ALONG_GRADIENT = 2.0
SHEET_CODES = 3  # linear codes read that make the photo a sheet (a card label carries two)
REACH = 0.1  # a region's crop reaches this fraction of its length beyond its busy blocks, along its axis
# Rows of an upright crop averaged into one (less noise, same bars); the last one is deblurred.
SQUASH = (16, 6)
PAPER_STEP = 8  # pixels: the paper's brightness is taken around each point, 5 steps wide
BARS_COHERENCE = 0.7  # a region above it is bars (QR codes and text are near 0.1-0.6)
DEBLUR_SIGMA = 2.0  # pixels: the blur of a photo slightly out of focus, at the crop's scale
DEBLUR_ROUNDS = (4, 7, 11, 16, 24)  # read after so many rounds of deconvolution
DEBLUR_ROUNDS_2D = (4, 7)  # the same for a QR code, enlarged: every round costs more there
# A short linear read from a sharpened or thresholded crop is a fragment of bars that happened to
# check (zbar read "44" and "89" in blurred 23-digit codes): such images need a longer value.
MIN_PROCESSED_LINEAR_LENGTH = 6

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
# zbar reads the same symbologies but for Interleaved 2 of 5 and DataBar, which zxing-cpp alone reads:
# zbar took pieces of tilted Code 128 bars for short I25 values ("944724"), and I25 has no check digit.
_ZBAR_SYMBOLS = [
	ZBarSymbol.CODE128,
	ZBarSymbol.QRCODE,
	ZBarSymbol.PDF417,
	ZBarSymbol.CODE39,
	ZBarSymbol.CODE93,
	ZBarSymbol.CODABAR,
	ZBarSymbol.EAN13,
	ZBarSymbol.EAN8,
	ZBarSymbol.UPCA,
	ZBarSymbol.UPCE,
]
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


def decode_image(image: Image.Image, thorough: bool = False) -> list[DecodedCode]:
	"""Every code in the photo; `thorough`: the slow reference (see the module's docstring)."""
	gray = _prepare(image)
	found: dict[tuple[str, str], DecodedCode] = {}
	boxes: list[_Area] = []
	if thorough:
		_read_zxing(gray, found, boxes)
		_read_pyzbar(gray, found, boxes)
		for region in _unread_regions(_bar_map(gray), []):
			_read_region(gray, region, found, boxes, deadline=math.inf, every_pass=True)
	else:
		_read_fast(gray, found, boxes)
	return sorted(found.values(), key=lambda c: (c.symbology, c.value))


def _read_fast(gray: Image.Image, found, boxes) -> None:
	deadline = time.monotonic() + TIME_BUDGET_SECONDS
	_read_zxing(gray, found, boxes)
	bar_map = _bar_map(gray)
	regions = _unread_regions(bar_map, boxes)
	if not found or regions or _a_sheet(boxes):
		# pyzbar reads some codes zxing-cpp gives up on (faint, uneven light, glare, modules of a pixel),
		# and where zxing-cpp missed one code of a sheet it may have missed another that shows no bars
		# to the map (washed out by glare): one full pass costs less than a region's dear passes.
		_read_pyzbar(gray, found, boxes)
		regions = _unread_regions(bar_map, boxes)
	for region in regions:
		if time.monotonic() > deadline:
			break
		if _explained(region, boxes):
			continue  # a code read in an earlier region explains this one too
		_read_region(gray, region, found, boxes, deadline)


def _a_sheet(boxes: list["_Area"]) -> bool:
	"""Several linear codes: a delivery sheet or a box of labels, where one code missed is likely."""
	return sum(area.code is not None and area.code[1] not in _MATRIX_ZBAR for area in boxes) >= SHEET_CODES


def _prepare(image: Image.Image) -> Image.Image:
	image = ImageOps.exif_transpose(image)
	gray = image.convert("L")
	if max(gray.size) > MAX_SIDE:
		gray.thumbnail((MAX_SIDE, MAX_SIDE))
	return gray


# --- the two readers: every code goes into `found`, its area (in the prepared image) into `boxes`


def _keep(found, boxes, value: str, symbology: str, area: "_Area", in_crop: bool, overrule=False) -> None:
	if not value:
		return
	code = (value, symbology)
	# One place, one code: a different value where a code was already read (in a cleaner image) is
	# a misread that happened to pass the checksum (Code 128's misses two errors that cancel). On the
	# whole photo, zbar's read of under half a code already read is a piece of its bars ("25979980" of
	# a 23-digit code at 1,600 px); a read of the same length may overrule (see _overrule).
	if any(
		b.code
		and b.code != code
		and b.code[1] == symbology
		and b.contains(area.x, area.y)
		and (in_crop or area.half_length < 0.5 * b.half_length)
		for b in boxes
	):
		return
	if overrule:
		_overrule(found, boxes, code, area)
	found.setdefault(code, DecodedCode(value, symbology))
	boxes.append(replace(area, code=code))


def _overrule(found, boxes, code: tuple[str, str], area: "_Area") -> None:
	"""zbar's read of a whole photo replaces zxing-cpp's different value for the same linear code: on a
	bent or folded sheet zxing-cpp reads the odd digit wrong with a checksum that still fits, where zbar,
	stricter about the bars, reads it right or not at all."""
	for index, box in enumerate(boxes):
		same_place = box.contains(area.x, area.y) and area.contains(box.x, box.y)
		if box.code and box.code != code and box.code[1] == code[1] and same_place:
			wrong = box.code
			boxes[index] = replace(box, code=code)
			if not any(b.code == wrong for b in boxes):
				found.pop(wrong, None)


def _read_zxing(image: Image.Image, found, boxes, place=None, processed=False) -> int:
	results = zxingcpp.read_barcodes(image, formats=_ZXING_FORMATS, try_invert=False)
	if processed:
		results = [r for r in results if _plausible(r.text, r.format.name in _MATRIX)]
	for result in results:
		name = result.format.name
		position = result.position
		corners = [position.top_left, position.top_right, position.bottom_right, position.bottom_left]
		area = _box([(p.x, p.y) for p in corners], place, linear=name not in _MATRIX)
		_keep(found, boxes, result.text, _ZXING_NAMES.get(name, name.upper()), area, place is not None)
	return len(results)


def _read_pyzbar(image: Image.Image, found, boxes, place=None, processed=False) -> int:
	whole = place is None  # a read of the whole photo: it overrules zxing-cpp's (see _overrule)
	symbols = pyzbar.decode(image, symbols=_ZBAR_SYMBOLS)
	if processed:
		symbols = [s for s in symbols if _plausible(s.data, s.type in _MATRIX_ZBAR)]
	for symbol in symbols:
		points = [(p.x, p.y) for p in symbol.polygon] or [
			(symbol.rect.left, symbol.rect.top),
			(symbol.rect.left + symbol.rect.width, symbol.rect.top + symbol.rect.height),
		]
		linear = symbol.type not in _MATRIX_ZBAR
		# zbar marks a linear code where its scan lines ended: one end, or both if lines ran both ways.
		area = replace(_box(points, place, linear=linear), open_ends=linear)
		value = symbol.data.decode("utf-8", errors="replace")
		_keep(found, boxes, value, symbol.type, area, not whole, overrule=whole and linear)
	return len(symbols)


def _plausible(value: str | bytes, matrix: bool) -> bool:
	return matrix or len(value) >= MIN_PROCESSED_LINEAR_LENGTH


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
	code: tuple[str, str] | None = None  # (value, symbology) read there
	open_ends: bool = False  # the code may reach beyond the area along its axis (zbar's linear reads)

	def contains(self, x: float, y: float, margin: float = 0.0) -> bool:
		dx, dy = x - self.x, y - self.y
		along, across = dx * self.cos + dy * self.sin, -dx * self.sin + dy * self.cos
		return abs(along) <= self.half_length + margin and abs(across) <= self.half_width + margin


def _box(points: list[tuple[float, float]], place, linear: bool) -> "_Area":
	"""The area of a code's corner points found in a crop, mapped back to the prepared image.

	`place` is how the crop was made: (left, top of the crop, (x scale, y scale), angle, crop width, crop
	height)."""
	if place is not None:
		left, top, (x_factor, y_factor), angle, width, height = place
		points = [_unturn(x / x_factor, y / y_factor, angle, width, height) for x, y in points]
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
	area = _around(points, theta)
	if linear:
		# A reader reports the scan lines it decoded, often a strip across part of the bars: the bars
		# go on either side of it (codes are at least a quarter as tall as they are long).
		return replace(area, half_width=area.half_width + 0.15 * 2 * area.half_length)
	return area


def _around(points: list[tuple[float, float]], theta: float, code=None) -> "_Area":
	"""The smallest rectangle along the axis at angle theta (radians) that holds the points."""
	cos, sin = math.cos(theta), math.sin(theta)
	along = [x * cos + y * sin for x, y in points]
	across = [-x * sin + y * cos for x, y in points]
	centre_along, centre_across = (min(along) + max(along)) / 2, (min(across) + max(across)) / 2
	half_length, half_width = (max(along) - min(along)) / 2, (max(across) - min(across)) / 2
	return _Area(
		centre_along * cos - centre_across * sin,
		centre_along * sin + centre_across * cos,
		cos,
		sin,
		half_length,
		half_width,
		code,
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
	coherence: float  # near 1: edges all one way (bars); near 0: every way (a matrix code, text)


@dataclass(frozen=True)
class _BarMap:
	"""The photo's blocks whose gradients look like bars, made once a photo: the codes read change
	between one look and the next, the gradients do not."""

	block: float  # a block's side in the prepared image
	columns: int
	sums: dict[str, array]  # per block: the sums of the gradient products xx, yy and xy
	bars: frozenset[tuple[int, int]]  # (row, column) of the blocks that look like bars


def _bar_map(gray: Image.Image) -> _BarMap:
	factor = min(1.0, MAP_SIDE / max(gray.size))
	small = (
		gray
		if factor == 1.0
		else gray.resize(
			(max(1, round(gray.width * factor)), max(1, round(gray.height * factor))), Image.Resampling.BOX
		)
	)
	small = ImageOps.autocontrast(small, cutoff=1)
	# The Sobel images are offset by 128 to fit in 8 bits: back to gradients around 0.
	gx = small.filter(_SOBEL_X).convert("F").point(lambda v: v - 128)
	gy = small.filter(_SOBEL_Y).convert("F").point(lambda v: v - 128)
	tensor = {
		"xx": ImageMath.lambda_eval(lambda a: a["x"] * a["x"], x=gx),
		"yy": ImageMath.lambda_eval(lambda a: a["y"] * a["y"], y=gy),
		"xy": ImageMath.lambda_eval(lambda a: a["x"] * a["y"], x=gx, y=gy),
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
	bars = []
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
		bars.append(divmod(index, columns))
	return _BarMap(BLOCK / factor, columns, sums, frozenset(bars))


def _unread_regions(bar_map: _BarMap, boxes: list[_Area]) -> list[_Region]:
	block, columns, sums = bar_map.block, bar_map.columns, bar_map.sums
	covered = _covered(bar_map, boxes)
	busy = {cell for cell in bar_map.bars if cell not in covered}
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
		theta = 0.5 * math.atan2(2 * sxy, sxx - syy)
		gradient = -math.degrees(theta)
		coherence = math.sqrt((sxx - syy) ** 2 + 4 * sxy * sxy) / max(1.0, sxx + syy)
		top, bottom = min(r for r, _ in component), max(r for r, _ in component) + 1
		left, right = min(c for _, c in component), max(c for _, c in component) + 1
		if len(component) < 0.2 * (bottom - top) * (right - left):
			continue  # an outline: the edge of a label or sheet on the desk, not a code
		if len(component) < 2.5 * max(bottom - top, right - left) and not (
			coherence >= BARS_COHERENCE and _along_gradient(component, theta)
		):
			continue  # a line, not a code a block or two tall (a label among forty on a sheet)
		# The ends of a code in shadow or blur are fainter than its middle: reach further along its axis.
		reach = (1 + REACH * max(bottom - top, right - left)) * block
		reach_x, reach_y = (
			reach * abs(math.cos(math.radians(gradient))),
			reach * abs(math.sin(math.radians(gradient))),
		)
		regions.append(
			_Region(
				(
					left * block - max(block, reach_x),
					top * block - max(block, reach_y),
					right * block + max(block, reach_x),
					bottom * block + max(block, reach_y),
				),
				gradient,
				[((column + 0.5) * block, (row + 0.5) * block) for row, column in component],
				coherence,
			)
		)
	regions.sort(key=lambda region: -(region.box[2] - region.box[0]) * (region.box[3] - region.box[1]))
	return regions


def _along_gradient(component: list[tuple[int, int]], theta: float) -> bool:
	"""The blocks lie one after the other in the direction of their gradient (theta, radians): a code's
	bars, however thin the code is at the map's scale (a label among forty on a sheet is a block tall).
	A line, the edge of a label or a sheet on the desk, lies across its gradient instead."""
	count = len(component)
	mean_row = sum(row for row, _ in component) / count
	mean_column = sum(column for _, column in component) / count
	cos, sin = math.cos(theta), math.sin(theta)
	along = across = 0.0
	for row, column in component:
		x, y = column - mean_column, row - mean_row
		along += (x * cos + y * sin) ** 2
		across += (-x * sin + y * cos) ** 2
	return along > ALONG_GRADIENT * across


def _covered(bar_map: _BarMap, boxes: list[_Area]) -> set[tuple[int, int]]:
	"""The blocks with bars whose centre a code read covers (to half a block). Each area looks only at
	the blocks around it: a sheet has hundreds of blocks with bars and a box per code and pass."""
	block, bars, covered = bar_map.block, bar_map.bars, set()
	for area in boxes:
		reach = math.hypot(area.half_length, area.half_width) + block
		columns = range(math.floor((area.x - reach) / block), math.ceil((area.x + reach) / block) + 1)
		for row in range(math.floor((area.y - reach) / block), math.ceil((area.y + reach) / block) + 1):
			for column in columns:
				cell = (row, column)
				x, y = (column + 0.5) * block, (row + 0.5) * block
				if cell in bars and cell not in covered and area.contains(x, y, block / 2):
					covered.add(cell)
	return covered


# --- the expensive passes, on one region at a time ------------------------------------------------


def _read_region(gray: Image.Image, region: _Region, found, boxes, deadline: float, every_pass=False) -> None:
	# Once the codes read (new or already known) cover the region's bars, the next passes are not needed.
	for _name, attempt in _region_passes(gray, region, found, boxes):
		known = len(boxes)
		read = attempt()
		boxes[known:] = [_along_region(area, region) for area in boxes[known:]]
		if every_pass:
			continue
		if time.monotonic() > deadline or (read and _explained(region, boxes)):
			return


def _along_region(area: _Area, region: _Region) -> _Area:
	"""zbar gives one point, or two close ones, for a code read on few scan lines: such a short read
	stands for the whole region, along the region's own axis (perpendicular to its bars). zxing-cpp's
	corners and a matrix code's are the code's own: stretched over a sheet, they would hide the
	sheet's other codes from the passes still to come."""
	if not area.open_ends:
		return area
	whole = _around(region.centres, -math.radians(region.angle), area.code)
	short = area.half_length < 0.5 * whole.half_length
	return whole if short and whole.contains(area.x, area.y, 0.2 * whole.half_length) else area


def _region_passes(gray: Image.Image, region: _Region, found, boxes):
	"""(name, read) pairs for one region, cheapest first; each image is made only when its turn comes."""
	left, top, right, bottom = (round(v) for v in region.box)
	left, top = max(0, left), max(0, top)
	right, bottom = min(gray.width, right), min(gray.height, bottom)
	if right - left < 8 or bottom - top < 8:
		return
	# Paper white and ink black before turning, so that the corners the turn fills in are paper too (a
	# fill brighter than the paper would keep the paper grey, and deblurring needs it at white).
	crop = ImageOps.autocontrast(gray.crop((left, top, right, bottom)), cutoff=1)
	angle = region.angle if abs(region.angle) > 2 else 0.0
	turned = _turn(crop, angle)

	def place(x_factor=1.0, y_factor=1.0, turn=angle):
		return (left, top, (x_factor, y_factor), turn, crop.width, crop.height)

	yield "zxing", lambda: _read_zxing(turned, found, boxes, place())
	yield "pyzbar", lambda: _read_pyzbar(turned, found, boxes, place())
	bars = region.coherence >= BARS_COHERENCE
	if bars:
		yield from _bars_passes(turned, place, found, boxes)
	# Shadow or uneven light across the region: the same again with the paper made evenly white.
	flat = _turn(ImageOps.autocontrast(_flatten(crop), cutoff=1), angle)
	yield "flattened", lambda: _read_zxing(flat, found, boxes, place(), True)
	yield "flattened", lambda: _read_pyzbar(flat, found, boxes, place(), True)
	if bars:
		yield from _bars_passes(flat, place, found, boxes, deblur=False)
	# A small code has modules of one or two pixels: enlarge it before sharpening or thresholding.
	factor = 2 if max(turned.size) < 900 else 1
	enlarged = turned.resize((turned.width * factor, turned.height * factor), Image.Resampling.LANCZOS)
	if not bars:
		# A blurred matrix code has no direction to average along: deconvolve it both ways.
		for deblurred in _deblurred(enlarged, DEBLUR_SIGMA * factor, DEBLUR_ROUNDS_2D):
			read = partial(_read_zxing, deblurred, found, boxes, place(factor, factor), True)
			yield "deblurred 2D", read
	sharp = enlarged.filter(ImageFilter.UnsharpMask(radius=2 * factor, percent=250, threshold=0))
	yield "sharp", lambda: _read_pyzbar(sharp, found, boxes, place(factor, factor), True)
	yield "sharp", lambda: _read_zxing(sharp, found, boxes, place(factor, factor), True)
	binary = _binarize(sharp)
	yield "binary", lambda: _read_pyzbar(binary, found, boxes, place(factor, factor), True)
	yield "binary", lambda: _read_zxing(binary, found, boxes, place(factor, factor), True)
	if angle:
		# The direction was only an estimate: a few degrees either side.
		for nudge in (4, -4):
			again = _turn(crop, angle + nudge)
			nudged_place = place(turn=angle + nudge)
			yield "nudged", lambda i=again, p=nudged_place: _read_pyzbar(i, found, boxes, p, True)


def _explained(region: _Region, boxes: list[_Area]) -> bool:
	unexplained = sum(not any(area.contains(x, y) for area in boxes) for x, y in region.centres)
	return unexplained < max(MIN_REGION_BLOCKS, 0.3 * len(region.centres))


def _flatten(image: Image.Image) -> Image.Image:
	"""The image divided by its paper's brightness around each point (the brightest level near it,
	smoothed), so that shadow and uneven light leave the bars as dark against white as anywhere else."""
	small = image.resize(
		(max(1, image.width // PAPER_STEP), max(1, image.height // PAPER_STEP)), Image.Resampling.BOX
	)
	paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))
	paper = paper.resize(image.size, Image.Resampling.BILINEAR)
	return ImageMath.lambda_eval(lambda a: a["x"] * 255 / (a["p"] + 1), x=image, p=paper).convert("L")


def _turn(image: Image.Image, angle: float) -> Image.Image:
	if not angle:
		return image
	return image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)


def _bars_passes(turned: Image.Image, place, found, boxes, deblur=True):
	"""Noisy bars: average along them. Blurred bars: then deconvolve across them, reading as it sharpens."""
	for squash in SQUASH:
		squashed = turned.resize((turned.width, max(8, turned.height // squash)), Image.Resampling.BOX)
		squashed_place = place(1, squashed.height / turned.height)
		yield "squashed", lambda i=squashed, p=squashed_place: _read_pyzbar(i, found, boxes, p, True)
		yield "squashed", lambda i=squashed, p=squashed_place: _read_zxing(i, found, boxes, p, True)
	if not deblur:
		return
	for deblurred in _deblurred(squashed, (DEBLUR_SIGMA, 0), DEBLUR_ROUNDS):
		yield "deblurred", lambda i=deblurred, p=squashed_place: _read_pyzbar(i, found, boxes, p, True)
		yield "deblurred", lambda i=deblurred, p=squashed_place: _read_zxing(i, found, boxes, p, True)


def _deblurred(image: Image.Image, sigma, checkpoints: tuple[int, ...]):
	"""Van Cittert deconvolution of a Gaussian blur: each round adds back what blurring the estimate
	again takes away. Clipping to 0..255 keeps it stable and pushes faint narrow bars to black. Yields
	the estimate after each checkpoint's number of rounds: too few leave it blurred, too many ring."""
	estimate, done = image, 0
	for rounds in checkpoints:
		for _ in range(rounds - done):
			blurred = estimate.filter(ImageFilter.GaussianBlur(sigma))
			estimate = ImageMath.lambda_eval(
				lambda a: a["u"] + a["d"] - a["g"], u=estimate, d=image, g=blurred
			).convert("L")
		done = rounds
		yield estimate


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
