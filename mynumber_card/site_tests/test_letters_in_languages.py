"""The guide and renewal letters in the holder's language (issue 23 point 5): a card's 案内状の言語 prints
its letters in that language with Western dates, every case of the renewal letter included; a card
without one keeps the Japanese letter in 和暦; a batch prints each holder in their own language; and a
pickup booking made in English sets the card's letters to English."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate, today

from mynumber_card.core import lifecycle, validity
from mynumber_card.core.dates import wareki
from mynumber_card.core.resident_languages import FOREIGN
from mynumber_card.ledger.letters import renewal_letter_context
from mynumber_card.site_tests.test_resident_languages import left_in_japanese, shown_text
from mynumber_card.testing import booking_values, in_japanese, make_card, make_delivery, make_slot

RENEWAL_LETTER = "mynumber_card/templates/print/renewal_letter.html"
ADDRESS = "茨城県猿島郡五霞町小福田1162番地1"
# (card.action, card.due): the four letters the renewal template writes
RENEWAL_CASES = (
	("renew_card", validity.CARD_DUE),
	("renew_card", validity.CERTIFICATE_DUE),
	("change_validity", validity.CARD_DUE),
	("renew_at_immigration", validity.CARD_DUE),
)


def holder_card(language: str | None = None, **values):
	expires = add_months(getdate(today()), 2)
	return make_card(
		lifecycle.NOTICE_SENT,
		letter_language=language,
		address=ADDRESS,
		postal_code="306-0392",
		notice_date=today(),
		card_expiry_date=expires,
		certificate_expiry_date=expires,
		residence_expiry_date=expires,
		**values,
	)


def renewal_letters(card) -> list[str]:
	"""The renewal letter's text for each of its cases, for this card."""
	texts = []
	for action, due in RENEWAL_CASES:
		ctx = renewal_letter_context(card)
		ctx["cards"][0].update(action=action, due=due)
		texts.append(frappe.render_template(RENEWAL_LETTER, {"ctx": ctx}))
	return texts


class TestLettersInEachLanguage(FrappeTestCase):
	def setUp(self):
		in_japanese(self)  # the clerk's desk is in Japanese; the letters follow the holder

	def assertAllIn(self, html: str, lang: str, card):
		# the letters only: the print view's own bar is in the clerk's language
		html = html[html.index('<div class="mnc-letter"') :]
		text = shown_text(html, lang).replace(card.full_name, " ").replace(ADDRESS, " ")
		contact = frappe.db.get_single_value("MyNumber Card Settings", "contact_address")
		left = left_in_japanese(text.replace(contact, " ") if contact else text, lang)
		self.assertEqual(left, [], f"{lang}: left in Japanese")

	def test_each_language_prints_both_letters_without_japanese(self):
		for lang in FOREIGN:
			with self.subTest(lang=lang):
				card = holder_card(lang, full_name="Maria Santos", full_name_kana="")
				guide = frappe.get_print(card.doctype, card.name, print_format="Pickup Guide Letter")
				self.assertIn(f'lang="{lang}"', guide)
				self.assertIn(card.notice_number, guide)
				self.assertIn(getdate(today()).isoformat(), guide)  # the Western calendar
				self.assertNotIn("令和", guide)
				self.assertAllIn(guide, lang, card)
				for letter in renewal_letters(card):
					self.assertIn(add_months(getdate(today()), 2).isoformat(), letter)
					self.assertAllIn(letter, lang, card)

	def test_a_card_without_a_language_keeps_the_japanese_letter(self):
		card = holder_card()
		guide = frappe.get_print(card.doctype, card.name, print_format="Pickup Guide Letter")
		self.assertIn("マイナンバーカード交付予約のご案内", guide)
		self.assertIn("受け取りには事前の予約が必要です。", guide)
		self.assertIn(wareki(today()), guide)
		self.assertIn("試験 太郎 様", guide)
		cases = renewal_letters(card)
		self.assertIn("マイナンバーカード更新のご案内", cases[0])
		self.assertIn("マイナンバーカードの電子証明書更新のご案内", cases[1])
		self.assertIn("マイナンバーカードの有効期間変更のご案内", cases[2])
		self.assertIn("特定在留カードの有効期限のご案内", cases[3])

	def test_a_delivery_prints_each_holder_in_their_own_language(self):
		delivery = make_delivery(2)
		japanese = holder_card(delivery=delivery.name, full_name_kana="ア")
		english = holder_card("en", delivery=delivery.name, full_name="John Smith", full_name_kana="イ")
		html = frappe.get_print("Card Delivery", delivery.name, print_format="Pickup Guide Letters")
		first, second = html.split('class="mnc-letter"')[1:3]
		self.assertIn(japanese.notice_number, first)
		self.assertIn("交付予約のご案内", first)
		self.assertIn(english.notice_number, second)
		self.assertIn("please book a time to collect it", second)
		self.assertNotIn("交付予約のご案内", second)

	def test_a_language_not_offered_is_refused(self):
		card = holder_card()
		card.letter_language = "de"
		self.assertRaisesRegex(frappe.ValidationError, "案内状", card.save)
		self.assertIsNone(frappe.db.get_value(card.doctype, card.name, "letter_language"))


class TestLetterLanguageFromTheBooking(FrappeTestCase):
	def test_a_pickup_booked_in_english_sets_the_letters_to_english(self):
		slot = make_slot(capacity=3).name
		booked_in_english = holder_card(birth_date="1981-01-01")
		booked_in_japanese = holder_card(birth_date="1982-02-02")
		chosen_by_staff = holder_card("vi", birth_date="1983-03-03")
		for card, language in (
			(booked_in_english, "en"),
			(booked_in_japanese, "ja"),
			(chosen_by_staff, "en"),
		):
			values = booking_values(
				slot,
				"カード受取",
				notice_number=card.notice_number,
				birth_date=card.birth_date,
				resident_language=language,
			)
			frappe.get_doc(values).insert(ignore_permissions=True)
		self.assertEqual(
			[
				frappe.db.get_value(c.doctype, c.name, "letter_language")
				for c in (booked_in_english, booked_in_japanese, chosen_by_staff)
			],
			["en", None, "vi"],
		)
