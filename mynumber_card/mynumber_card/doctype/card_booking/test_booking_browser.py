# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A resident books on a phone through the public form; staff find the booking in the desk.
Runs against the served test site (mynumber_card.testing's browser constants); screenshots in SHOTS."""

from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from PIL import Image

from mynumber_card.booking.links import check_in_code
from mynumber_card.booking.notify import CONFIRMATION_JOB
from mynumber_card.core import lifecycle
from mynumber_card.core.decode import decode_image
from mynumber_card.testing import (
	BASE_URL,
	DEBOUNCE_MS,
	SERVER_WAIT_MS,
	SHOTS,
	chromium,
	confirmation_email,
	desk_page,
	make_card,
	make_outgoing_email_account,
	make_slot,
	remove_card,
	remove_slot,
	resident_page,
	run_queued_job,
)


def serious_violations(page) -> list[str]:
	from axe_playwright_python.sync_playwright import Axe

	results = Axe().run(page)
	return [
		f"{v['id']} ({v['impact']}): {v['help']} @ {[n['target'] for n in v['nodes']][:3]}"
		for v in results.response["violations"]
		if v["impact"] in ("serious", "critical")
	]


def fill_applicant(page, full_name: str, kana: str, birth: tuple[str, int, int, int], phone: str):
	"""The applicant's boxes; the birth date chosen the way residents know it (元号, 年, 月, 日)."""
	page.fill('input[data-fieldname="full_name"]', full_name)
	page.fill('input[data-fieldname="full_name_kana"]', kana)
	choose_wareki(page.locator('[data-fieldname="birth_date"] .mnc-birth'), birth)
	page.fill('input[data-fieldname="phone"]', phone)


def choose_wareki(birth_control, birth: tuple[str, int, int, int]):
	for part, value in zip(("era", "year", "month", "day"), birth, strict=True):
		birth_control.locator(f".mnc-w-{part}").select_option(str(value))


def send(page):
	"""Send the form and wait for the resident's booking page."""
	page.click(".web-form-footer .submit-btn, button:has-text('この内容で予約する')")
	page.wait_for_url("**/my-booking?**", timeout=SERVER_WAIT_MS)


def show_slot(page, slot: str):
	"""Go through the offered days until the slot's time shows: slots other tests left on the site
	may come on an earlier day."""
	page.wait_for_selector(".mnc-slot-picker .mnc-day")
	for day in page.locator(".mnc-slot-picker .mnc-day").all():
		day.click()
		if page.locator(f'.mnc-time[data-slot="{slot}"]').count():
			return
	raise AssertionError(f"the slot {slot} is not offered")


class TestBookingInBrowser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()
		cls.slot = make_slot(capacity=8, days_ahead=4).name
		frappe.db.commit()  # the web server only sees committed data
		cls.browser = cls.enterClassContext(chromium())

	@classmethod
	def tearDownClass(cls):
		remove_slot(cls.slot)
		super().tearDownClass()

	def test_resident_books_on_a_phone_and_staff_find_it(self):
		page = resident_page(self.browser)
		page.goto(f"{BASE_URL}/visit-booking/new")
		page.wait_for_selector(
			'select[data-fieldname="purpose"] option[value="申請サポート"]', state="attached"
		)
		self.assertEqual(serious_violations(page), [])
		page.select_option('select[data-fieldname="purpose"]', "申請サポート")
		page.click(f'.mnc-time[data-slot="{self.slot}"]')
		# one birth-date control: the 和暦 selects, the typed 西暦 box only behind its switch
		self.assertFalse(page.is_visible('[data-fieldname="birth_date"] .mnc-w-typed'))
		self.assertFalse(page.is_visible('input[data-fieldname="birth_date"]'))
		fill_applicant(page, "画面 花子", "ガメン ハナコ", ("昭和", 33, 6, 15), "０２８０－１２－３４５６")
		page.fill('input[data-fieldname="email"]', "gamen@example.jp")
		page.screenshot(path=SHOTS / "visit-booking-filled.png", full_page=True)
		send(page)
		page.wait_for_selector("text=予約を受け付けました")
		page.screenshot(path=SHOTS / "my-booking.png", full_page=True)
		self.assertEqual(serious_violations(page), [])

		booking = frappe.get_last_doc("Card Booking", filters={"slot": self.slot})
		self.assertEqual(
			(booking.full_name, str(booking.birth_date), booking.phone, booking.channel),
			("画面 花子", "1958-06-15", "0280-12-3456", "Web"),
		)
		self.assertIn(booking.name, page.inner_text("body"))
		# the served site queued the mail after its commit; the worker's part is done here
		run_queued_job(CONFIRMATION_JOB, booking=booking.name)
		html, png = confirmation_email(booking.name)
		self.assertIn("/my-booking?token=", html)
		self.assertEqual([c.value for c in decode_image(Image.open(BytesIO(png)))], [check_in_code(booking)])

		desk = desk_page(self.browser)
		desk.goto(f"{BASE_URL}/app/card-booking/{booking.name}")
		desk.wait_for_selector(f"text={booking.full_name}", timeout=SERVER_WAIT_MS)
		desk.screenshot(path=SHOTS / "desk-booking.png")

	def test_a_renewal_letter_opens_the_form_with_its_purpose(self):
		# the letter's QR holds /visit-booking/new?purpose=更新: Frappe fills the purpose from the URL
		# before the form's script runs, and the slots must still be listed
		page = resident_page(self.browser)
		page.goto(f"{BASE_URL}/visit-booking/new?purpose=更新")
		page.wait_for_selector(
			f'.mnc-time[data-slot="{self.slot}"]', state="attached", timeout=SERVER_WAIT_MS
		)
		self.assertEqual(page.input_value('select[data-fieldname="purpose"]'), "更新")

	def test_pickup_form_is_accessible(self):
		page = resident_page(self.browser)
		page.goto(f"{BASE_URL}/pickup-booking/new")
		page.wait_for_selector(".mnc-slot-picker .mnc-note, .mnc-slot-picker .mnc-day")
		page.screenshot(path=SHOTS / "pickup-booking.png", full_page=True)
		self.assertEqual(serious_violations(page), [])

	def test_pickup_with_a_proxy_on_a_phone(self):
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1944-05-05")
		page = self.pickup_page(card)
		self.assertFalse(page.is_visible('input[data-fieldname="proxy_name"]'))
		page.fill('input[data-fieldname="notice_number"]', card.notice_number)
		fill_applicant(page, "受取 一郎", "ウケトリ イチロウ", ("昭和", 19, 5, 5), "0280-11-2222")
		page.press('input[data-fieldname="phone"]', "Tab")
		page.wait_for_timeout(DEBOUNCE_MS)
		page.check('input[data-fieldname="proxy_coming"]')
		page.wait_for_selector('input[data-fieldname="proxy_name"]', state="visible")
		self.assertIn("照会書兼回答書", page.inner_text(".mnc-proxy-note"))
		page.select_option('select[data-fieldname="proxy_kind"]', "Authorised Proxy")
		page.wait_for_function("() => frappe.web_form.doc.proxy_kind === 'Authorised Proxy'")
		# Leave each box as a person does (Tab) and pause: Frappe takes typed text on "change" or after
		# a 500 ms pause, then redraws the fields shown with the check, which would wipe text typed
		# into the next box in the meantime (no person types that fast).
		from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

		# On a loaded machine a redraw can still land after the pause: type again, as a person whose
		# text vanished would, up to three times.
		for field, value in (
			("proxy_name", "受取　花子"),
			("proxy_name_kana", "うけとり はなこ"),
			("proxy_relationship", "長女"),
		):
			for attempt in range(3):
				page.fill(f'input[data-fieldname="{field}"]', value)
				page.press(f'input[data-fieldname="{field}"]', "Tab")
				page.wait_for_timeout(DEBOUNCE_MS)
				try:
					page.wait_for_function(f"() => !!frappe.web_form.doc.{field}", timeout=5000)
					break
				except PlaywrightTimeoutError:
					if attempt == 2:
						raise
		page.click(f'.mnc-time[data-slot="{self.slot}"]')
		page.locator('[data-fieldname="proxy_coming"]').first.scroll_into_view_if_needed()
		page.screenshot(path=SHOTS / "pickup-booking-proxy.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		send(page)

		booking = frappe.get_last_doc("Card Booking", filters={"slot": self.slot, "card": card.name})
		self.assertEqual(
			(booking.proxy_kind, booking.proxy_name, booking.proxy_name_kana, booking.proxy_relationship),
			("Authorised Proxy", "受取 花子", "ウケトリ ハナコ", "長女"),
		)

	def test_pickup_for_a_family_on_a_phone(self):
		"""A family member is a card of stacked boxes, saved in the same child table as before; a birth
		date typed in 西暦 with full-width digits is taken."""
		applicant = make_card(lifecycle.NOTICE_SENT, birth_date="1975-02-28")
		child = make_card(lifecycle.NOTICE_SENT, full_name="試験 次郎", birth_date="2012-10-03")
		page = self.pickup_page(applicant, child)
		self.assertFalse(page.is_visible('[data-fieldname="members"] .form-grid'))
		page.fill('input[data-fieldname="notice_number"]', applicant.notice_number)
		fill_applicant(page, "試験 太郎", "シケン タロウ", ("昭和", 50, 2, 28), "0280-11-3333")
		page.click(".mnc-add-member")
		member = page.locator(".mnc-member").first
		member.locator('[data-member-field="notice_number"]').fill(child.notice_number)
		member.locator('[data-member-field="full_name"]').fill("試験 次郎")
		member.locator('[data-member-field="full_name_kana"]').fill("しけん じろう")
		member.locator(".mnc-w-switch").click()
		self.assertFalse(member.locator(".mnc-w-era").is_visible())
		member.locator(".mnc-w-typed").fill("２０１２／１０／０３")
		member.locator(".mnc-w-typed").press("Tab")
		# a second member added and taken away again leaves the first as it was
		page.click(".mnc-add-member")
		page.locator(".mnc-member").nth(1).locator(".mnc-remove-member").click()
		self.assertEqual(page.locator(".mnc-member").count(), 1)
		self.assertEqual(member.locator(".mnc-w-era").input_value(), "平成")
		self.assertEqual(member.locator(".mnc-w-year").input_value(), "24")
		page.click(f'.mnc-time[data-slot="{self.slot}"]')
		member.scroll_into_view_if_needed()
		page.screenshot(path=SHOTS / "pickup-booking-family.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		send(page)

		booking = frappe.get_last_doc("Card Booking", filters={"slot": self.slot, "card": applicant.name})
		self.assertEqual(
			[(m.full_name, m.full_name_kana, str(m.birth_date), m.card) for m in booking.members],
			[("試験 次郎", "シケン ジロウ", "2012-10-03", child.name)],
		)

	def test_a_family_member_with_an_alphabet_name_ticks_no_kana(self):
		applicant = make_card(lifecycle.NOTICE_SENT, birth_date="1976-03-01")
		child = make_card(lifecycle.NOTICE_SENT, full_name="Ana Silva", birth_date="2013-05-05")
		page = self.pickup_page(applicant, child)
		page.fill('input[data-fieldname="notice_number"]', applicant.notice_number)
		fill_applicant(page, "試験 太郎", "シケン タロウ", ("昭和", 51, 3, 1), "0280-11-4444")
		page.click(".mnc-add-member")
		member = page.locator(".mnc-member").first
		kana_label = member.locator("label[for$='-full_name_kana']")
		self.assertIn("reqd", kana_label.get_attribute("class"))
		member.locator('[data-member-field="notice_number"]').fill(child.notice_number)
		member.locator('[data-member-field="full_name"]').fill("Ana Silva")
		member.get_by_label("フリガナなし").check()
		self.assertNotIn("reqd", kana_label.get_attribute("class"))
		member.screenshot(path=SHOTS / "pickup-member-no-kana.png")
		member.locator(".mnc-w-switch").click()
		member.locator(".mnc-w-typed").fill("2013/05/05")
		member.locator(".mnc-w-typed").press("Tab")
		page.click(f'.mnc-time[data-slot="{self.slot}"]')
		self.assertEqual(serious_violations(page), [])
		send(page)

		booking = frappe.get_last_doc("Card Booking", filters={"slot": self.slot, "card": applicant.name})
		self.assertEqual(
			[(m.full_name, m.full_name_kana or "", m.no_kana, m.card) for m in booking.members],
			[("Ana Silva", "", 1, child.name)],
		)

	def pickup_page(self, *cards):
		"""The pickup form on a phone with the test's slot shown; the cards, committed for the web
		server, are removed after the test (the booking's own card first)."""
		frappe.db.commit()
		for card in reversed(cards):
			self.addCleanup(remove_card, card.name)
		page = resident_page(self.browser)
		page.goto(f"{BASE_URL}/pickup-booking/new")
		show_slot(page, self.slot)
		return page
