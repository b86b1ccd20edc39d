# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Names and free text are plain text on the way in (core/plain_text.py), for every field a guest can
write and for what staff type in the card ledger: hostile values are refused with a Japanese message
naming the field, and nothing is written."""

import json
from typing import ClassVar

import frappe
from frappe.website.doctype.web_form.web_form import accept

from mynumber_card.api import booking as api
from mynumber_card.booking.links import token_for
from mynumber_card.core import booking_states as states
from mynumber_card.mynumber_card.doctype.card_booking.card_booking import BookingError
from mynumber_card.mynumber_card.doctype.card_service.card_service import CardServiceError
from mynumber_card.testing import BOOKING_PROXY, SlotTestCase, booking_values, in_japanese, make_card

QUOTED_JSON = '"<img src=x onerror=alert(1)>"'  # parses as JSON: Frappe's sanitize_html skips it
HOSTILE = (
	QUOTED_JSON,
	"<svg onload=alert(1)>",
	"</script><script>alert(1)</script>",
	"javascript:alert(1)",
	'=HYPERLINK("http://x")',
	"+1",
	"@SUM(A1)",
	"-2+3",
	"山田\u202e太郎",
	"山田\u200b太郎",
	"山田\x00",
)
MEMBER = {"full_name": "予約 次郎", "full_name_kana": "ヨヤク ジロウ", "birth_date": "2012-03-03"}


class TestPlainTextInput(SlotTestCase):
	slot_values: ClassVar[dict] = {"capacity": 50}

	def setUp(self):
		in_japanese(self)
		self.bookings = frappe.db.count("Card Booking")

	def tearDown(self):
		frappe.set_user("Administrator")

	def guest_insert(self, **values):
		frappe.set_user("Guest")
		try:
			return frappe.get_doc(booking_values(self.slot, **values)).insert(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")

	def test_the_quoted_json_name_through_the_public_form_is_refused_in_japanese(self):
		values = booking_values(self.slot, full_name=QUOTED_JSON)
		data = {k: v for k, v in values.items() if k != "doctype"}
		frappe.set_user("Guest")
		with self.assertRaises(BookingError) as raised:
			accept("visit-booking", json.dumps(data))
		self.assertEqual(str(raised.exception), "氏名に使えない文字（&lt;）が含まれています。")
		self.assertEqual(frappe.db.count("Card Booking"), self.bookings)

	def test_every_guest_field_refuses_every_payload(self):
		fields = {
			"full_name": {},
			"full_name_kana": {},
			"proxy_name": BOOKING_PROXY,
			"proxy_name_kana": BOOKING_PROXY,
			"proxy_relationship": BOOKING_PROXY,
		}
		for field, extra in fields.items():
			for payload in HOSTILE:
				if field == "proxy_relationship" and payload in (
					"javascript:alert(1)",
					"+1",
					"@SUM(A1)",
					"-2+3",
				):
					continue  # free text: plain words and a leading mark are fine there (exports neutralise)
				with self.subTest(field=field, payload=payload), self.assertRaises(BookingError):
					self.guest_insert(**{**extra, field: payload})
		for payload in HOSTILE:
			with self.subTest(member=payload), self.assertRaises(BookingError):
				self.guest_insert(members=[{**MEMBER, "full_name": payload}])
			with self.subTest(member_kana=payload), self.assertRaises(BookingError):
				self.guest_insert(members=[{**MEMBER, "full_name_kana": payload}])
		for payload in (QUOTED_JSON, "<b>", "理由\u202e", "理由\x07"):
			with self.subTest(remarks=payload), self.assertRaises(BookingError):
				self.guest_insert(remarks=payload)
		self.assertEqual(frappe.db.count("Card Booking"), self.bookings)

	def test_each_refusal_names_the_field_and_the_character(self):
		cases = (
			({"full_name": "=1+1"}, "氏名は文字で始めてください（先頭に「=」は使えません）。"),
			({"full_name": "山田 太郎2"}, "氏名に数字（2）は使えません。"),
			(
				{"full_name": "山田\u202e太郎"},
				"氏名に目に見えない文字（U+202E）が含まれています（ゼロ幅スペースや文字の向きを変える記号など）。"
				"貼り付けずに入力し直してください。",
			),
			(
				{"full_name_kana": "ヤマダ<"},
				"フリガナはカタカナまたはひらがなで入力してください（「&lt;」は使えません）。",
			),
			(
				{**BOOKING_PROXY, "proxy_relationship": "<b>母</b>"},
				"本人との続柄に入力できない文字（&lt;）が含まれています。「＜」「＞」は使えません。",
			),
			(
				{"remarks": "一行目\x1b"},
				"備考に入力できない制御文字（U+001B）が含まれています。入力し直してください。",
			),
			(
				{"members": [{**MEMBER, "full_name": "@家族"}]},
				"家族の氏名は文字で始めてください（先頭に「@」は使えません）。",
			),
		)
		for values, message in cases:
			with self.subTest(values=values), self.assertRaises(BookingError) as raised:
				self.guest_insert(**values)
			self.assertEqual(str(raised.exception), message)

	def test_residents_and_foreign_residents_names_are_stored_normalised(self):
		booking = self.guest_insert(
			full_name="María José O’Neil",
			full_name_kana="ﾏﾘｱ ﾎｾ ｵﾆｰﾙ",
			members=[
				{**MEMBER, "full_name": "NGUYEN VAN AN", "full_name_kana": "グエン　ヴァン・アン"},
				{
					**MEMBER,
					"full_name": "渡邉　ヶ丘",
					"full_name_kana": "わたなべ けいおか",
					"birth_date": "2014-05-05",
				},
			],
			remarks="車椅子で伺います。\r\nQ&A を読みました。",
			**{
				**BOOKING_PROXY,
				"proxy_name": "Иван Петров",
				"proxy_name_kana": "イワン ペトロフ",
				"proxy_relationship": "父",
			},
		)
		booking.reload()
		self.assertEqual(
			(booking.full_name, booking.full_name_kana, booking.proxy_name, booking.remarks),
			(
				"María José O'Neil",
				"マリア ホセ オニール",
				"Иван Петров",
				"車椅子で伺います。\nQ&A を読みました。",
			),
		)
		self.assertEqual(
			[(m.full_name, m.full_name_kana) for m in booking.members],
			[("NGUYEN VAN AN", "グエン ヴァン・アン"), ("渡邉 ヶ丘", "ワタナベ ケイオカ")],
		)

	def test_a_cancel_reason_is_free_text(self):
		booking = self.guest_insert()
		token = token_for(booking)
		frappe.set_user("Guest")
		for reason in (QUOTED_JSON, "都合が悪く\u202eなった", "a" * 201):
			with self.subTest(reason=reason), self.assertRaises(frappe.ValidationError):
				api.cancel_booking(token, reason)
			self.assertEqual(
				frappe.db.get_value("Card Booking", booking.name, "workflow_state"), states.CONFIRMED
			)
		api.cancel_booking(token, "都合が悪くなったため\n別の日に伺います")
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Card Booking", booking.name, ["workflow_state", "cancel_reason"]),
			(states.CANCELLED, "都合が悪くなったため\n別の日に伺います"),
		)

	def test_names_and_text_in_the_card_ledger(self):
		for values in (
			{"full_name": QUOTED_JSON},
			{"full_name": "=HYPERLINK(1)"},
			{"full_name_kana": "ﾔﾏﾀﾞ\u200b"},
			{"proxy_name": "<svg onload=alert(1)>"},
			{"address": "北町1-2 <script>"},
			{"remarks": "確認済\u202e"},
			{"disposal_reason": "</textarea>"},
		):
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError):
				make_card(**values)
		card = make_card(full_name="李 明", full_name_kana="リ ミン", address="北町１－２\nハイツ101")
		self.assertEqual((card.full_name, card.address), ("李 明", "北町１－２\nハイツ101"))

	def test_records_saved_before_the_rules_stay_until_their_field_is_edited(self):
		card = make_card()
		frappe.db.set_value("MyNumber Card", card.name, "full_name", "（削除済）")  # the retention mark
		card.reload()
		card.remarks = "電話で確認済"
		card.save()  # the name is not edited: it is not checked again
		card.full_name = "（削除済） 2"
		with self.assertRaises(frappe.ValidationError):
			card.save()

	def test_a_counter_service_proxy_is_a_name(self):
		service = frappe.get_doc(
			{
				"doctype": "Card Service",
				"card": make_card().name,
				"service_type": "PIN Reset",
				"visitor": "Authorised Proxy",
				"proxy_name": "@SUM(A1)",
				"proxy_relationship": "母",
			}
		)
		with self.assertRaises(CardServiceError):
			service.validate()
		service.proxy_name, service.remarks = "代理 花子", "<img src=x>"
		with self.assertRaises(CardServiceError):
			service.validate()
