# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The residents' pages under their Content-Security-Policy, in Chromium on the served site: the two
forms book, /my-booking changes and cancels, the calling display follows the queue, all with no
Content-Security-Policy error; hostile names planted in the database show as text and run nothing;
and a script injected into the page past the escaping is still stopped by the policy alone."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.booking import slot_list_cache
from mynumber_card.core import lifecycle
from mynumber_card.core import queue as q
from mynumber_card.counter_queue import tickets
from mynumber_card.mynumber_card.doctype.card_booking.test_booking_browser import (
	fill_applicant,
	send,
	serious_violations,
)
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import (
	PURPOSE,
	clear_test_tickets,
	make_purpose,
)
from mynumber_card.testing import (
	BASE_URL,
	DEBOUNCE_MS,
	PHONE,
	SERVER_WAIT_MS,
	SHOTS,
	booking_values,
	chromium,
	make_card,
	make_slot,
	remove_card,
	remove_slot,
	resident_page,
)

HOSTILE = "<img src=x onerror=alert(document.domain)>"
HOSTILE_PURPOSE = '"><svg onload=alert(1)>予約'
TV = {"width": 1920, "height": 1080}
# Every securitypolicyviolation the page reports, for the test to read.
WATCH_VIOLATIONS = """
window.__mnc_csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__mnc_csp.push({
	directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile || "", sample: e.sample || ""
}));
"""


def frappe_feature_probe(violation: dict) -> bool:
	"""frappe-web.bundle's utils.supportsES6 runs `new Function(...)` once at load inside a try and
	catches the refusal: a report, no error, nothing blocked that the page needs."""
	return (
		violation["directive"] == "script-src"
		and violation["blocked"] == "eval"
		and "/assets/frappe/dist/js/frappe-web.bundle." in violation["source"]
	)


class Watched:
	"""A page with what it says about the policy: console and page errors, violations, dialogs."""

	def __init__(self, browser, viewport=PHONE, accept_dialogs=False):
		self.page = resident_page(browser, viewport)
		self.csp_messages: list[str] = []
		self.dialogs: list[str] = []
		self.page.add_init_script(WATCH_VIOLATIONS)
		self.page.on("console", self._console)
		self.page.on("pageerror", lambda error: self._note(str(error)))
		self.page.on("dialog", lambda dialog: self._dialog(dialog, accept_dialogs))

	def _console(self, message):
		self._note(message.text)

	def _note(self, text: str):
		if "Content Security Policy" in text:
			self.csp_messages.append(text[:300])

	def _dialog(self, dialog, accept: bool):
		self.dialogs.append(f"{dialog.type}: {dialog.message}")
		dialog.accept() if accept else dialog.dismiss()

	def violations(self) -> list[dict]:
		return [v for v in self.page.evaluate("window.__mnc_csp || []") if not frappe_feature_probe(v)]

	def goto(self, path: str):
		response = self.page.goto(f"{BASE_URL}{path}")
		return response.headers.get("content-security-policy", "")


class TestResidentPagesUnderTheirPolicy(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_purpose()
		cls.slot = make_slot(capacity=3, days_ahead=4).name
		cls.other_slot = make_slot(capacity=3, days_ahead=4, hour=14).name
		frappe.db.commit()  # the web server only sees committed data
		cls.browser = cls.enterClassContext(chromium())

	@classmethod
	def tearDownClass(cls):
		remove_slot(cls.slot)
		remove_slot(cls.other_slot)
		super().tearDownClass()

	def assertNoPolicyError(self, watched: Watched):
		self.assertEqual(watched.csp_messages, [])
		self.assertEqual(watched.violations(), [])
		self.assertEqual(watched.dialogs, [])

	def show_slot(self, page, slot: str) -> str:
		"""The slot's time button, on whichever day of the picker it is."""
		page.wait_for_selector(".mnc-day", timeout=SERVER_WAIT_MS)
		time = f'.mnc-time[data-slot="{slot}"]'
		for day in page.locator(".mnc-day").all():
			if page.locator(time).count():
				break
			day.click()
		return time

	def choose_slot(self, page, slot: str):
		page.click(self.show_slot(page, slot))

	def test_a_resident_books_changes_and_cancels(self):
		watched = Watched(self.browser, accept_dialogs=True)
		page = watched.page
		policy = watched.goto("/visit-booking/new")
		self.assertIn("script-src 'self' 'unsafe-eval' 'sha256-", policy)
		self.assertIn("object-src 'none'", policy)
		page.wait_for_selector(
			'select[data-fieldname="purpose"] option[value="申請サポート"]', state="attached"
		)
		page.select_option('select[data-fieldname="purpose"]', "申請サポート")
		self.choose_slot(page, self.slot)
		fill_applicant(page, "規則 花子", "キソク ハナコ", ("昭和", 40, 3, 3), "0280-12-3456")
		self.assertEqual(serious_violations(page), [])
		send(page)
		page.wait_for_selector("text=予約を受け付けました")
		self.assertEqual(serious_violations(page), [])
		self.assertNotIn("'unsafe-eval'", policy_of(page))  # only the forms' bundle needs it
		first_url = page.url

		page.click(".mnc-change")
		page.wait_for_selector(".mnc-day")
		self.choose_slot(page, self.other_slot)
		page.click(".mnc-confirm-change")
		page.wait_for_selector(".mnc-result:has-text('日時を変更しました')", timeout=SERVER_WAIT_MS)
		# the old link is revoked: the page now holds the new one, and a reload keeps working
		self.assertNotEqual(page.url, first_url)
		self.assertNotIn("new=1", page.url)
		page.reload()
		page.wait_for_selector(".mnc-cancel")
		booking = frappe.get_last_doc("Card Booking", filters={"full_name": "規則 花子"})
		self.assertEqual(booking.slot, self.other_slot)
		old = Watched(self.browser)
		old.goto(first_url.removeprefix(BASE_URL))
		self.assertIn("この予約は変更されたため", old.page.inner_text(".alert-warning"))

		page.click(".mnc-cancel")
		page.wait_for_selector(".mnc-result:has-text('予約を取り消しました')", timeout=SERVER_WAIT_MS)
		self.assertEqual(page.inner_text(".mnc-state-label").strip(), "取消")
		self.assertEqual(page.locator(".mnc-qr").count(), 0)
		page.screenshot(path=SHOTS / "my-booking-cancelled.png", full_page=True)
		page.reload()
		self.assertIn("取り消されたため", page.inner_text(".alert-warning"))
		self.assertEqual(watched.dialogs, ["confirm: この予約を取り消します。よろしいですか？"])
		watched.dialogs.clear()
		self.assertNoPolicyError(watched)
		self.assertNoPolicyError(old)

	def test_a_family_books_a_pickup(self):
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1952-07-07")
		frappe.db.commit()
		self.addCleanup(remove_card, card.name)
		watched = Watched(self.browser)
		page = watched.page
		watched.goto("/pickup-booking/new")
		page.wait_for_selector(".mnc-time", timeout=SERVER_WAIT_MS)
		page.fill('input[data-fieldname="notice_number"]', card.notice_number)
		fill_applicant(page, "受取 三郎", "ウケトリ サブロウ", ("昭和", 27, 7, 7), "0280-11-4444")
		page.press('input[data-fieldname="phone"]', "Tab")
		page.wait_for_timeout(DEBOUNCE_MS)  # Frappe takes typed text after a pause, before a redraw
		page.check('input[data-fieldname="proxy_coming"]')  # depends_on: eval (Frappe's, allowed)
		page.wait_for_selector('input[data-fieldname="proxy_name"]', state="visible")
		page.uncheck('input[data-fieldname="proxy_coming"]')
		page.wait_for_selector('input[data-fieldname="proxy_name"]', state="hidden")
		page.wait_for_timeout(DEBOUNCE_MS)
		self.choose_slot(page, self.slot)
		self.assertEqual(serious_violations(page), [])
		send(page)
		page.wait_for_selector("text=予約を受け付けました")
		self.assertTrue(frappe.db.exists("Card Booking", {"card": card.name, "slot": self.slot}))
		self.assertNoPolicyError(watched)

	def test_the_calling_display_follows_the_queue(self):
		clear_test_tickets()
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(clear_test_tickets)
		watched = Watched(self.browser, viewport=TV)
		page = watched.page
		policy = watched.goto("/queue-display")
		self.assertNotIn("unsafe-eval", policy)
		page.wait_for_selector(".mnc-qd-called-list", state="attached")
		number = tickets.issue(q.WALK_IN, PURPOSE).number
		frappe.db.commit()
		page.wait_for_selector(f".mnc-qd-next-list li:has-text('{number}')", timeout=SERVER_WAIT_MS)
		from mynumber_card.api import counter_queue

		counter_queue.call_next(4, PURPOSE)
		frappe.db.commit()
		page.wait_for_selector(
			f".mnc-qd-called-list .mnc-qd-number:has-text('{number}')", timeout=SERVER_WAIT_MS
		)
		self.assertEqual(serious_violations(page), [])
		self.assertNoPolicyError(watched)

	def test_hostile_names_in_the_database_show_as_text(self):
		# past the naming, link and plain-text checks, as a record written behind the app's back
		purpose = self.plant_purpose(HOSTILE_PURPOSE)
		slot = make_slot(days_ahead=5, purposes=("更新",))
		frappe.db.set_value("Booking Slot", slot.name, "location", HOSTILE)
		slot_list_cache.changed()
		booking = frappe.get_doc(booking_values(self.slot)).insert(ignore_permissions=True)
		frappe.db.set_value("Card Booking", booking.name, "full_name", HOSTILE)  # past the checks
		frappe.db.commit()
		self.addCleanup(self.remove_planted, slot.name, slot.location, purpose, booking.name)

		watched = Watched(self.browser)
		page = watched.page
		watched.goto("/visit-booking/new")
		page.wait_for_selector('select[data-fieldname="purpose"] option >> nth=1', state="attached")
		options = page.locator('select[data-fieldname="purpose"] option').all_inner_texts()
		self.assertIn(HOSTILE_PURPOSE, options)  # a label, never markup
		# chosen, Frappe shows it in the control's display area too (escaped by booking_form.js)
		# (Frappe's sanitiser changes a guest's request that holds markup: no slot list for it)
		page.select_option('select[data-fieldname="purpose"]', HOSTILE_PURPOSE)
		page.wait_for_selector(".modal.show", timeout=SERVER_WAIT_MS)
		page.click(".modal.show button.close")
		page.wait_for_selector(".modal.show", state="detached")
		page.select_option('select[data-fieldname="purpose"]', "更新")
		time = self.show_slot(page, slot.name)
		self.assertIn(HOSTILE, page.inner_text(f"{time} .mnc-place"))
		page.click(time)
		self.assertIn(HOSTILE, page.inner_text(".mnc-chosen"))
		from mynumber_card.booking.links import token_for

		watched.goto(f"/my-booking?token={token_for(frappe.get_doc('Card Booking', booking.name))}")
		self.assertIn(HOSTILE, page.inner_text(".mnc-card"))
		self.assertEqual(page.locator(".mnc-card img:not([alt])").count(), 0)
		page.screenshot(path=SHOTS / "my-booking-hostile-name.png", full_page=True)
		self.assertNoPolicyError(watched)

	def test_a_script_injected_past_the_escaping_is_stopped_by_the_policy(self):
		"""The second wall on its own: the served page and its header, with markup added in transit."""
		booking = frappe.get_doc(booking_values(self.slot)).insert(ignore_permissions=True)
		frappe.db.commit()
		self.addCleanup(self.remove_booking, booking.name)
		from mynumber_card.booking.links import token_for

		injected = (
			"<script>alert('inline')</script>"
			"<img src=x onerror=\"alert('handler')\">"
			"<script>frappe.csrf_token = alert('lookalike');</script>"
		)

		def inject(route):
			response = route.fetch()
			body = response.text().replace("</body>", f"{injected}</body>")
			route.fulfill(response=response, body=body)

		watched = Watched(self.browser)
		watched.page.route("**/my-booking?*", inject)
		policy = watched.goto(f"/my-booking?token={token_for(booking)}")
		watched.page.wait_for_selector(".mnc-card")
		watched.page.wait_for_timeout(500)
		self.assertIn("script-src 'self' 'sha256-", policy)
		self.assertEqual(watched.dialogs, [])
		blocked = {v["directive"] for v in watched.violations()}
		self.assertEqual(blocked, {"script-src-elem", "script-src-attr"})
		# the page's own script still ran: the change and cancel buttons are wired
		self.assertTrue(watched.page.evaluate("() => !!window.mnc && !!window.mnc.slot_picker"))

	def plant_purpose(self, name: str) -> str:
		"""An active purpose whose name is set in the database directly (Frappe's naming refuses `<`)."""
		doc = frappe.get_doc(
			{"doctype": "Booking Purpose", "purpose_name": "敵対名テスト", "is_active": 1, "sort_order": 99}
		).insert(ignore_permissions=True, ignore_if_duplicate=True)
		frappe.db.sql("update `tabBooking Purpose` set name=%s where name=%s", (name, doc.name))
		return name

	@staticmethod
	def remove_planted(slot: str, location: str, purpose: str, booking: str):
		frappe.delete_doc("Card Booking", booking, force=True, ignore_permissions=True)
		frappe.db.delete("Booking Slot Purpose", {"parent": slot})
		frappe.db.delete("Booking Slot", {"name": slot})
		frappe.db.delete("Booking Purpose", {"name": purpose})
		frappe.delete_doc("Booking Location", location, force=True)
		slot_list_cache.changed()
		frappe.db.commit()

	@staticmethod
	def remove_booking(name: str):
		frappe.delete_doc("Card Booking", name, force=True, ignore_permissions=True)
		frappe.db.commit()


def policy_of(page) -> str:
	"""The policy the page was served with (the last navigation's response)."""
	response = page.request.get(page.url)
	return response.headers.get("content-security-policy", "")
