# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""What the app renders with Jinja (mails, guide letters, the card ledger, Frappe's Standard print of the
app's doctypes) shows stored markup as text (issue 21): Frappe's Jinja has no autoescape, so each
template wraps itself in {% autoescape true %} and each doctype escapes what get_formatted gives. With
ordinary names the output is what it was: a name, the QR code, the list of what to bring."""

import html

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from mynumber_card.booking.notify import booking_context
from mynumber_card.site_tests.hostile_records import IMG, LINK, SCRIPT, SVG, plant, remove

RAW = ("<img src=x", "<svg onload", "<script>alert", '<a href="javascript:')  # a payload as markup
TEMPLATES = "mynumber_card/templates"


def assert_escaped(case: FrappeTestCase, page: str, *payloads: str):
	"""No payload is markup in the page; each is there as text (once the page's entities are read)."""
	for raw in RAW:
		case.assertFalse(raw in page, f"{raw} is markup in the page")
	for payload in payloads:
		case.assertTrue(payload in html.unescape(page), f"{payload} is not in the page")


class TestTemplatesEscapeStoredText(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.planted = plant()

	@classmethod
	def tearDownClass(cls):
		remove(cls.planted)
		super().tearDownClass()

	def test_the_mails_show_names_as_text(self):
		booking = frappe.get_doc("Card Booking", self.planted.booking)
		context = {
			**booking_context(booking),
			"rescheduled": False,
			"qr_data_uri": "data:image/png;base64,AAAA",
		}
		for mail in ("booking_confirmation", "booking_reminder"):
			mail_html = frappe.render_template(f"{TEMPLATES}/emails/{mail}.html", context)
			assert_escaped(self, mail_html, IMG)
			self.assertIn(booking.name, mail_html)
		mail_html = frappe.render_template(f"{TEMPLATES}/emails/booking_confirmation.html", context)
		self.assertIn('src="data:image/png;base64,AAAA"', mail_html)  # the QR stays an image
		assert_escaped(self, mail_html, SVG)  # the family member

	def test_the_guide_letters_and_the_card_ledger_show_names_as_text(self):
		for doctype, name, print_format in (
			("MyNumber Card", self.planted.card, "Pickup Guide Letter"),
			("Card Delivery", self.planted.delivery, "Pickup Guide Letters"),
			("MyNumber Card", self.planted.renewal_card, "Renewal Guide Letter"),
		):
			letter = frappe.get_print(doctype, name, print_format, no_letterhead=1)
			assert_escaped(self, letter, IMG, SCRIPT)
			self.assertIn('<img src="data:image/png;base64,', letter)  # the QR to the booking page
		from mynumber_card.ledger.card_ledger import ledger_rows

		ledger = frappe.render_template(
			f"{TEMPLATES}/print/card_ledger.html",
			{"rows": ledger_rows(today(), today()), "period": "今日", "town": "<b>町</b>"},
		)
		assert_escaped(self, ledger, IMG, SVG, LINK, "<b>町</b>")

	def test_the_standard_print_of_the_app_doctypes_shows_text(self):
		for doctype, name in (
			("Card Booking", self.planted.booking),
			("MyNumber Card", self.planted.card),
			("Card Scan Log", self.planted.scan_log),
			("Queue Ticket", self.planted.ticket),
		):
			assert_escaped(self, frappe.get_print(doctype, name, "Standard", no_letterhead=1))
		booking_html = frappe.get_print("Card Booking", self.planted.booking, "Standard", no_letterhead=1)
		self.assertIn("&lt;svg onload", booking_html)  # the family member's row
		self.assertIn("<br>", booking_html)  # the remarks keep their line break
		self.assertIn("{{7*7}}${alert(5)}", booking_html)  # a value is never run as a template

	def test_ordinary_names_print_as_they_are(self):
		card = frappe.get_doc("MyNumber Card", self.planted.card)
		card.full_name = "山田 太郎"
		card.address = "南野町1-2-3"
		letter = frappe.render_template(f"{TEMPLATES}/print/guide_letter.html", {"doc": card})
		self.assertIn("山田 太郎 様", letter)
		self.assertIn("<div>南野町1-2-3</div>", letter)
		self.assertIn('<ul class="mnc-bring"', letter)
		self.assertEqual(card.get_formatted("full_name"), "山田 太郎")
