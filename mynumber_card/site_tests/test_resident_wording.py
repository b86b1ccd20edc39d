# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A city's residents never read 町役場: every public page, mail and letter names the office from the
settings. The pickup guide letter prints the notice's 受取期限, and what to bring shows lists A and B."""

import email
import functools
import unicodedata
from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate, now_datetime, today

from mynumber_card.api.booking import booking_options
from mynumber_card.booking import notify
from mynumber_card.booking.links import _secret, token_for
from mynumber_card.core import lifecycle
from mynumber_card.core.dates import wareki
from mynumber_card.core.signing import make_token
from mynumber_card.settings import SETTINGS
from mynumber_card.testing import (
	booking_values,
	make_card,
	make_outgoing_email_account,
	make_slot,
	printed_text,
)

CITY = {
	"municipality_type": "市",
	"town_name": "南野市",
	"office_name": "",
	"contact_department": "市民課",
	"contact_phone": "0280-11-2222",
	"contact_address": "茨城県南野市中央1番地",
	"office_hours": "平日 8:30〜17:15",
}
OFFICE = "南野市役所"


def render_page(route: str, **query) -> str:
	"""A public page as a guest's browser gets it, rendered in this process."""
	from urllib.parse import urlencode

	from frappe.utils import set_request
	from frappe.website.serve import get_response

	before = getattr(frappe.local, "request", None)
	frappe.set_user("Guest")
	set_request(method="GET", path=f"/{route}", query_string=urlencode(query))
	frappe.local.form_dict = frappe._dict(query)
	try:
		response = get_response(route)
		return response.get_data(as_text=True)
	finally:
		frappe.local.form_dict = frappe._dict()
		if before is None:
			del frappe.local.request  # print views take a missing request for "not in a request"
		else:
			frappe.local.request = before
		frappe.set_user("Administrator")


def mail_html(booking_name: str) -> str:
	"""The HTML part of the last mail queued for a booking."""
	message = email.message_from_string(
		frappe.get_last_doc("Email Queue", filters={"reference_name": booking_name}).message
	)
	return (
		next(p for p in message.walk() if p.get_content_type() == "text/html")
		.get_payload(decode=True)
		.decode()
	)


def letter_html(doc, print_format: str) -> str:
	return frappe.get_print(doc.doctype, doc.name, print_format=print_format)


class TestCityWording(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		# runs after the rollback FrappeTestCase queues: no cached city settings outlive the test
		cls.addClassCleanup(frappe.clear_document_cache, SETTINGS, SETTINGS)
		cls.addClassCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		super().setUpClass()
		frappe.local.lang = "ja"
		settings = frappe.get_single(SETTINGS)
		settings.update({**CITY, "pickup_deadline_months": 3})
		settings.save()
		make_outgoing_email_account()

	def assertCityWording(self, html: str, where: str):
		self.assertNotIn("町役場", html, where)
		self.assertIn(OFFICE, html, where)

	def test_public_pages_and_the_slot_pickers_office(self):
		for route in ("pickup-booking/new", "visit-booking/new"):
			html = render_page(route)
			self.assertIn("mnc-slot-picker", html, route)  # the form and its scripts, not an error page
			self.assertCityWording(html, route)  # the footer's whom to call
		self.assertEqual(booking_options()["office"], OFFICE)  # the slot picker's "please call …"

		booking = frappe.get_doc(booking_values(make_slot().name)).insert(ignore_permissions=True)
		page = render_page("my-booking", token=token_for(booking))
		self.assertIn(booking.name, page)
		self.assertCityWording(page, "my-booking")
		expired = make_token(booking.name, now_datetime() - timedelta(days=1), _secret())
		page = render_page("my-booking", token=expired)
		self.assertIn(f"このリンクは有効期限が切れています。{OFFICE}へお電話ください。", page)
		self.assertNotIn("町役場", page)

	def test_the_office_name_staff_set_wins(self):
		frappe.db.set_single_value(SETTINGS, "office_name", "南野市役所 本庁舎")
		try:
			self.assertEqual(booking_options()["office"], "南野市役所 本庁舎")
		finally:
			frappe.db.set_single_value(SETTINGS, "office_name", "")

	def test_mails_name_the_office_and_the_identity_lists(self):
		booking = frappe.get_doc(booking_values(make_slot().name, email="city@example.jp")).insert(
			ignore_permissions=True
		)
		confirmation = mail_html(booking.name)
		notify.send_reminder(booking)
		reminder = mail_html(booking.name)
		self.assertNotEqual(confirmation, reminder)
		for name, html in (("confirmation", confirmation), ("reminder", reminder)):
			self.assertCityWording(html, name)
			self.assertIn("本人確認書類（Aから1点、またはAをお持ちでない方はBから2点）", html, name)
			self.assertIn("資格確認書", html, name)
			self.assertNotIn("健康保険証", html, name)

	def test_booking_page_shows_what_to_bring(self):
		booking = frappe.get_doc(booking_values(make_slot().name)).insert(ignore_permissions=True)
		page = render_page("my-booking", token=token_for(booking), new="1")
		self.assertIn("お持ちいただくもの", page)
		self.assertIn("運転免許証", page)
		self.assertIn("資格確認書", page)

	def test_letters_name_the_office(self):
		card = make_card(lifecycle.NOTICE_SENT)
		self.assertCityWording(letter_html(card, "Pickup Guide Letter"), "pickup guide letter")
		held = make_card(
			lifecycle.ISSUED,
			card_expiry_date=add_days(today(), 60),
			certificate_expiry_date=add_days(today(), 60),
		)
		self.assertCityWording(letter_html(held, "Renewal Guide Letter"), "renewal guide letter")
		delivery = frappe.get_doc(
			{"doctype": "Card Delivery", "expected_count": 1, "received_date": today()}
		).insert()
		make_card(lifecycle.NOTICE_SENT, delivery=delivery.name)
		self.assertCityWording(letter_html(delivery, "Pickup Guide Letters"), "pickup guide letters")

	def test_guide_letter_prints_the_notices_pickup_deadline(self):
		card = make_card(lifecycle.NOTICE_SENT)
		notice = getdate(card.notice_date)
		html = letter_html(card, "Pickup Guide Letter")
		self.assertIn(f"受取期限：{wareki(add_months(notice, 3))}", html)
		self.assertNotIn(wareki(getdate(card.disposal_deadline)), html)  # 12 months: not the letter's
		self.assertIn("交付通知書（はがき）", html)  # the pickup purpose's list
		self.assertIn("資格確認書", html)

		frappe.db.set_single_value(SETTINGS, "pickup_deadline_months", 2)
		self.assertIn(f"受取期限：{wareki(add_months(notice, 2))}", letter_html(card, "Pickup Guide Letter"))
		frappe.db.set_single_value(SETTINGS, "pickup_deadline_months", 0)
		self.assertNotIn("受取期限", letter_html(card, "Pickup Guide Letter"))
		frappe.db.set_single_value(SETTINGS, "pickup_deadline_months", 3)

	def test_letter_pdf_for_a_city(self):
		card = make_card(lifecycle.NOTICE_SENT, full_name="市民 花子", address="茨城県南野市中央2番地")
		text = printed_text(self, card, "Pickup Guide Letter")
		nfkc = functools.partial(unicodedata.normalize, "NFKC")  # as printed_text gives the PDF's text
		self.assertIn(OFFICE, text)
		self.assertNotIn("町役場", text)
		self.assertIn(nfkc(f"受取期限：{wareki(add_months(getdate(card.notice_date), 3))}"), text)
		self.assertIn(nfkc("資格確認書"), text)
