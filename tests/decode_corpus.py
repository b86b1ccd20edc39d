"""A generated corpus of label and delivery-sheet photos for the photo decoder (never downloaded).

Each case is made here from the values it carries: Code128 with python-barcode, QR with segno, then
turned into what a phone makes of it with Pillow alone: rotation, perspective tilt, blur, low contrast,
uneven light and shadow, sensor noise and JPEG compression. Everything is seeded, so a case is the same
image on every run. Used by tests/test_decode.py and scripts/bench_decode.py.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

import segno
from barcode.codex import Code128
from barcode.writer import ImageWriter
from PIL import Image, ImageChops, ImageDraw, ImageFilter

START_C, TO_C = 105, 99  # Code 128 code numbers


@dataclass(frozen=True)
class Case:
	name: str
	make: Callable[[], bytes]  # the photo as the phone uploads it (JPEG bytes)
	expected: frozenset[tuple[str, str]]  # (value, pyzbar symbology name)


def application_id(generator: random.Random) -> str:
	return str(generator.randrange(10**22, 10**23))  # a 23-digit 申請書ID


class _Code128(Code128):
	"""python-barcode 0.16.1 drops a leading "99" (its issue #251, fixed upstream by PR #263): the pair's
	code number 99 is also the switch to charset C, and its start-code folding took it for one. A
	申請書ID starting with 99 came out as bars of the 21 digits after it, so no reader could find it."""

	def _try_to_optimize(self, encoded: list[int]) -> list[int]:
		if encoded[:2] == [START_C, TO_C]:
			return encoded  # a data pair "99" after start C, not a switch
		return super()._try_to_optimize(encoded)


def code128(value: str, module_width: float = 0.2, module_height: float = 12.0) -> Image.Image:
	"""python-barcode at 300 dpi: 0.2 mm modules are about 2.4 pixels each."""
	return (
		_Code128(value, writer=ImageWriter())
		.render({"write_text": False, "module_width": module_width, "module_height": module_height})
		.convert("L")
	)


def qr(value: str, scale: int = 4, error: str = "m") -> Image.Image:
	buffer = BytesIO()
	segno.make_qr(value, error=error).save(buffer, kind="png", scale=scale, border=4)
	return Image.open(BytesIO(buffer.getvalue())).convert("L")


# --- what a camera does to paper -------------------------------------------------------------------


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
	"""Gaussian elimination with partial pivoting (8 unknowns: no numpy needed)."""
	size = len(vector)
	rows = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
	for column in range(size):
		pivot = max(range(column, size), key=lambda r: abs(rows[r][column]))
		rows[column], rows[pivot] = rows[pivot], rows[column]
		for row in range(size):
			if row != column:
				factor = rows[row][column] / rows[column][column]
				rows[row] = [a - factor * b for a, b in zip(rows[row], rows[column], strict=True)]
	return [rows[i][size] / rows[i][i] for i in range(size)]


def perspective(image: Image.Image, corners: list[tuple[float, float]]) -> Image.Image:
	"""The flat image seen at an angle: its corners (tl, tr, br, bl) land on `corners` (fractions)."""
	width, height = image.size
	source = [(0, 0), (width, 0), (width, height), (0, height)]
	target = [(x * width, y * height) for x, y in corners]
	# Pillow maps each output pixel back into the input: coefficients from target to source.
	matrix, vector = [], []
	for (x, y), (u, v) in zip(target, source, strict=True):
		matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
		vector.append(u)
		matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
		vector.append(v)
	coefficients = _solve(matrix, vector)
	return image.transform(
		image.size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=235
	)


def rotate(image: Image.Image, angle: float) -> Image.Image:
	return image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)


def scale(image: Image.Image, factor: float) -> Image.Image:
	size = (round(image.width * factor), round(image.height * factor))
	return image.resize(size, Image.Resampling.BICUBIC)


def contrast(image: Image.Image, dark: int, light: int) -> Image.Image:
	"""Ink at `dark`, paper at `light`: a faded print or a dim room."""
	return image.point(lambda p: dark + p * (light - dark) // 255)


def uneven_light(image: Image.Image, darkest: float = 0.4, angle: float = 30) -> Image.Image:
	"""A lamp on one side: brightness falls from full to `darkest` across the picture."""
	ramp = Image.linear_gradient("L").rotate(angle, resample=Image.Resampling.BILINEAR, expand=False)
	ramp = ramp.crop((40, 40, 216, 216)).resize(image.size, Image.Resampling.BILINEAR)
	floor = round(darkest * 255)
	light = ramp.point(lambda p: floor + p * (255 - floor) // 255)
	return ImageChops.multiply(image, light)


def shadow(image: Image.Image, box: tuple[float, float, float, float], depth: int = 90) -> Image.Image:
	"""A soft shadow (a hand, a phone) over part of the picture."""
	mask = Image.new("L", image.size, 0)
	width, height = image.size
	ImageDraw.Draw(mask).ellipse(
		(box[0] * width, box[1] * height, box[2] * width, box[3] * height), fill=depth
	)
	mask = mask.filter(ImageFilter.GaussianBlur(max(image.size) / 15))
	return ImageChops.subtract(image, mask)


def noise(image: Image.Image, amplitude: int, seed: int) -> Image.Image:
	"""Sensor noise: each pixel moves by up to ±amplitude/2 grey levels (seeded, no numpy)."""
	generator = random.Random(seed)
	grain = Image.frombytes("L", image.size, generator.randbytes(image.width * image.height))
	grain = grain.point(lambda p: p * amplitude // 255)
	return ImageChops.subtract(ImageChops.add(image, grain), Image.new("L", image.size, amplitude // 2))


def blur(image: Image.Image, radius: float) -> Image.Image:
	return image.filter(ImageFilter.GaussianBlur(radius))


def motion_blur(image: Image.Image, length: int = 5) -> Image.Image:
	"""A shaking hand: a horizontal box blur of `length` pixels (odd, at most 5)."""
	kernel = [0.0] * 25
	for column in range(length):
		kernel[2 * 5 + (5 - length) // 2 + column] = 1.0
	return image.filter(ImageFilter.Kernel((5, 5), kernel, scale=length))


def jpeg(image: Image.Image, quality: int) -> bytes:
	buffer = BytesIO()
	image.convert("RGB").save(buffer, "JPEG", quality=quality)
	return buffer.getvalue()


def on_table(image: Image.Image, margin: int = 60, table: int = 120) -> Image.Image:
	"""The label or sheet lying on a darker desk, with room around it."""
	desk = Image.new("L", (image.width + 2 * margin, image.height + 2 * margin), table)
	desk.paste(image, (margin, margin))
	return desk


def tilted(image: Image.Image, angle: float, corners: list[tuple[float, float]]) -> Image.Image:
	"""The image on the table, turned by `angle` and seen at an angle (see perspective)."""
	return perspective(on_table(rotate(image, angle)), corners)


# --- the cases ---------------------------------------------------------------------------------------


def label(value: str, notice: str, qr_value: str | None = None) -> Image.Image:
	"""A J-LIS card label: a Code128 申請書ID and a Code128 交付通知書番号, optionally a QR."""
	codes = [code128(value), code128(notice)]
	if qr_value:
		codes.append(qr(qr_value, scale=3))
	width = max(c.width for c in codes) + 60
	height = sum(c.height for c in codes) + 40 * len(codes) + 20
	card = Image.new("L", (width, height), 255)
	top = 30
	for code in codes:
		card.paste(code, (30, top))
		top += code.height + 40
	return card


def delivery_sheet(values: list[str], qr_values: list[str]) -> Image.Image:
	"""A J-LIS delivery sheet: rows of Code128 申請書IDs, two columns, with QR codes at the foot."""
	codes = [code128(v, module_height=8) for v in values]
	cell_width = max(c.width for c in codes) + 40
	cell_height = max(c.height for c in codes) + 50
	rows = (len(codes) + 1) // 2
	qr_images = [qr(v, scale=4) for v in qr_values]
	qr_height = max((q.height for q in qr_images), default=0)
	sheet = Image.new("L", (2 * cell_width + 40, rows * cell_height + qr_height + 100), 255)
	draw = ImageDraw.Draw(sheet)
	for index, code in enumerate(codes):
		row, column = divmod(index, 2)
		x, y = 20 + column * cell_width, 40 + row * cell_height
		sheet.paste(code, (x, y))
		draw.line((x, y + code.height + 20, x + cell_width - 40, y + code.height + 20), fill=150)
	for index, image in enumerate(qr_images):
		sheet.paste(image, (20 + index * (image.width + 40), 60 + rows * cell_height))
	return sheet


def _cases() -> list[Case]:
	generator = random.Random(14)
	cases: list[Case] = []

	def add(name: str, codes: list[tuple[str, str]], make: Callable[[], bytes]):
		cases.append(Case(name, make, frozenset(codes)))

	def add_label(name: str, qr_value: str | None, photograph: Callable[[Image.Image], bytes]):
		"""A case of a new card label (with a booking QR if given), as `photograph` makes a phone's photo of it."""
		value, notice = application_id(generator), f"{generator.randrange(10**15, 10**16)}"
		codes = [(value, "CODE128"), (notice, "CODE128")]
		if qr_value:
			codes.append((qr_value, "QRCODE"))
		add(name, codes, lambda: photograph(label(value, notice, qr_value)))

	booking = "https://town.example/booking?code=BK-2026-{:05d}"

	for angle in (7, 23, 38, 90, 135, 200):
		add_label(
			f"label rotated {angle}°",
			booking.format(angle),
			lambda card, a=angle: jpeg(on_table(rotate(card, a)), 85),
		)

	for number, corners in enumerate(
		[
			[(0.08, 0.0), (0.92, 0.06), (1.0, 0.95), (0.0, 1.0)],
			[(0.0, 0.12), (1.0, 0.0), (0.9, 1.0), (0.05, 0.85)],
			[(0.15, 0.05), (0.85, 0.05), (1.0, 1.0), (0.0, 1.0)],  # phone held low: a trapezium
		]
	):
		add_label(
			f"label tilted {number + 1}",
			booking.format(100 + number),
			lambda card, c=corners: jpeg(perspective(on_table(card), c), 85),
		)

	for radius in (1.2, 1.5):
		add_label(
			f"label blurred r={radius}",
			booking.format(200 + int(radius * 10)),
			lambda card, r=radius: jpeg(blur(on_table(card), r), 85),
		)

	add_label("label motion blur", None, lambda card: jpeg(motion_blur(rotate(card, 4), 3), 85))

	for dark, light in ((95, 150), (40, 95), (150, 205)):
		add_label(
			f"label low contrast {dark}-{light}",
			booking.format(300 + dark),
			lambda card, d=dark, li=light: jpeg(contrast(rotate(card, 11), d, li), 80),
		)

	add_label(
		"label uneven light and shadow",
		booking.format(401),
		lambda card: jpeg(shadow(uneven_light(on_table(card), 0.3), (0.35, 0.2, 1.1, 1.2), 110), 80),
	)

	add_label(
		"label noise and JPEG q25",
		booking.format(402),
		lambda card: jpeg(noise(rotate(card, -9), 70, 402), 25),
	)

	add_label(
		"label small and far",
		booking.format(403),
		lambda card: jpeg(blur(scale(on_table(rotate(card, 17)), 0.62), 0.7), 75),
	)

	add_label(
		"label everything at once",
		booking.format(404),
		lambda card: jpeg(
			noise(
				uneven_light(
					blur(tilted(card, -26, [(0.05, 0.0), (1.0, 0.08), (0.95, 1.0), (0.0, 0.93)]), 1.0),
					0.45,
				),
				40,
				404,
			),
			45,
		),
	)

	def new_sheet(first_booking: int) -> tuple[list[str], list[str]]:
		"""A delivery sheet's values: twelve 申請書IDs, and two booking QR codes from `first_booking` on."""
		values = [application_id(generator) for _ in range(12)]
		return values, [booking.format(first_booking + i) for i in range(2)]

	def add_sheet(name: str, sheet: tuple[list[str], list[str]], photograph: Callable[[Image.Image], bytes]):
		"""A case of a delivery sheet with these values, as `photograph` makes a phone's photo of it."""
		values, qr_values = sheet
		codes = [(v, "CODE128") for v in values] + [(v, "QRCODE") for v in qr_values]
		add(name, codes, lambda: photograph(delivery_sheet(values, qr_values)))

	sheets = [new_sheet(500 + sheet_number * 2) for sheet_number in range(4)]
	add_sheet("sheet straight, JPEG q70", sheets[0], lambda sheet: jpeg(on_table(sheet), 70))
	add_sheet(
		"sheet rotated 4° and tilted, uneven light",
		sheets[1],
		lambda sheet: jpeg(
			uneven_light(tilted(sheet, 4, [(0.04, 0.02), (0.97, 0.0), (1.0, 1.0), (0.0, 0.97)]), 0.45, 120),
			75,
		),
	)
	add_sheet(
		"sheet turned 90°, blurred, noisy",
		sheets[2],
		lambda sheet: jpeg(noise(blur(on_table(rotate(sheet, 92)), 1.1), 36, 502), 60),
	)
	add_sheet(
		"sheet low contrast with shadow, rotated 12°",
		sheets[3],
		lambda sheet: jpeg(
			shadow(contrast(on_table(rotate(sheet, -12)), 70, 200), (-0.2, 0.4, 0.6, 1.3), 60),
			70,
		),
	)

	# Harder than the above, added when the decoder learnt to deblur: out of focus beyond r=1.5, blur with
	# perspective and dim light, a whole sheet out of focus, a faint noisy sheet half in a deep shadow.
	add_label(
		"label out of focus r=1.8, rotated 14°",
		booking.format(601),
		lambda card: jpeg(blur(on_table(rotate(card, 14)), 1.8), 85),
	)
	add_label(
		"label blurred r=1.6, tilted, dim",
		booking.format(603),
		lambda card: jpeg(
			contrast(
				blur(perspective(on_table(card), [(0.1, 0.0), (0.95, 0.08), (1.0, 1.0), (0.0, 0.9)]), 1.6),
				60,
				170,
			),
			70,
		),
	)
	add_sheet(
		"sheet out of focus r=1.5, tilted",
		new_sheet(610),
		lambda sheet: jpeg(
			blur(tilted(sheet, 3, [(0.03, 0.0), (1.0, 0.04), (0.96, 1.0), (0.0, 0.96)]), 1.5),
			75,
		),
	)
	add_sheet(
		"sheet in deep shadow, faint, rotated -7°",
		new_sheet(612),
		lambda sheet: jpeg(
			noise(
				shadow(
					uneven_light(contrast(on_table(rotate(sheet, -7)), 80, 190), 0.35, 200),
					(0.3, -0.2, 1.2, 0.7),
					80,
				),
				24,
				613,
			),
			65,
		),
	)
	return cases


CASES = _cases()


# --- fresh seeds: the same kinds of photo, made from a seed the decoder was never tuned on ------------


def glare(image: Image.Image, box: tuple[float, float, float, float], strength: int = 150) -> Image.Image:
	"""A lamp's reflection on glossy paper: a soft bright patch that washes the bars out."""
	mask = Image.new("L", image.size, 0)
	width, height = image.size
	ImageDraw.Draw(mask).ellipse(
		(box[0] * width, box[1] * height, box[2] * width, box[3] * height), fill=strength
	)
	return ImageChops.add(image, mask.filter(ImageFilter.GaussianBlur(max(image.size) / 25)))


def folded(image: Image.Image, at: float = 0.55) -> Image.Image:
	"""A sheet folded across once and not flattened: the part past the fold leans away from the camera
	(shorter and darker), with a crease line where the paper bends."""
	width, height = image.size
	fold = round(height * at)
	near, far = image.crop((0, 0, width, fold)), image.crop((0, fold, width, height))
	far = perspective(far, [(0.0, 0.0), (1.0, 0.0), (0.96, 0.86), (0.04, 0.86)])
	far = contrast(far, 0, 205)
	sheet = Image.new("L", (width, height), 255)
	sheet.paste(near, (0, 0))
	sheet.paste(far, (0, fold))
	ImageDraw.Draw(sheet).line((0, fold, width, fold), fill=170, width=3)
	return sheet


def to_width(image: Image.Image, width: int) -> Image.Image:
	return scale(image, width / image.width)


FRESH_KINDS = ("angle", "dim", "glare", "jpeg q60", "1600 px", "4000 px", "folded")
FRESH_SHEET_SIZES = (5, 12, 20, 40)


def fresh_cases(seed: int, kinds=FRESH_KINDS, sizes=FRESH_SHEET_SIZES, digits: bool = True) -> list[Case]:
	"""Delivery sheets of every size photographed in every kind of trouble, and labels whose Code 128
	starts with every digit (and 99), all from `seed`: the cases tests/test_decode.py and
	scripts/bench_decode.py use to check that the decoder was not tuned to the corpus above."""
	booking = "https://town.example/booking?code=BK-2026-{:05d}"
	cases: list[Case] = []

	def photograph(kind: str, sheet: Image.Image, angle: float, spot: tuple[float, float], fold: float):
		if kind == "angle":
			return jpeg(on_table(rotate(sheet, angle)), 80)
		if kind == "dim":
			return jpeg(noise(contrast(on_table(rotate(sheet, angle / 3)), 50, 140), 20, seed), 75)
		if kind == "glare":
			x, y = spot
			return jpeg(glare(on_table(rotate(sheet, angle / 3)), (x, y, x + 0.35, y + 0.3)), 80)
		if kind == "jpeg q60":
			return jpeg(blur(on_table(rotate(sheet, angle / 2)), 0.6), 60)
		if kind == "1600 px":
			return jpeg(to_width(on_table(rotate(sheet, angle / 4)), 1600), 80)
		if kind == "4000 px":
			return jpeg(blur(to_width(on_table(rotate(sheet, angle / 4)), 4000), 1.2), 80)
		if kind == "folded":
			return jpeg(on_table(rotate(folded(sheet, fold), angle / 4)), 80)
		raise ValueError(kind)

	for size in sizes:
		for kind in kinds:
			# a generator of its own per case: the same seed makes the same image in any selection
			generator = random.Random(f"{seed} {size} {kind}")
			values = [application_id(generator) for _ in range(size)]
			qr_values = [booking.format(generator.randrange(10**5)) for _ in range(2)]
			codes = frozenset([(v, "CODE128") for v in values] + [(v, "QRCODE") for v in qr_values])
			# every draw is made now, so that a case is the same image whichever cases are made first
			params = (
				delivery_sheet(values, qr_values),
				generator.choice((-1, 1)) * generator.uniform(2, 30),
				(generator.uniform(0.1, 0.6), generator.uniform(0.1, 0.6)),
				generator.uniform(0.4, 0.7),
			)
			cases.append(
				Case(
					f"seed {seed}: sheet of {size}, {kind}", lambda k=kind, p=params: photograph(k, *p), codes
				)
			)
	# 申請書IDs starting with each digit, and with 99 (the pair python-barcode used to drop)
	if not digits:
		return cases
	generator = random.Random(f"{seed} leading digits")
	leads = [str(digit) for digit in range(10)] + ["99"]
	values = [
		lead + str(generator.randrange(10 ** (22 - len(lead) + 1))).zfill(23 - len(lead)) for lead in leads
	]
	sheet, angle = delivery_sheet(values, []), generator.uniform(-8, 8)
	cases.append(
		Case(
			f"seed {seed}: every leading digit",
			lambda s=sheet, a=angle: jpeg(on_table(rotate(s, a)), 80),
			frozenset((v, "CODE128") for v in values),
		)
	)
	return cases
