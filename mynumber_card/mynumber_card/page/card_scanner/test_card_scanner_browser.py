# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A wedge scanner types into the Card Scanner page: keystrokes, then Enter; cards appear."""

import json
import re
from contextlib import contextmanager
from urllib.parse import parse_qs

import frappe
from frappe.tests.utils import FrappeTestCase
from playwright.sync_api import expect

from mynumber_card.testing import (
	BASE_URL,
	HTTP_TIMEOUT_S,
	SERVER_WAIT_MS,
	SHOTS,
	chromium,
	desk_page,
	open_delivery,
	remove_delivery,
	unique_application_id,
)

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def scanner_on(browser, delivery: str):
	"""The Card Scanner page, signed in, in Intake mode on the given delivery."""
	page = desk_page(browser)
	page.goto(f"{BASE_URL}/app/card-scanner")
	page.wait_for_selector(f'.mnc-delivery option[value="{delivery}"]', state="attached")
	page.select_option(".mnc-delivery", delivery)
	return page


def wedge(page, code: str, delay: int):
	"""What a keyboard-wedge scanner does: the code's keystrokes, then Enter."""
	scanner_input = page.locator(".mnc-scan-input")
	scanner_input.press_sequentially(code, delay=delay)
	scanner_input.press("Enter")


@contextmanager
def delivery_and_codes(count: int):
	"""An open delivery, committed, and `count` new 申請書IDs for it; removed with its cards after."""
	delivery = open_delivery(count)
	try:
		yield delivery, [unique_application_id() for _ in range(count)]
	finally:
		remove_delivery(delivery.name)


class TestScannerPage(FrappeTestCase):
	def test_wedge_scans_register_cards(self):
		with delivery_and_codes(3) as (delivery, codes):
			with chromium() as browser:
				page = scanner_on(browser, delivery.name)
				for index, code in enumerate(codes):
					typed = code.translate(FULL_WIDTH) if index == 1 else code  # one scanner sends full width
					wedge(page, typed, delay=5)
					page.wait_for_selector(f".mnc-history li:nth-child(1):has-text('{code[-6:]}')")
				wedge(page, codes[0], delay=5)  # the same card again
				page.wait_for_selector(".mnc-result.mnc-ng, .mnc-history li:nth-child(4)")
				page.screenshot(path=SHOTS / "card-scanner.png", full_page=True)
			frappe.db.rollback()  # see what the server committed
			for code in codes:
				self.assertEqual(
					frappe.db.count("MyNumber Card", {"application_id": code, "delivery": delivery.name}), 1
				)
			self.assertEqual(frappe.db.get_value("Card Delivery", delivery.name, "counted_count"), 3)
			results = frappe.get_all("Card Scan Log", filters={"delivery": delivery.name}, pluck="result")
			self.assertEqual(sorted(results), ["OK", "OK", "OK", "Repeated"])

	def test_a_quick_run_of_scans_goes_in_batches_and_each_code_is_answered(self):
		# A box of 25 cards scanned without pause: the page queues them and sends them together (20 at
		# most, or what came within a second); the clerk never waits for an answer before the next scan.
		with delivery_and_codes(25) as (delivery, codes):
			with chromium() as browser:
				page = scanner_on(browser, delivery.name)
				sent = []  # the codes of each batch request, in order
				page.on(
					"request",
					lambda r: "scan_batch" in r.url
					and sent.append(json.loads(parse_qs(r.post_data)["codes"][0])),
				)
				for code in codes:
					wedge(page, code, delay=0)
				# "Counted 25 of 25" in the page's words: the last batch answered (its 25 is not enough:
				# "Counted 14 of 25" shows while the last batch is on its way)
				expect(page.locator(".mnc-count")).to_have_text(
					re.compile(r"25\D+25"), timeout=SERVER_WAIT_MS
				)
				page.wait_for_selector(".mnc-queued:empty", state="attached")
				page.screenshot(path=SHOTS / "card-scanner-batch.png", full_page=True)
				self.assertEqual([code for batch in sent for code in batch], codes)
				self.assertLess(len(sent), len(codes))
				self.assertLessEqual(max(len(batch) for batch in sent), 20)
				# the last batch's answer: a line per code (a batch of one shows like a single scan)
				lines = page.locator(".mnc-photo-results li.mnc-ok-line").count()
				self.assertEqual(lines, len(sent[-1]) if len(sent[-1]) > 1 else 0)
			frappe.db.rollback()  # see what the server committed
			self.assertEqual(frappe.db.count("MyNumber Card", {"delivery": delivery.name}), 25)
			self.assertEqual(frappe.db.get_value("Card Delivery", delivery.name, "counted_count"), 25)


class TestPhotoUpload(FrappeTestCase):
	def test_a_photo_of_a_delivery_list_registers_all_its_cards(self):
		from io import BytesIO

		import requests
		import segno
		from PIL import Image

		delivery = open_delivery(6)
		codes = [unique_application_id() for _ in range(6)]
		sheet = Image.new("L", (1200, 800), 255)
		for index, code in enumerate(codes):
			buffer = BytesIO()
			segno.make_qr(code).save(buffer, kind="png", scale=5, border=4)
			sheet.paste(
				Image.open(BytesIO(buffer.getvalue())).convert("L"),
				(40 + (index % 3) * 380, 60 + (index // 3) * 380),
			)
		photo = BytesIO()
		sheet.rotate(90, expand=True).save(photo, "JPEG", quality=85)
		try:
			session = requests.Session()
			password = frappe.conf.get("admin_password") or "admin"
			session.post(
				f"{BASE_URL}/api/method/login",
				data={"usr": "Administrator", "pwd": password},
				timeout=HTTP_TIMEOUT_S,
			).raise_for_status()
			response = session.post(
				f"{BASE_URL}/api/method/mynumber_card.api.scanner.scan_photo",
				data={"mode": "Intake", "delivery": delivery.name, "session_id": "photo-test"},
				files={"file": ("list.jpg", photo.getvalue(), "image/jpeg")},
				headers={"X-Frappe-CSRF-Token": session.cookies.get("csrf_token", "")},
				timeout=HTTP_TIMEOUT_S,
			)
			self.assertEqual(response.status_code, 200, response.text[:500])
			result = response.json()["message"]
			self.assertEqual(result["found"], 6)
			self.assertEqual([r["result"] for r in result["results"]], ["OK"] * 6)
			frappe.db.rollback()  # see what the server committed
			self.assertEqual(frappe.db.count("MyNumber Card", {"delivery": delivery.name}), 6)
			garbage = session.post(
				f"{BASE_URL}/api/method/mynumber_card.api.scanner.scan_photo",
				data={"mode": "Intake", "delivery": delivery.name},
				files={"file": ("list.jpg", b"not an image", "image/jpeg")},
				timeout=HTTP_TIMEOUT_S,
			)
			self.assertEqual(garbage.status_code, 417)
			self.assertEqual(frappe.db.count("MyNumber Card", {"delivery": delivery.name}), 6)
		finally:
			remove_delivery(delivery.name)


class TestPhotoOnThePage(FrappeTestCase):
	def test_a_refused_photo_is_shown_and_each_code_of_a_photo_gets_a_line(self):
		from mynumber_card.mynumber_card.page.card_scanner.test_card_scanner import (
			MY_NUMBER,
			sheet_of_qr_codes,
		)

		delivery = open_delivery(2)
		application_id = unique_application_id()
		try:
			with chromium() as browser:
				page = scanner_on(browser, delivery.name)
				not_a_photo = {
					"name": "list.pdf",
					"mimeType": "application/pdf",
					"buffer": b"%PDF-1.4 not a photo",
				}
				page.set_input_files(".mnc-photo", files=[not_a_photo])
				refused = page.locator(".mnc-result.mnc-ng .mnc-big")
				refused.wait_for()
				self.assertIn("このファイルは読み取れる画像ではありません", refused.inner_text())
				self.assertIn("写真", page.locator(".mnc-history li").first.inner_text())
				page.screenshot(path=SHOTS / "card-scanner-refused-photo.png", full_page=True)
				codes = sheet_of_qr_codes(application_id, MY_NUMBER)
				page.set_input_files(
					".mnc-photo", files=[{"name": "list.png", "mimeType": "image/png", "buffer": codes}]
				)
				lines = page.locator(".mnc-photo-results li")
				lines.nth(1).wait_for()
				texts = lines.all_inner_texts()
				self.assertEqual(len(texts), 2)
				self.assertTrue(any(application_id in t and t.startswith("✓") for t in texts), texts)
				self.assertTrue(any("個人番号" in t and t.startswith("✗") for t in texts), texts)
				self.assertNotIn(MY_NUMBER[-4:], page.locator(".mnc-scanner").inner_text())
				self.assertIn("不可1件", page.locator(".mnc-result .mnc-big").inner_text())
				page.screenshot(path=SHOTS / "card-scanner-photo-codes.png", full_page=True)
			frappe.db.rollback()  # a fresh snapshot sees what the served site committed
			self.assertEqual(frappe.db.count("MyNumber Card", {"delivery": delivery.name}), 1)
		finally:
			remove_delivery(delivery.name)
