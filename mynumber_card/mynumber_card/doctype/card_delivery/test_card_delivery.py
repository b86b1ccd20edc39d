# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import shutil
import subprocess
import tempfile
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today
from PIL import Image

from mynumber_card.core import lifecycle
from mynumber_card.core.decode import decode_image
from mynumber_card.ledger.letters import pickup_booking_url
from mynumber_card.testing import make_card


def make_delivery(expected: int):
	return frappe.get_doc(
		{"doctype": "Card Delivery", "expected_count": expected, "received_date": today()}
	).insert()


class TestCardDelivery(FrappeTestCase):
	def test_count_and_discrepancy_follow_the_cards(self):
		delivery = make_delivery(3)
		cards = [make_card(delivery=delivery.name) for _ in range(4)]
		delivery.reload()
		self.assertEqual((delivery.counted_count, delivery.discrepancy), (4, 1))
		cards[0].delete()
		delivery.reload()
		self.assertEqual((delivery.counted_count, delivery.discrepancy), (3, 0))

	def test_guide_letters_for_a_50_card_delivery(self):
		if not shutil.which("pdftoppm"):
			self.skipTest("pdftoppm (poppler-utils) is not installed")
		delivery = make_delivery(50)
		for _ in range(50):
			make_card(
				lifecycle.NOTICE_SENT,
				delivery=delivery.name,
				full_name="案内 花子",
				address="茨城県猿島郡五霞町",
			)
		pdf = frappe.get_print(
			delivery.doctype, delivery.name, print_format="Pickup Guide Letters", as_pdf=True
		)
		with tempfile.TemporaryDirectory() as folder:
			path = Path(folder) / "letters.pdf"
			path.write_bytes(pdf)
			fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
			self.assertIn("CJK", fonts)  # Japanese set in Noto Sans CJK, not tofu
			text = subprocess.run(
				["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
			).stdout
			self.assertEqual(text.count("マイナンバーカード交付予約のご案内"), 50)
			subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), f"{folder}/page"], check=True)
			pages = sorted(Path(folder).glob("page-*.png"))
			self.assertEqual(len(pages), 50)
			for page in pages:
				decoded = [c.value for c in decode_image(Image.open(page)) if c.symbology == "QRCODE"]
				self.assertEqual(decoded, [pickup_booking_url()], page.name)
