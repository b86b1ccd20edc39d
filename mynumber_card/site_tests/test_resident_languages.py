"""The residents' pages in each language (issue 23 point 5): every page a resident reads, in every offered
language but Japanese, holds no word left in Japanese, except names (the town's, its offices', a
resident's; a town's own purposes the translation files do not know) and the Japanese terms kept in
brackets after their translation, e.g. "Notice of issuance (交付通知書)". The server-rendered pages are
read over HTTP with the language cookie; the two forms, whose words the scripts write, in chromium.
Runs against the served test site (mynumber_card.testing's BASE_URL)."""

import random
import re
from html.parser import HTMLParser

import frappe
import requests
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import update_password

from mynumber_card.booking.links import token_for
from mynumber_card.booking.notify import CONFIRMATION_JOB
from mynumber_card.core import queue as q
from mynumber_card.core.resident_languages import FOREIGN
from mynumber_card.core.roles import KIOSK
from mynumber_card.counter_queue import phone, tickets
from mynumber_card.mynumber_card.doctype.card_booking.test_booking_browser import serious_violations
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_browser import (
	KIOSK_PASSWORD,
	KIOSK_USER,
	kiosk_page,
)
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import set_rules
from mynumber_card.testing import (
	BASE_URL,
	DEBOUNCE_MS,
	HTTP_TIMEOUT_S,
	PHONE,
	SERVER_WAIT_MS,
	SHOTS,
	booking_values,
	chromium,
	confirmation_email,
	make_outgoing_email_account,
	make_slot,
	make_user,
	remove_slot,
	run_queued_job,
)
from mynumber_card.wording import office_name

KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f々〆〇]+")
# a Japanese term kept after its translation, "Residence card (在留カード)": a noun, no hiragana in it
BRACKETED = re.compile(r"[(（][^()（）\u3040-\u309f]*[)）]")
RNG = random.Random()
PURPOSE = "申請サポート"  # a standard purpose: the translation files know its name
FOREIGN_NAME, FOREIGN_KANA = "Maria Santos", ""
# attributes a screen reader or a browser shows
SHOWN_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ShownText(HTMLParser):
	"""A page's text and shown attributes, without scripts and styles and without the parts marked as
	another language (the switcher's language names, each in its own language)."""

	def __init__(self, lang: str):
		super().__init__(convert_charrefs=True)
		self.lang, self.parts, self.stack = lang, [], []

	def skipping(self) -> bool:
		return any(skip for _tag, skip in self.stack)

	def handle_starttag(self, tag, attrs):
		attrs = dict(attrs)
		other = attrs.get("lang") not in (None, self.lang) and tag != "html"
		skip = tag in ("script", "style") or other
		if not (skip or self.skipping()):
			self.parts += [attrs[a] for a in SHOWN_ATTRIBUTES if attrs.get(a)]
		if tag not in VOID:
			self.stack.append((tag, skip))

	def handle_endtag(self, tag):
		while self.stack:
			if self.stack.pop()[0] == tag:
				break

	def handle_data(self, data):
		if data.strip() and not self.skipping():
			self.parts.append(data)


def shown_text(html: str, lang: str) -> str:
	parser = ShownText(lang)
	parser.feed(html)
	parser.close()
	return "\n".join(parser.parts)


def names_on_the_pages(lang: str) -> list[str]:
	"""What the pages show as written, whatever the language: names, longest first."""
	settings = frappe.get_cached_doc("MyNumber Card Settings")
	names = [settings.town_name, office_name(), settings.contact_department, settings.office_hours]
	for location in frappe.get_all("Booking Location", fields=["name", "address", "directions"]):
		names += [location.name, location.address, location.directions]
	# a town's own purposes: data the translation files do not know
	names += [p for p in frappe.get_all("Booking Purpose", pluck="name") if _(p, lang=lang) == p]
	return sorted({n for n in names if n}, key=len, reverse=True)


def left_in_japanese(text: str, lang: str) -> list[str]:
	for name in names_on_the_pages(lang):
		text = text.replace(name, " ")
	text = BRACKETED.sub(" ", text)
	return [
		text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
		for m in JAPANESE.finditer(text)
		if lang != "zh" or not is_chinese(m.group())
	]


def is_chinese(run: str) -> bool:
	"""Simplified Chinese shares the Han characters: a run is Chinese when it has no kana and every
	character is in GB 2312 (Japanese forms such as 約, 場, 時, 確 are not)."""
	if KANA.search(run):
		return False
	try:
		run.encode("gb2312")
	except UnicodeEncodeError:
		return False
	return True


class TestResidentPagesInEachLanguage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.slot = make_slot(capacity=3, days_ahead=5).name
		booking = frappe.get_doc(
			booking_values(cls.slot, PURPOSE, full_name=FOREIGN_NAME, full_name_kana=FOREIGN_KANA, no_kana=1)
		).insert(ignore_permissions=True)
		cls.booking_token = token_for(booking)
		ticket = tickets.issue(q.WALK_IN, PURPOSE)
		cls.ticket, cls.ticket_token = ticket.name, phone.token_for(ticket)
		frappe.db.commit()  # the web server only sees committed data

	@classmethod
	def tearDownClass(cls):
		frappe.db.delete("Queue Ticket", {"name": cls.ticket})
		remove_slot(cls.slot)
		super().tearDownClass()

	def get(self, path: str, lang: str) -> str:
		response = requests.get(
			f"{BASE_URL}{path}", cookies={"preferred_language": lang}, timeout=HTTP_TIMEOUT_S
		)
		self.assertEqual(response.status_code, 200, path)
		return response.text

	def test_server_rendered_pages_hold_no_japanese_in_other_languages(self):
		pages = (
			f"/my-booking?token={self.booking_token}",
			f"/queue-ticket?token={self.ticket_token}",
			"/queue-waits",
			"/queue-waits-embed",
		)
		for lang in FOREIGN:
			for path in pages:
				with self.subTest(lang=lang, page=path.split("?")[0]):
					html = self.get(path, lang)
					self.assertIn(f'<html lang="{lang}"', html)
					self.assertEqual(left_in_japanese(shown_text(html, lang), lang), [])

	def test_japanese_pages_stay_japanese(self):
		"""The same pages without a choice: Japanese, with the furigana of the ticket page."""
		html = requests.get(f"{BASE_URL}/queue-ticket?token={self.ticket_token}", timeout=HTTP_TIMEOUT_S).text
		self.assertIn("<ruby>受付番号<rt>うけつけばんごう</rt></ruby>", html)
		html = requests.get(f"{BASE_URL}/my-booking?token={self.booking_token}", timeout=HTTP_TIMEOUT_S).text
		self.assertIn("予約番号", html)
		self.assertIn(FOREIGN_NAME, html)  # an alphabet name, booked with no kana

	def test_the_switcher_keeps_the_choice_for_the_next_pages(self):
		with chromium() as browser:
			page = browser.new_page(viewport=PHONE, locale="ja-JP")
			page.goto(f"{BASE_URL}/queue-waits")
			page.click('.mnc-languages a[data-code="ko"]')
			page.wait_for_selector('html[lang="ko"]')
			page.goto(f"{BASE_URL}/visit-booking/new")  # no _lang in the address: the cookie tells
			page.wait_for_selector(
				".mnc-languages a[aria-current='true'][data-code='ko']", timeout=SERVER_WAIT_MS
			)
			self.assertIn("용건", page.inner_text("body"))

	def test_booking_forms_hold_no_japanese_in_other_languages(self):
		with chromium() as browser:
			for lang in FOREIGN:
				context = browser.new_context(viewport=PHONE, locale="ja-JP")
				context.add_cookies([{"name": "preferred_language", "value": lang, "url": BASE_URL}])
				page = context.new_page()
				for form in ("visit-booking", "pickup-booking"):
					with self.subTest(lang=lang, form=form):
						page.goto(f"{BASE_URL}/{form}/new")
						page.wait_for_selector(".mnc-slot-picker .mnc-step, .mnc-slot-picker .mnc-note")
						if form == "visit-booking":
							page.select_option('select[data-fieldname="purpose"]', PURPOSE)
							page.wait_for_selector(".mnc-slot-picker .mnc-day, .mnc-slot-picker .mnc-office")
						else:
							page.click('input[data-fieldname="proxy_coming"]')  # the proxy's boxes and note
							page.click(".mnc-add-member")  # a family member's card
						text = page.evaluate(SHOWN_TEXT_JS, [lang, None])
						self.assertEqual(left_in_japanese(text, lang), [])
				context.close()


def choose_slot(page, slot: str):
	"""The test slot: in its own office (choosing it first when other offices have free times)."""
	office = frappe.db.get_value("Booking Slot", slot, "location")
	page.wait_for_selector(".mnc-slot-picker .mnc-day, .mnc-slot-picker .mnc-office")
	if page.locator(".mnc-slot-picker .mnc-office").count():
		page.locator(".mnc-office").filter(has_text=office).click()
	page.click(f'.mnc-time[data-slot="{slot}"]')


class TestEnglishBookingOnAPhone(FrappeTestCase):
	"""The English visit form books end to end on a 390 px phone, and the booking's mail is in English."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()
		cls.slot = make_slot(capacity=3, days_ahead=6).name
		frappe.db.commit()
		cls.browser = cls.enterClassContext(chromium())

	@classmethod
	def tearDownClass(cls):
		remove_slot(cls.slot)
		super().tearDownClass()

	def test_english_visit_form_books_and_mails_in_english(self):
		page = self.browser.new_page(viewport=PHONE, locale="ja-JP")
		page.goto(f"{BASE_URL}/visit-booking/new")
		page.click('.mnc-languages a[data-code="en"]')  # the switcher, on the Japanese form
		page.wait_for_selector(
			f'select[data-fieldname="purpose"] option[value="{PURPOSE}"]', state="attached"
		)
		self.assertEqual(page.get_attribute("html", "lang"), "en")
		self.assertEqual(serious_violations(page), [])
		page.select_option('select[data-fieldname="purpose"]', PURPOSE)
		choose_slot(page, self.slot)
		page.fill('input[data-fieldname="full_name"]', FOREIGN_NAME)
		page.check('input[data-fieldname="no_kana"]')  # an alphabet name: no furigana
		# the Western calendar only: no 和暦 selects on an English page
		self.assertFalse(page.is_visible('[data-fieldname="birth_date"] .mnc-w-era'))
		birth = frappe.utils.add_days("1960-01-01", RNG.randrange(15000))  # one booking per person
		page.fill('[data-fieldname="birth_date"] .mnc-w-typed', birth)
		page.press('[data-fieldname="birth_date"] .mnc-w-typed', "Tab")
		page.fill('input[data-fieldname="phone"]', "090-1234-5678")
		page.fill('input[data-fieldname="email"]', "maria@example.com")
		page.wait_for_timeout(DEBOUNCE_MS)
		self.assertEqual(left_in_japanese(page.evaluate(SHOWN_TEXT_JS, ["en", None]), "en"), [])
		page.screenshot(path=SHOTS / "visit-booking-en.png", full_page=True)
		page.click(".web-form-footer .submit-btn")
		page.wait_for_url("**/my-booking?**", timeout=SERVER_WAIT_MS)
		page.wait_for_selector("text=Your booking is made")
		page.screenshot(path=SHOTS / "my-booking-en.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		self.assertEqual(left_in_japanese(page.evaluate(SHOWN_TEXT_JS, ["en", None]), "en"), [])

		frappe.db.commit()  # a fresh read of what the served site committed
		booking = frappe.get_last_doc("Card Booking", filters={"slot": self.slot})
		self.assertEqual(
			(booking.full_name, booking.full_name_kana, booking.no_kana, str(booking.birth_date)),
			(FOREIGN_NAME, "", 1, birth),
		)
		self.assertEqual(booking.resident_language, "en")
		run_queued_job(CONFIRMATION_JOB, booking=booking.name)
		queued = frappe.get_last_doc("Email Queue", filters={"reference_name": booking.name})
		self.assertIn("Your visit is booked", queued.message)
		html, _png = confirmation_email(booking.name)
		self.assertIn(f"Dear {FOREIGN_NAME},", html)
		self.assertIn("What to bring", html)
		self.assertEqual(left_in_japanese(shown_text(html, "en"), "en"), [])

	def test_screenshot_of_the_chinese_form(self):
		context = self.browser.new_context(viewport=PHONE, locale="ja-JP")
		context.add_cookies([{"name": "preferred_language", "value": "zh", "url": BASE_URL}])
		page = context.new_page()
		page.goto(f"{BASE_URL}/visit-booking/new")
		page.wait_for_selector(
			f'select[data-fieldname="purpose"] option[value="{PURPOSE}"]', state="attached"
		)
		page.select_option('select[data-fieldname="purpose"]', PURPOSE)
		choose_slot(page, self.slot)
		page.screenshot(path=SHOTS / "visit-booking-zh.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		context.close()


class TestKioskInEnglish(FrappeTestCase):
	"""The kiosk by a button: its screen, and the server's answer, in the resident's language."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(KIOSK_USER, KIOSK)
		update_password(KIOSK_USER, KIOSK_PASSWORD)
		set_rules(queue_reception_opens="00:00:00", queue_reception_closes="23:59:59")
		frappe.db.commit()
		cls.browser = cls.enterClassContext(chromium())

	def tearDown(self):
		frappe.db.delete("Queue Ticket", {"name": ("in", self.made)})
		frappe.db.commit()

	def test_a_walk_in_in_english(self):
		before = set(frappe.get_all("Queue Ticket", pluck="name"))
		self.made = []
		page = kiosk_page(self.browser)
		page.click('.mnc-kiosk-language[data-code="en"]')
		page.wait_for_selector('.mnc-kiosk-root[lang="en"]')
		page.wait_for_selector("text=With a booking")
		page.screenshot(path=SHOTS / "kiosk-en.png")
		# the kiosk's screen (the desk around it is hidden in kiosk mode); the staff's own button that sets
		# the kiosk's office stays in the desk's language
		page.evaluate("document.querySelectorAll('.mnc-kiosk-set-office').forEach((el) => el.remove())")
		self.assertEqual(left_in_japanese(page.evaluate(SHOWN_TEXT_JS, ["en", ".mnc-kiosk-root"]), "en"), [])
		page.click(f".mnc-kiosk-purpose[data-purpose='{PURPOSE}']")
		page.wait_for_selector(".mnc-kiosk-ok", timeout=SERVER_WAIT_MS)
		self.assertIn("Here is your number", page.inner_text(".mnc-kiosk-result"))
		page.screenshot(path=SHOTS / "kiosk-en-ticket.png")
		self.assertEqual(left_in_japanese(page.evaluate(SHOWN_TEXT_JS, ["en", ".mnc-kiosk-root"]), "en"), [])
		frappe.db.commit()
		self.made = [n for n in frappe.get_all("Queue Ticket", pluck="name") if n not in before]
		page.click(".mnc-kiosk-back")  # the next resident starts in Japanese
		page.wait_for_selector('.mnc-kiosk-root[lang="ja"]')
		self.assertIn("予約", page.inner_text(".mnc-kiosk-home"))


# The text a resident sees in the browser, and the shown attributes of what is visible; the parts in
# another language (the switcher's names) left out.
SHOWN_TEXT_JS = """([lang, root]) => {
	const other = (el) => { const marked = el.closest('[lang]'); return marked && marked !== document.documentElement && marked.getAttribute('lang') !== lang; };
	const top = root ? document.querySelector(root) : document.body;
	const parts = root ? [] : [document.title];
	const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const el = walker.currentNode.parentElement;
		if (!el || other(el) || ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName) || !el.checkVisibility()) continue;
		if (el.tagName === 'OPTION' && !el.parentElement.checkVisibility()) continue;
		parts.push(walker.currentNode.textContent);
	}
	for (const el of top.querySelectorAll('[alt],[aria-label],[placeholder],[title]')) {
		if (other(el) || !el.checkVisibility()) continue;
		for (const a of ['alt', 'aria-label', 'placeholder', 'title']) if (el.getAttribute(a)) parts.push(el.getAttribute(a));
	}
	return parts.join('\\n');
}"""
