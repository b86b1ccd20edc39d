# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The Card Scanner page's server side: what boot gives the page, and that a photo the server cannot
use is refused with a Japanese reason the page can show (each code of a usable photo with its own)."""

from contextlib import contextmanager
from io import BytesIO
from unittest.mock import patch

import frappe
import segno
from frappe.tests.utils import FrappeTestCase
from PIL import Image, ImageFile
from werkzeug.test import EnvironBuilder

from mynumber_card.api.scanner import scan_photo
from mynumber_card.boot import extend_bootinfo
from mynumber_card.core import scan_modes
from mynumber_card.core.decode import MAX_UPLOAD_BYTES
from mynumber_card.core.roles import CLERK
from mynumber_card.scanner import modes
from mynumber_card.testing import make_delivery, make_user, unique_application_id

MY_NUMBER = "123456789018"  # made up, with a valid check digit


def png(image: Image.Image) -> bytes:
	buffer = BytesIO()
	image.save(buffer, "PNG")
	return buffer.getvalue()


def sheet_of_qr_codes(*values: str) -> bytes:
	"""White paper with a QR code per value, side by side, as a clerk would photograph a list."""
	sheet = Image.new("L", (420 * len(values), 460), 255)
	for index, value in enumerate(values):
		buffer = BytesIO()
		segno.make_qr(value).save(buffer, kind="png", scale=6, border=4)
		sheet.paste(Image.open(BytesIO(buffer.getvalue())).convert("L"), (30 + index * 420, 30))
	return png(sheet)


def truncated_png() -> bytes:
	data = sheet_of_qr_codes("BK-2026-00012")
	return data[: len(data) // 2]


@contextmanager
def in_japanese():
	lang = frappe.local.lang
	frappe.local.lang = "ja"
	try:
		yield
	finally:
		frappe.local.lang = lang


@contextmanager
def uploaded(data: bytes | None):
	"""The request scan_photo reads, as the page's fetch() sends it (multipart form with a file)."""
	form = {"file": (BytesIO(data), "photo.jpg", "image/jpeg")} if data is not None else {}
	frappe.local.request = EnvironBuilder(method="POST", data=form).get_request()
	try:
		yield
	finally:
		del frappe.local.request


class TestScannerBoot(FrappeTestCase):
	def test_boot_gives_the_core_modes_and_the_override_only_to_managers(self):
		boot = frappe._dict()
		extend_bootinfo(boot)
		self.assertEqual(boot.mynumber_card_scan_modes, scan_modes.page_modes())
		self.assertEqual([m["name"] for m in boot.mynumber_card_scan_modes], list(scan_modes.MODES))
		self.assertIs(boot.mynumber_card_can_override_handover, True)  # Administrator
		clerk = make_user("scanner.clerk@example.jp", CLERK)
		frappe.set_user(clerk)
		try:
			extend_bootinfo(boot)
		finally:
			frappe.set_user("Administrator")
		self.assertIs(boot.mynumber_card_can_override_handover, False)

	def test_every_core_mode_has_a_handler(self):
		self.assertEqual(set(modes.HANDLERS), set(scan_modes.MODES))
		for mode in scan_modes.STEP_MODES:
			self.assertIs(modes.HANDLERS[mode], modes.step)


class TestPhotoRefusals(FrappeTestCase):
	def setUp(self):
		self.delivery = make_delivery(5).name

	def refusal(self, data: bytes | None, mode: str = "Intake") -> str:
		"""The Japanese reason a photo is refused with; nothing is logged or registered for it."""
		logs = frappe.db.count("Card Scan Log")
		with uploaded(data), in_japanese(), self.assertRaises(frappe.ValidationError) as refused:
			scan_photo(mode, self.delivery, "photo-refusals")
		self.assertEqual(frappe.db.count("Card Scan Log"), logs)
		self.assertEqual(frappe.db.count("MyNumber Card", {"delivery": self.delivery}), 0)
		return str(refused.exception)

	def test_each_unusable_photo_is_refused_with_what_to_do(self):
		blank = png(Image.new("L", (800, 600), 255))
		expected = {
			"too large": (
				b"\xff" * (MAX_UPLOAD_BYTES + 1),
				"写真が大きすぎます。解像度を下げて撮り直してください。",
			),
			"not an image": (
				b"%PDF-1.4 not a photo",
				"このファイルは読み取れる画像ではありません。写真（JPEGまたはPNG）を選んでください。",
			),
			"damaged": (truncated_png(), "写真が破損していて読み取れません。撮り直してください。"),
			"no code": (
				blank,
				"写真からバーコードもQRコードも見つかりませんでした。近づいて、ピントを合わせ、むらのない明るさで撮り直してください。",
			),
			"no file": (None, "写真を選んでください。"),
		}
		for case, (data, reason) in expected.items():
			with self.subTest(case):
				# Frappe's File module lets Pillow load truncated images (the part that arrived is read);
				# a file Pillow still cannot load is damaged, met here with Pillow's own default.
				with patch.object(ImageFile, "LOAD_TRUNCATED_IMAGES", False):
					self.assertEqual(self.refusal(data), reason)

	def test_an_unknown_mode_is_refused_before_the_photo_is_read(self):
		self.assertEqual(
			self.refusal(sheet_of_qr_codes(unique_application_id()), mode="Nonsense"),
			"スキャナーのモードが正しくありません。",
		)

	def test_each_code_of_a_photo_gets_its_own_result_and_an_individual_number_is_refused(self):
		application_id = unique_application_id()
		with uploaded(sheet_of_qr_codes(application_id, MY_NUMBER)), in_japanese():
			answer = scan_photo("Intake", self.delivery, "photo-codes")
		self.assertEqual(answer["found"], 2)
		by_result = {r["result"]: r for r in answer["results"]}
		self.assertEqual(set(by_result), {"OK", "Refused"})
		self.assertEqual(by_result["OK"]["card"]["application_id"], application_id)
		self.assertTrue(by_result["OK"]["undoable"])
		refused = by_result["Refused"]
		self.assertIn("個人番号", refused["message"])
		self.assertFalse(refused["undoable"])
		self.assertNotIn(MY_NUMBER[-4:], refused["masked"] + refused["message"])
		self.assertEqual(
			answer["message"], "写真から2件のコードを読み取りました：処理1件、処理済み0件、不可1件。"
		)
		self.assertEqual(frappe.db.count("MyNumber Card", {"delivery": self.delivery}), 1)
