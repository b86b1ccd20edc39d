# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The resident's side of the queue in a browser (issue 23): a walk-in ticket at the kiosk, its QR read
from the kiosk's screen and opened in a phone-sized context; the clerk calls; the phone shows 「あと1人」
and then the call within 3 s of the clerk's press. The page subscribes to Web Push (the browser maker's
part, PushManager.subscribe, answers with an endpoint on a loopback push service the test runs: this
browser has no vendor service to reach); what the site posts there is decrypted with the
subscription's keys and handed to the page's service worker, which shows it. The public waits page on a
phone, and its fragment framed by the town's own site only. Screenshots of each go to SHOTS."""

import contextlib
import json
import time
from io import BytesIO

import frappe
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from mynumber_card.core import queue as q
from mynumber_card.core.decode import decode_image
from mynumber_card.counter_queue import alerts, tickets, web_push
from mynumber_card.mynumber_card.doctype.card_booking.test_booking_browser import serious_violations
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_browser import (
	KioskBrowserTestCase,
	kiosk_page,
)
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import (
	PURPOSE,
	clear_test_tickets,
	set_rules,
)
from mynumber_card.mynumber_card.doctype.queue_ticket_alert.test_queue_ticket_alert import (
	Phone,
	loopback,
)
from mynumber_card.site_tests.test_queue_waits import counted_in_sql
from mynumber_card.testing import (
	BASE_URL,
	LOCALE,
	PHONE,
	SERVER_WAIT_MS,
	SHOTS,
	queued_jobs,
)

CALLED_WITHIN_MS = 3000
COUNTER = 6
WORKER_SCOPE = "/assets/mynumber_card/js/"

# The browser maker's part of PushManager.subscribe: this headless browser has no push service to ask,
# so it answers with the test's subscription (an endpoint on loopback, the phone's keys) and keeps the
# options the page gave (the site's VAPID key).
STUB_PUSH = """
(subscription) => {
	window.__mnc_push = { options: null };
	PushManager.prototype.subscribe = function (options) {
		const key = new Uint8Array(options.applicationServerKey);
		window.__mnc_push.options = {
			userVisibleOnly: options.userVisibleOnly,
			key: btoa(String.fromCharCode(...key)).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, ""),
		};
		return Promise.resolve({ endpoint: subscription.endpoint, toJSON: () => subscription });
	};
	PushManager.prototype.getSubscription = () => Promise.resolve(null);
}
"""


# What a resident reads in an element: its text without the furigana (ruby's rt), spaces dropped.
READ = "(el) => { const copy = el.cloneNode(true); copy.querySelectorAll('rt').forEach((rt) => rt.remove()); return copy.textContent.replace(/\\s/g, ''); }"
# The number waiting in the waits table's row of a purpose (null when the row is not there).
SHOWN_WAITING = """(purpose) => {
	const row = [...document.querySelectorAll('.mnc-qw-table tbody tr')].find(
		(tr) => tr.querySelector('.mnc-qw-purpose').textContent === purpose
	);
	return row ? Number(row.querySelector('.mnc-qw-waiting').textContent) : null;
}"""


def read(page, selector: str) -> str:
	return page.eval_on_selector(selector, READ)


def shown_waiting(page) -> int | None:
	return page.evaluate(f"({SHOWN_WAITING})", PURPOSE)


def run_alert_job(timeout_s: float = 10) -> dict:
	"""Do what a worker does with the alert run the served site queued after a commit."""
	deadline = time.monotonic() + timeout_s
	while time.monotonic() < deadline:
		jobs = list(queued_jobs(alerts.JOB))
		if jobs:
			for job in jobs:
				job.delete()
			frappe.db.commit()  # a fresh read of what the served site committed
			counts = alerts.send_due()
			frappe.db.commit()
			return counts
		time.sleep(0.2)
	raise AssertionError("the served site queued no alert run")


class TestQueuePhoneInBrowser(KioskBrowserTestCase):
	def setUp(self):
		clear_test_tickets()
		frappe.db.delete(alerts.ALERT)
		self.push_service = self.enterContext(loopback())
		# the town's own web site, and another, each framing the waits (on loopback: the browser lets no
		# page from the internet frame a page of this loopback test server)
		self.town_site, self.other_site = self.enterContext(loopback()), self.enterContext(loopback())
		for site in (self.town_site, self.other_site):
			site.page = (
				'<!doctype html><html lang="ja"><head><meta name="viewport" content="width=device-width">'
				"<title>町のサイト</title></head><body>"
				f'<iframe title="待ち状況" src="{BASE_URL}/queue-waits-embed" width="360" height="600"></iframe>'
				"</body></html>"
			)
		set_rules(
			queue_counters=3,
			queue_near_alert=3,
			queue_web_push=1,
			queue_push_services=self.push_service.origin,
			queue_reception_opens="00:00:00",
			queue_reception_closes="23:59:59",
			queue_waits_frame_origins=self.town_site.origin,
		)
		frappe.db.commit()
		for job in list(queued_jobs(alerts.JOB)):
			job.delete()
		frappe.cache.delete_value(alerts.PENDING_KEY)
		self.refused: list[str] = []

	def tearDown(self):
		self.assertEqual(self.refused, [])
		clear_test_tickets()
		frappe.db.delete(alerts.ALERT)
		frappe.db.commit()

	def phone_context(self, device: Phone | None = None):
		context = self.browser.new_context(viewport=PHONE, locale=LOCALE, is_mobile=True, has_touch=True)
		context.grant_permissions(["notifications"], origin=BASE_URL)
		if device:
			context.add_init_script(f"({STUB_PUSH})({json.dumps(device.subscription)})")
		# the pages work under their Content-Security-Policy: nothing of theirs is refused
		context.on(
			"console",
			lambda message: "Content Security Policy" in message.text and self.refused.append(message.text),
		)
		return context

	def walk_in_at_the_kiosk(self) -> tuple[str, str]:
		"""A walk-in ticket at the kiosk: its number, and the link its QR on the screen holds."""
		kiosk = kiosk_page(self.browser)
		kiosk.click(f".mnc-kiosk-purpose[data-purpose='{PURPOSE}']")
		kiosk.wait_for_selector(".mnc-kiosk-ok .mnc-kiosk-phone img", timeout=SERVER_WAIT_MS)
		number = kiosk.inner_text(".mnc-kiosk-number").strip()
		kiosk.screenshot(path=SHOTS / "queue-kiosk-phone-qr.png")
		self.assertEqual(serious_violations(kiosk), [])
		# the pixels on the screen, as a phone's camera reads them
		shot = kiosk.locator(".mnc-kiosk-phone img").screenshot()
		(link,) = {code.value for code in decode_image(Image.open(BytesIO(shot)))}
		self.assertTrue(link.startswith(f"{BASE_URL}/queue-ticket?token="), link)
		kiosk.emulate_media(media="print")  # the printed ticket carries the same QR
		self.assertTrue(kiosk.is_visible(".mnc-kiosk-receipt .mnc-receipt-qr"))
		kiosk.close()
		return number, link

	def press(self, clerk, keys: str):
		clerk.keyboard.press(keys)
		return time.monotonic()

	def test_kiosk_ticket_on_the_phone_is_called_within_3_seconds_and_told_by_push(self):
		ahead = [tickets.issue(q.WALK_IN, PURPOSE) for _ in range(2)]
		frappe.db.commit()
		number, link = self.walk_in_at_the_kiosk()
		device = Phone(f"{self.push_service.origin}/push/{frappe.generate_hash(length=16)}")
		context = self.phone_context(device)
		page = context.new_page()
		page.goto(link)
		page.wait_for_selector(".mnc-qt-number", timeout=SERVER_WAIT_MS)
		self.assertEqual(page.inner_text(".mnc-qt-number").strip(), number)
		self.assertEqual(read(page, ".mnc-qt-ahead"), "あと2人")
		# socket.io reaches a site served with its realtime server (bench start, nginx); the test suite's
		# server has none, and then the page keeps up by asking
		with contextlib.suppress(PlaywrightTimeout):
			page.wait_for_function(
				"() => frappe.realtime.socket && frappe.realtime.socket.connected", timeout=5000
			)
		socket = page.evaluate("() => Boolean(frappe.realtime.socket && frappe.realtime.socket.connected)")
		# the call-back by Web Push: the page registers its service worker and subscribes
		page.click(".mnc-qt-push")
		page.wait_for_selector(".mnc-qt-alerts-on:not([hidden])", timeout=SERVER_WAIT_MS)
		options = page.evaluate("() => window.__mnc_push.options")
		self.assertEqual(options, {"userVisibleOnly": True, "key": web_push.public_key()})
		frappe.db.commit()  # a fresh read of what the served site committed
		self.assertEqual(
			frappe.db.get_value(alerts.ALERT, {"channel": "Web Push"}, "push_endpoint"),
			device.subscription["endpoint"],
		)
		page.screenshot(path=SHOTS / "queue-phone-ticket.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		# 2 ahead, the town tells at 3: "near" at once
		self.assertEqual(run_alert_job()[alerts.SENT], 1)
		near = device.read(self.push_service.requests[-1])
		self.assertIn(f"受付番号 {number}", near["body"])
		self.assertIn("あと2人", near["body"])

		clerk = self.clerk_page(COUNTER)
		pressed = self.press(clerk, "Alt+n")  # the first of the two ahead
		page.wait_for_function(
			f"() => ({READ})(document.querySelector('.mnc-qt-ahead')) === 'あと1人'", timeout=CALLED_WITHIN_MS
		)
		one_left_ms = (time.monotonic() - pressed) * 1000
		clerk.wait_for_selector(f".mnc-cq-current .mnc-cq-number:has-text('{ahead[0].number}')")
		for done in ahead:
			clerk.wait_for_selector(f".mnc-cq-current .mnc-cq-number:has-text('{done.number}')")
			self.press(clerk, "Alt+c")  # 完了
			clerk.wait_for_selector(
				f".mnc-cq-current .mnc-cq-number:has-text('{done.number}')", state="detached"
			)
			pressed = self.press(clerk, "Alt+n")
		page.wait_for_selector(".mnc-qt[data-status='called']", timeout=CALLED_WITHIN_MS)
		called_ms = (time.monotonic() - pressed) * 1000
		self.assertEqual(read(page, ".mnc-qt-call-text"), f"{COUNTER}番窓口へお越しください")
		print(
			f"\nphone ({'realtime socket' if socket else 'asking, no socket'}): あと1人 {one_left_ms:.0f} ms, "
			f"the call {called_ms:.0f} ms after the clerk's press"
		)
		page.screenshot(path=SHOTS / "queue-phone-called.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		self.assertNotIn("Administrator", page.content())

		run_alert_job()
		called = device.read(self.push_service.requests[-1])
		self.assertIn(f"{COUNTER}番窓口へお越しください", called["body"])
		self.assertEqual(len([r for r in self.push_service.requests if r["path"].startswith("/push/")]), 2)
		self.show_in_the_service_worker(context, page, called)
		context.close()

	def show_in_the_service_worker(self, context, page, message: dict):
		"""The decrypted message, delivered to the page's service worker as the push service would: it
		shows the notice."""
		cdp = context.new_cdp_session(page)
		registrations = []
		cdp.on(
			"ServiceWorker.workerRegistrationUpdated",
			lambda event: registrations.extend(event["registrations"]),
		)
		cdp.send("ServiceWorker.enable")
		deadline = time.monotonic() + 5
		while not registrations and time.monotonic() < deadline:
			page.wait_for_timeout(100)
		(registration,) = (
			r for r in registrations if r["scopeURL"].endswith(WORKER_SCOPE) and not r["isDeleted"]
		)
		cdp.send(
			"ServiceWorker.deliverPushMessage",
			{
				"origin": BASE_URL,
				"registrationId": registration["registrationId"],
				"data": json.dumps(message),
			},
		)
		shown = page.wait_for_function(
			"""(scope) => navigator.serviceWorker.getRegistration(scope)
				.then((r) => r.getNotifications())
				.then((notes) => notes.length && notes.map((n) => ({ title: n.title, body: n.body })))""",
			arg=WORKER_SCOPE,
			timeout=SERVER_WAIT_MS,
		).json_value()
		self.assertEqual(shown[-1], {"title": message["title"], "body": message["body"]})

	def test_the_waits_page_on_a_phone_and_framed_by_the_town_site_only(self):
		for _ in range(3):
			tickets.issue(q.WALK_IN, PURPOSE)
		frappe.db.commit()
		context = self.phone_context()
		page = context.new_page()
		page.clock.install()  # the page's minute, run on at will
		page.goto(f"{BASE_URL}/queue-waits")
		self.assertEqual(shown_waiting(page), counted_in_sql()[PURPOSE])
		page.screenshot(path=SHOTS / "queue-waits.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		# refreshed every minute from the guest endpoint: one more comes meanwhile
		tickets.issue(q.WALK_IN, PURPOSE)
		frappe.db.commit()
		page.clock.run_for(61_000)
		page.wait_for_function(
			f"([purpose, n]) => ({SHOWN_WAITING})(purpose) === n",
			arg=[PURPOSE, counted_in_sql()[PURPOSE]],
			timeout=SERVER_WAIT_MS,
		)
		# the embed: framed by the town's own site, refused to any other
		for site, allowed in ((self.town_site, True), (self.other_site, False)):
			host = context.new_page()
			host.goto(f"{site.origin}/madoguchi.html")
			frame = host.frame_locator("iframe")
			if allowed:
				frame.locator(".mnc-qw-body").wait_for(timeout=SERVER_WAIT_MS)
				host.screenshot(path=SHOTS / "queue-waits-embed.png")
				self.assertEqual(serious_violations(host), [])
			else:
				host.wait_for_timeout(1500)
				self.assertEqual(frame.locator(".mnc-qw-body").count(), 0, site.origin)
				# the browser says why: the page's frame-ancestors (the one refusal this test expects)
				framing = [text for text in self.refused if "frame-ancestors" in text]
				self.assertTrue(framing, self.refused)
				self.refused = [text for text in self.refused if text not in framing]
			host.close()
		set_rules(queue_reception_closes="00:00:01")
		frappe.db.commit()
		page.goto(f"{BASE_URL}/queue-waits")
		self.assertTrue(page.is_visible(".mnc-qw-message[data-for='ended']"))
		self.assertFalse(page.is_visible(".mnc-qw-table"))
		page.screenshot(path=SHOTS / "queue-waits-ended.png", full_page=True)
		self.assertEqual(serious_violations(page), [])
		context.close()
