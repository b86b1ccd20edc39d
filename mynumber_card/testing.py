"""Helpers for the integration tests (FrappeTestCase on a real site)."""

import os
import random
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.core.roles import CLERK, MANAGER
from mynumber_card.ledger.transitions import apply_system_transition

# Human moves in order, up to each state (Booked and Pending Disposal are the system's moves).
PATH_TO = {
	lifecycle.RECEIVED: (),
	lifecycle.PREPARED: (lifecycle.PREPARED,),
	lifecycle.NOTICE_SENT: (lifecycle.PREPARED, lifecycle.NOTICE_SENT),
	lifecycle.RENOTICE_SENT: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.RENOTICE_SENT),
	lifecycle.BOOKED: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.BOOKED),
	lifecycle.ISSUED: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.BOOKED, lifecycle.ISSUED),
	lifecycle.PENDING_DISPOSAL: (lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.PENDING_DISPOSAL),
	lifecycle.MAILED: (lifecycle.PREPARED, lifecycle.MAILED),
}


# Seeded: a failing run repeats with the same "random" records (MNC_TEST_SEED picks another sequence).
RNG = random.Random(int(os.environ.get("MNC_TEST_SEED", "15")))


def fresh(draw: Callable[[], str], taken: Callable[[str], bool]) -> str:
	"""The next seeded value no record holds: what a stopped run left behind never clashes."""
	while taken(value := draw()):
		pass
	return value


def unique_application_id(lead: str = "8") -> str:
	"""The leading 8 marks test data."""
	return fresh(
		lambda: f"{lead}{RNG.randrange(10**22):022d}",
		lambda value: bool(frappe.db.exists("MyNumber Card", {"application_id": value})),
	)


def unique_notice_number() -> str:
	return fresh(
		lambda: f"{''.join(RNG.choices('0123456789ABCDEF', k=3))}-{RNG.randrange(10**6):06d}",
		lambda value: bool(frappe.db.exists("MyNumber Card", {"notice_number": value})),
	)


def make_card(state: str = lifecycle.RECEIVED, **values):
	"""A card saved and moved to `state` along the real transitions, as Administrator."""
	card = frappe.get_doc(
		{
			"doctype": "MyNumber Card",
			"application_id": unique_application_id(),
			"notice_number": unique_notice_number(),
			"full_name": "試験 太郎",
			"full_name_kana": "シケン タロウ",
			"birth_date": "1980-04-01",
			**values,
		}
	).insert()
	for next_state in PATH_TO[state]:
		if next_state in (lifecycle.BOOKED, lifecycle.PENDING_DISPOSAL):
			apply_system_transition(card, next_state)
		else:
			card.workflow_state = next_state
			card.save()
	return card


def card_from_records(**values):
	"""An issued card from the town's earlier ledger (its own 交付日), as most holders' cards are."""
	return make_card(
		registered_from_records=1,
		application_id=None,
		notice_number=None,
		**{"issued_date": "2020-01-10", **values},
	)


def in_japanese(test):
	"""Messages in Japanese, as clerks and residents read them, for one test (the language before is
	put back after it)."""
	test.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
	frappe.local.lang = "ja"


def make_user(email: str, *roles: str) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	return email


class StaffTestCase(FrappeTestCase):
	"""Tests acting as counter staff: two clerks (one cannot witness their own move) and a manager.
	Each test ends as Administrator again."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.clerk = make_user("clerk.test@example.jp", CLERK)
		cls.clerk_2 = make_user("clerk2.test@example.jp", CLERK)
		cls.manager = make_user("manager.test@example.jp", MANAGER)

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def record(self, card, service_type, user=None, **values):
		"""A Card Service recorded by a clerk (or `user`), as at the counter."""
		frappe.set_user(user or self.clerk)
		try:
			return frappe.get_doc(
				{"doctype": "Card Service", "card": card.name, "service_type": service_type, **values}
			).insert()
		finally:
			frappe.set_user("Administrator")


class SlotTestCase(FrappeTestCase):
	"""Tests sharing one slot, `self.slot`, made for the class by make_slot(**slot_values) (not committed)."""

	slot_values: ClassVar[dict] = {}

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.slot = make_slot(**cls.slot_values).name


@contextmanager
def versions_recorded():
	"""Frappe skips Version records while testing; the audit-trail tests need them."""
	in_test = frappe.flags.in_test
	frappe.flags.in_test = False
	try:
		yield
	finally:
		frappe.flags.in_test = in_test


def at_once(task: Callable, args, user: str = "Administrator"):
	"""Run task(arg) for each arg at the same moment, each in its own thread and connection to the site as
	a second clerk or resident has (concurrency tests); return when all are done. Commit what they must see."""
	site = frappe.local.site
	args = list(args)
	barrier = threading.Barrier(len(args))

	def run(arg):
		frappe.init(site=site)
		frappe.connect()
		frappe.set_user(user)
		try:
			barrier.wait(timeout=30)
			task(arg)
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=(arg,)) for arg in args]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()


def make_location(name: str = "テスト庁舎") -> str:
	if not frappe.db.exists("Booking Location", name):
		frappe.get_doc(
			{"doctype": "Booking Location", "location_name": name, "address": "テスト町1番地"}
		).insert(ignore_permissions=True)
	return name


def make_slot(
	capacity: int = 2, purposes=("申請サポート", "カード受取", "更新"), days_ahead: int = 3, hour: int = 10
):
	"""A slot inside the default booking window (30 days ahead, closing 24 hours before)."""
	day = frappe.utils.add_days(frappe.utils.today(), days_ahead)
	minute = RNG.randrange(25)
	return frappe.get_doc(
		{
			"doctype": "Booking Slot",
			# a new location each time: a distinct slot key
			"location": make_location(
				fresh(
					lambda: f"テスト庁舎{RNG.randrange(10**6)}",
					lambda name: bool(frappe.db.exists("Booking Location", name)),
				)
			),
			"slot_date": day,
			"start_time": f"{hour:02d}:{minute:02d}:00",
			"end_time": f"{hour:02d}:{minute + 30:02d}:00",
			"capacity": capacity,
			"purposes": [{"purpose": p} for p in purposes],
		}
	).insert(ignore_permissions=True)


def remove_slot(slot: str):
	"""Delete a committed test slot with its bookings, their mails and its own location, and commit."""
	for name in frappe.get_all("Card Booking", filters={"slot": slot}, pluck="name"):
		for mail in frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"):
			frappe.delete_doc("Email Queue", mail, force=True, ignore_permissions=True)
		frappe.delete_doc("Card Booking", name, force=True, ignore_permissions=True)
	location = frappe.db.get_value("Booking Slot", slot, "location")
	frappe.delete_doc("Booking Slot", slot, force=True)
	if location and not frappe.db.exists("Booking Slot", {"location": location}):
		frappe.delete_doc("Booking Location", location, force=True)
	frappe.db.commit()


def remove_card(name: str):
	"""Delete a committed test card with its bookings, and commit."""
	for booking in frappe.get_all("Card Booking", filters={"card": name}, pluck="name"):
		frappe.delete_doc("Card Booking", booking, force=True, ignore_permissions=True)
	frappe.delete_doc("MyNumber Card", name, force=True)
	frappe.db.commit()


# A booking's proxy who will come instead of the holder (the pickup form's proxy part).
BOOKING_PROXY = {
	"proxy_coming": 1,
	"proxy_kind": "Authorised Proxy",
	"proxy_name": "代理 花子",
	"proxy_name_kana": "ダイリ ハナコ",
	"proxy_relationship": "長女",
}


def booking_values(slot: str, purpose: str = "申請サポート", **values) -> dict:
	return {
		"doctype": "Card Booking",
		"purpose": purpose,
		"slot": slot,
		"channel": "Web",
		"full_name": "予約 花子",
		"full_name_kana": "ヨヤク ハナコ",
		# a different person each time unless a test says otherwise
		"birth_date": frappe.utils.add_days("1940-01-01", RNG.randrange(20000)),
		"phone": "0280-00-0000",
		**values,
	}


def book_pickup(card, **values):
	"""A カード受取 booking for the card in a pickup slot of its own, by its holder's birth date unless told."""
	pickup = "カード受取"
	values = {"notice_number": card.notice_number, "birth_date": card.birth_date, **values}
	return frappe.get_doc(booking_values(make_slot(purposes=(pickup,)).name, pickup, **values)).insert()


def make_outgoing_email_account():
	"""Confirmation emails go to the Email Queue; nothing is ever sent from the test site."""
	if not frappe.db.exists("Email Account", "MNC Test Outgoing"):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "MNC Test Outgoing",
				"email_id": "mynumber@town.example.jp",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 2525,
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)


def confirmation_email(booking_name: str) -> tuple[str, bytes]:
	"""The HTML and the QR PNG of the confirmation queued for a booking."""
	import email

	queue = frappe.get_last_doc("Email Queue", filters={"reference_name": booking_name})
	message = email.message_from_string(queue.message)
	parts = {part.get_content_type(): part.get_payload(decode=True) for part in message.walk()}
	return parts["text/html"].decode(), parts["image/png"]


def queued_jobs(method: str, **arguments):
	"""The jobs of this site in the short queue that call `method` with these arguments (tests and
	benchmarks run no worker)."""
	from frappe.utils.background_jobs import get_queue

	for job in get_queue("short").jobs:
		queued = job.kwargs or {}
		if (queued.get("site"), queued.get("method")) != (frappe.local.site, method):
			continue
		if all(queued["kwargs"].get(key) == value for key, value in arguments.items()):
			yield job


def call_until_empty(counter: int, purpose: str, office: str | None = None) -> list[str]:
	"""A clerk calling and starting the next ticket until none is left, each call committed on this
	connection: the numbers called, in order (for races between clerks, each on its own thread)."""
	from mynumber_card.core import queue as q
	from mynumber_card.counter_queue import tickets

	called = []
	while doc := tickets.call_next(counter, purpose, office):
		tickets.act(doc.name, q.START, office=office)  # the next call_next completes it
		frappe.db.commit()
		called.append(doc.number)
	frappe.db.commit()
	return called


def run_queued_job(method: str, **arguments):
	"""Do what a worker would with a job the site queued: run it here, and take it off the queue."""
	for job in queued_jobs(method, **arguments):
		frappe.get_attr(method)(**job.kwargs["kwargs"])
		job.delete()
		return
	raise AssertionError(f"no queued {method} with {arguments}")


def post_upload(method: str, content: bytes, filename: str, **form):
	"""Call a whitelisted method as the desk's upload does: a multipart POST with the file, read in memory."""
	import io
	from unittest.mock import patch

	from werkzeug.test import EnvironBuilder

	builder = EnvironBuilder(method="POST", data={"file": (io.BytesIO(content), filename), **form})
	with patch.object(frappe.local, "request", builder.get_request(), create=True):
		return frappe.get_attr(method)(**form)


def printed_text(test, doc, print_format: str) -> str:
	"""The text pdftotext reads in the print format's PDF of a document, in NFKC on one line: the PDF's CJK
	font maps some kanji to compatibility forms (⽉ for 月). Skips the test without poppler-utils."""
	if not shutil.which("pdftotext"):
		test.skipTest("pdftotext (poppler-utils) is not installed")
	pdf = frappe.get_print(doc.doctype, doc.name, print_format=print_format, as_pdf=True)
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "letter.pdf"
		path.write_bytes(pdf)
		text = subprocess.run(
			["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
		).stdout
	return unicodedata.normalize("NFKC", text).replace("\n", "")


# Browser and HTTP tests -------------------------------------------------------------------------
# They run against the test site served by scripts/test.sh with Debian's chromium driven by Playwright;
# screenshots go to MNC_SCREENSHOTS for a person to look at.
BASE_URL = os.environ.get("MNC_TEST_URL", "http://127.0.0.1:8010")
SHOTS = Path(os.environ.get("MNC_SCREENSHOTS", "/tmp/mynumber_card-screenshots"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking")
LOCALE = "ja-JP"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
SERVER_WAIT_MS = 20000  # a page waiting on the server: signing in, a booking sent, a record opened
IMPORT_WAIT_MS = 60000  # a file imported while the page waits
HTTP_TIMEOUT_S = 30
DEBOUNCE_MS = 700  # Frappe's Data control sets typed text in the document after 500 ms


@contextmanager
def chromium():
	"""A headless chromium for a test or a test class (unittest's enterClassContext)."""
	from playwright.sync_api import sync_playwright

	SHOTS.mkdir(parents=True, exist_ok=True)
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
		try:
			yield browser
		finally:
			browser.close()


def desk_page(browser, viewport: dict = DESK):
	"""A page signed in to the desk as Administrator."""
	page = browser.new_page(viewport=viewport, locale=LOCALE)
	page.goto(f"{BASE_URL}/login")
	page.fill("#login_email", "Administrator")
	page.fill("#login_password", frappe.conf.get("admin_password") or "admin")
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=SERVER_WAIT_MS)
	return page


def resident_page(browser, viewport: dict = PHONE):
	"""A page as a resident opens one: in Japanese, on a phone unless another viewport is given."""
	return browser.new_page(viewport=viewport, locale=LOCALE)


def button(page, *labels: str):
	"""The first visible button with any of these labels (the desk's Japanese or English)."""
	return page.locator(", ".join(f'button:visible:has-text("{label}")' for label in labels)).first


def make_delivery(expected_count: int, received_date: str | None = None):
	"""An open Card Delivery, in the test's transaction."""
	return frappe.get_doc(
		{
			"doctype": "Card Delivery",
			"expected_count": expected_count,
			"received_date": received_date or frappe.utils.today(),
			"status": "Open",
		}
	).insert()


def open_delivery(expected_count: int, received_date: str | None = None):
	"""An open Card Delivery, committed so that the served site sees it (remove_delivery removes it)."""
	delivery = make_delivery(expected_count, received_date)
	frappe.db.commit()
	return delivery


def remove_delivery(delivery: str):
	"""Delete a committed test delivery with its cards and scan logs, and commit."""
	frappe.db.delete("Card Scan Log", {"delivery": delivery})
	for name in frappe.get_all("MyNumber Card", filters={"delivery": delivery}, pluck="name"):
		frappe.delete_doc("MyNumber Card", name, force=True)
	frappe.delete_doc("Card Delivery", delivery, force=True)
	frappe.db.commit()
