# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The counter queue in a browser: the kiosk (logged in with the Card Kiosk role only) checks a
booking in, a clerk calls next on the Counter Queue page, and the calling display in another
browser context shows the number within 3 seconds: once with Frappe's realtime socket (when the
site's socket.io server is running and reachable) and once with the socket blocked (polling).
Screenshots of the kiosk, the display and the clerk's page go to SHOTS."""

import contextlib
import tempfile
import time

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import update_password

from mynumber_card.booking.links import check_in_code
from mynumber_card.core import queue as q
from mynumber_card.core.roles import KIOSK
from mynumber_card.counter_queue import tickets
from mynumber_card.mynumber_card.doctype.card_booking.test_booking_browser import serious_violations
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import (
	APPLICANT,
	PURPOSE,
	booking_today,
	clear_test_tickets,
	make_purpose,
)
from mynumber_card.testing import (
	BASE_URL,
	CHROMIUM,
	CHROMIUM_ARGS,
	DESK,
	HTTP_TIMEOUT_S,
	LOCALE,
	SERVER_WAIT_MS,
	SHOTS,
	chromium,
	desk_page,
	make_user,
)

KIOSK_USER = "kiosk@town.example.jp"
KIOSK_PASSWORD = "Kiosk-test-7419!"
TABLET = {"width": 1280, "height": 800}
TV = {"width": 1920, "height": 1080}
CALLED_WITHIN_MS = 3000
COUNTER = 7


def kiosk_page(browser):
	page = browser.new_page(viewport=TABLET, locale=LOCALE)
	page.request.post(f"{BASE_URL}/api/method/login", form={"usr": KIOSK_USER, "pwd": KIOSK_PASSWORD})
	page.goto(f"{BASE_URL}/app/reception-kiosk")
	page.wait_for_selector(".mnc-kiosk-purpose", timeout=SERVER_WAIT_MS)
	return page


def display_page(browser, socket: bool):
	context = browser.new_context(viewport=TV, locale=LOCALE)
	if not socket:  # as where no socket.io server runs: the page must keep up by polling
		context.route("**/socket.io/**", lambda route: route.abort())
	page = context.new_page()
	page.goto(f"{BASE_URL}/queue-display")
	page.wait_for_selector(".mnc-qd-called-list", state="attached")
	return page


def camera_film(text: str, path) -> str:
	"""A short video of a QR code brought closer to the camera (YUV4MPEG2, which chromium's fake
	camera plays in a loop). One fixed size is not enough: html5-qrcode scales the frame to its
	250 px box, and at one size a few codes never read (CI, 2026-12-06: one at scale 8; 20 of 20
	random codes read with these five sizes)."""
	from io import BytesIO

	import segno
	from PIL import Image

	width, height = 640, 480
	qr = segno.make_qr(text, error="m")
	grey = bytes([128]) * (width // 2 * height // 2)  # no colour
	with open(path, "wb") as film:
		film.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
		for scale in (5, 6, 7, 8, 9):
			buffer = BytesIO()
			qr.save(buffer, kind="png", scale=scale, border=4)
			code = Image.open(BytesIO(buffer.getvalue())).convert("L")
			frame = Image.new("L", (width, height), 255)
			frame.paste(code, ((width - code.width) // 2, (height - code.height) // 2))
			for _ in range(3):  # 0.3 s at each distance
				film.write(b"FRAME\n" + frame.tobytes() + grey + grey)
	return str(path)


def socket_connected(page) -> bool:
	return page.evaluate("() => Boolean(frappe.realtime.socket && frappe.realtime.socket.connected)")


class KioskBrowserTestCase(FrappeTestCase):
	"""The test purpose and the kiosk's user, committed for the served site, and one chromium for the class;
	a clerk's Counter Queue page on the desk."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_purpose()
		make_user(KIOSK_USER, KIOSK)
		update_password(KIOSK_USER, KIOSK_PASSWORD)
		frappe.db.commit()
		cls.browser = cls.enterClassContext(chromium())

	def clerk_page(self, counter: int):
		page = desk_page(self.browser, DESK)
		page.evaluate(
			"([c, p]) => { localStorage.setItem('mnc_queue_counter', c); localStorage.setItem('mnc_queue_purpose', p); }",
			[str(counter), PURPOSE],
		)
		page.goto(f"{BASE_URL}/app/counter-queue")
		page.wait_for_selector(".mnc-cq-next", timeout=SERVER_WAIT_MS)
		page.wait_for_selector(f'.mnc-cq-purpose option[value="{PURPOSE}"]', state="attached")
		page.select_option(".mnc-cq-purpose", PURPOSE)
		return page


class TestQueueInBrowser(KioskBrowserTestCase):
	def setUp(self):
		clear_test_tickets()
		frappe.db.commit()
		self.bookings = []

	def tearDown(self):
		clear_test_tickets()
		for booking in self.bookings:  # committed for the served site: removed here
			frappe.delete_doc("Card Booking", booking.name, force=True, ignore_permissions=True)
			frappe.delete_doc("Booking Slot", booking.slot, force=True, ignore_permissions=True)
		frappe.db.commit()

	def check_in_and_call(self, socket: bool) -> dict:
		booking = booking_today(5, full_name=APPLICANT)
		self.bookings.append(booking)
		frappe.db.commit()
		kiosk = kiosk_page(self.browser)
		kiosk.screenshot(path=SHOTS / "queue-kiosk.png")
		self.assertEqual(serious_violations(kiosk), [])
		# a wedge scanner types the confirmation's QR (the booking's check-in code) and Enter
		kiosk.locator(".mnc-kiosk-input").press_sequentially(check_in_code(booking), delay=5)
		kiosk.locator(".mnc-kiosk-input").press("Enter")
		kiosk.wait_for_selector(".mnc-kiosk-ok .mnc-kiosk-number", timeout=SERVER_WAIT_MS)
		number = kiosk.inner_text(".mnc-kiosk-number").strip()
		self.assertRegex(number, r"^A-\d{3,}$")
		self.assertNotIn(APPLICANT, kiosk.inner_text(".mnc-kiosk-result"))
		kiosk.screenshot(path=SHOTS / "queue-kiosk-ticket.png")
		display = display_page(self.browser, socket)
		display.wait_for_selector(f".mnc-qd-next-list li:has-text('{number}')", timeout=SERVER_WAIT_MS)
		if socket:
			# socket.io reaches a site served under its own name (bench start, nginx); the test
			# suite's server on 127.0.0.1 has none, and then the display must keep up by polling
			from playwright.sync_api import TimeoutError as PlaywrightTimeout

			with contextlib.suppress(PlaywrightTimeout):
				display.wait_for_function(
					"() => frappe.realtime.socket && frappe.realtime.socket.connected", timeout=5000
				)
		clerk = self.clerk_page(COUNTER)
		clerk.keyboard.press("Alt+n")  # 次の方を呼出, by keyboard
		started = time.monotonic()
		display.wait_for_selector(
			f".mnc-qd-called-list .mnc-qd-number:has-text('{number}')", timeout=CALLED_WITHIN_MS
		)
		elapsed_ms = (time.monotonic() - started) * 1000
		display.wait_for_selector(".mnc-qd-announce-on", timeout=CALLED_WITHIN_MS)
		self.assertEqual(display.inner_text(".mnc-qd-announce").strip(), q.announcement(number, COUNTER))
		self.assertNotIn(APPLICANT, display.content())
		clerk.wait_for_selector(f".mnc-cq-current .mnc-cq-number:has-text('{number}')")
		return {
			"number": number,
			"display": display,
			"clerk": clerk,
			"kiosk": kiosk,
			"elapsed_ms": elapsed_ms,
			"socket": socket_connected(display),
		}

	def test_kiosk_check_in_is_called_on_the_display_within_3_seconds(self):
		run = self.check_in_and_call(socket=True)
		print(
			f"\nrealtime socket connected: {run['socket']}; shown {run['elapsed_ms']:.0f} ms after the call"
		)
		run["display"].screenshot(path=SHOTS / "queue-display.png")
		self.assertEqual(serious_violations(run["display"]), [])
		clerk = run["clerk"]
		clerk.keyboard.press("Alt+b")  # 対応開始
		clerk.wait_for_selector(".mnc-cq-serving")
		for _ in range(3):  # residents arriving meanwhile: the clerk's list follows
			tickets.issue(q.WALK_IN, PURPOSE)
		frappe.db.commit()
		clerk.wait_for_selector(".mnc-cq-table tbody tr:nth-child(3)", timeout=SERVER_WAIT_MS)
		clerk.screenshot(path=SHOTS / "queue-clerk.png", full_page=True)
		self.assertEqual(serious_violations(clerk), [])

	def test_the_display_keeps_up_without_a_socket(self):
		run = self.check_in_and_call(socket=False)
		self.assertFalse(run["socket"])
		print(f"\npolling only: shown {run['elapsed_ms']:.0f} ms after the call")

	def test_check_in_by_camera(self):
		booking = booking_today(5)
		self.bookings.append(booking)
		frappe.db.commit()
		film = camera_film(
			check_in_code(booking), self.enterContext(tempfile.TemporaryDirectory()) + "/qr.y4m"
		)
		camera = ("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")
		# a browser of its own: the fake camera is chosen at launch
		browser = self.browser.browser_type.launch(
			executable_path=CHROMIUM,
			args=[*CHROMIUM_ARGS, *camera, f"--use-file-for-fake-video-capture={film}"],
		)
		try:
			kiosk = kiosk_page(browser)
			kiosk.click(".mnc-kiosk-camera-on")
			kiosk.wait_for_selector(".mnc-kiosk-result:not([hidden])", timeout=SERVER_WAIT_MS)
			kiosk.screenshot(path=SHOTS / "queue-kiosk-camera.png")
			self.assertTrue(kiosk.is_visible(".mnc-kiosk-ok"), kiosk.inner_text(".mnc-kiosk-result"))
			number = kiosk.inner_text(".mnc-kiosk-number").strip()
		finally:
			browser.close()
		self.assertEqual(frappe.db.get_value("Queue Ticket", {"booking": booking.name}, "number"), number)

	def test_walk_in_at_the_kiosk_prints_a_receipt(self):
		kiosk = kiosk_page(self.browser)
		kiosk.click(f".mnc-kiosk-purpose[data-purpose='{PURPOSE}']")
		kiosk.wait_for_selector(".mnc-kiosk-ok .mnc-kiosk-number", timeout=SERVER_WAIT_MS)
		number = kiosk.inner_text(".mnc-kiosk-number").strip()
		self.assertRegex(number, r"^B-\d{3,}$")
		self.assertIn(number, kiosk.inner_text(".mnc-kiosk-receipt"))
		kiosk.emulate_media(media="print")
		self.assertTrue(kiosk.is_visible(".mnc-kiosk-receipt"))
		kiosk.screenshot(path=SHOTS / "queue-kiosk-receipt.png")
		kiosk.emulate_media(media="screen")
		kiosk.click(".mnc-kiosk-back")
		kiosk.wait_for_selector(".mnc-kiosk-purpose", state="visible")

	def test_the_kiosk_role_can_do_nothing_else(self):
		session = requests.Session()
		session.post(
			f"{BASE_URL}/api/method/login",
			data={"usr": KIOSK_USER, "pwd": KIOSK_PASSWORD},
			timeout=HTTP_TIMEOUT_S,
		).raise_for_status()
		headers = {"X-Frappe-CSRF-Token": session.cookies.get("csrf_token", "")}
		ok = session.get(f"{BASE_URL}/api/method/mynumber_card.api.kiosk.start", timeout=HTTP_TIMEOUT_S)
		self.assertEqual(ok.status_code, 200, ok.text[:300])
		for method, url in (
			("POST", "/api/method/mynumber_card.api.counter_queue.call_next?counter=1"),
			("GET", "/api/method/mynumber_card.api.counter_queue.board"),
			("GET", "/api/resource/Card Booking"),
			("GET", "/api/resource/Queue Ticket"),
			("GET", "/api/resource/MyNumber Card"),
			("POST", "/api/method/mynumber_card.api.scanner.scan?mode=Lookup&code=BK-2026-00001"),
		):
			response = session.request(method, f"{BASE_URL}{url}", headers=headers, timeout=HTTP_TIMEOUT_S)
			self.assertEqual(response.status_code, 403, f"{method} {url}: {response.status_code}")
