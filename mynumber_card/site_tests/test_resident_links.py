# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The residents' side of trust (issue 21): the kiosk checks in by the signed check-in code only and
says the same to every bad code; links and codes stop working when their booking is cancelled or
moved; a changed booking's messages go at most once in the town's interval."""

import email
import random
from contextlib import contextmanager
from datetime import timedelta
from email.header import decode_header, make_header

import frappe
from frappe.utils import add_days, getdate, now_datetime, set_request

from mynumber_card.api import booking as api
from mynumber_card.api import kiosk
from mynumber_card.api.scanner import run_scan
from mynumber_card.booking import notify
from mynumber_card.booking.links import (
	_secret,
	booking_for_check_in,
	booking_from_token,
	check_in_code,
	manage_url,
	token_for,
)
from mynumber_card.core import booking_states as states
from mynumber_card.core.dates import wareki
from mynumber_card.core.roles import KIOSK
from mynumber_card.core.signing import make_check_in_code
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import QueueTestCase, booking_today
from mynumber_card.settings import SETTINGS
from mynumber_card.testing import booking_values, make_outgoing_email_account, make_slot, make_user

NOT_VALID = "このQRコードでは受付できません。係員にお声がけください。"
SHOW_THE_QR = "予約確認のQRコードをかざしてください。"


def booking_on(days_from_today: int, **values):
	"""A confirmed booking on another day: booked ahead, then its day moved as time passes."""
	slot = make_slot(days_ahead=max(days_from_today, 1))
	booking = frappe.get_doc(booking_values(slot.name, **values)).insert(ignore_permissions=True)
	if days_from_today < 1:
		day = add_days(getdate(now_datetime()), days_from_today)
		frappe.db.set_value("Booking Slot", slot.name, "slot_date", day)
		frappe.db.set_value("Card Booking", booking.name, "slot_date", day)
		booking.reload()
	return booking


def refused_quietly(test, answer, message: str):
	test.assertFalse(answer["ok"], answer)
	test.assertEqual((answer["result"], answer["message"], answer["ticket"]), ("Refused", message, None))


class TestKioskTakesTheCheckInCodeOnly(QueueTestCase):
	def test_todays_code_checks_in_and_the_scanner_reads_it_too(self):
		booking = booking_today(10)
		answer = kiosk.check_in(check_in_code(booking))
		self.assertEqual((answer["ok"], answer["result"]), (True, "OK"), answer)
		self.assertEqual(
			frappe.db.get_value("Card Booking", booking.name, "workflow_state"), states.CHECKED_IN
		)
		# staff at the counter read the same QR (a booking of the day after, checked in by a clerk)
		other = booking_on(1)
		result = run_scan("Check-in", check_in_code(other), session_id="links-test")
		self.assertTrue(result["ok"], result)
		log = frappe.get_doc("Card Scan Log", result["log"])
		self.assertEqual((log.booking, log.kind, log.masked_value), (other.name, "check_in_code", "MNC-CI.…"))
		lookup = run_scan("Lookup", check_in_code(other), session_id="links-test")
		self.assertEqual(lookup["booking"]["name"], other.name)

	def test_staff_may_still_type_the_booking_number(self):
		booking = booking_on(2)
		result = run_scan("Check-in", booking.name, session_id="links-test")
		self.assertTrue(result["ok"], result)

	def test_the_code_of_another_day_is_refused_for_that_day(self):
		for days in (-1, 1):
			booking = booking_on(days)
			answer = kiosk.check_in(check_in_code(booking))
			day = wareki(getdate(booking.slot_date), with_weekday=True)
			refused_quietly(self, answer, f"ご予約は {day} です。係員にお声がけください。")
		# a code signed for today but naming another day's booking (made here with the secret)
		tomorrow = booking_on(1)
		code = make_check_in_code(tomorrow.name, 0, getdate(now_datetime()), _secret())
		refused_quietly(self, kiosk.check_in(code), NOT_VALID)
		self.assertEqual(
			frappe.db.get_value("Card Booking", tomorrow.name, "workflow_state"), states.CONFIRMED
		)

	def test_a_manage_link_or_a_bare_number_is_not_taken(self):
		booking = booking_today(5)
		for code in (
			token_for(booking),
			manage_url(booking),
			booking.name,
			f"https://x.example/{booking.name}",
		):
			with self.subTest(code=code[:30]):
				refused_quietly(self, kiosk.check_in(code), SHOW_THE_QR)
		self.assertEqual(
			frappe.db.get_value("Card Booking", booking.name, "workflow_state"), states.CONFIRMED
		)
		self.assertFalse(frappe.db.exists("Queue Ticket", {"booking": booking.name}))

	def test_the_refusal_never_tells_whether_a_booking_exists(self):
		existing = booking_today(5)
		today = getdate(now_datetime())
		good = check_in_code(existing)
		codes = {
			"signed, no such booking": make_check_in_code("BK-2099-99999", 0, today, _secret()),
			"another site's code for an existing booking": make_check_in_code(
				existing.name, 0, today, "another-site"
			),
			"tampered": good[:-1] + ("B" if good[-1] == "A" else "A"),
			"an older version": make_check_in_code(existing.name, 3, today, _secret()),
		}
		answers = {what: kiosk.check_in(code) for what, code in codes.items()}
		for what, answer in answers.items():
			with self.subTest(what):
				refused_quietly(self, answer, NOT_VALID)
		self.assertEqual(kiosk.check_in(existing.name), kiosk.check_in("BK-2099-99999"))
		self.assertNotIn(existing.name, frappe.as_json(answers))
		self.assertEqual(
			frappe.db.get_value("Card Booking", existing.name, "workflow_state"), states.CONFIRMED
		)


@contextmanager
def kiosk_request(ip: str, user: str):
	"""A POST to the kiosk's endpoint as the served site sees it: rate limits count only in a request."""
	method = "mynumber_card.api.kiosk.check_in"
	frappe.set_user(user)
	set_request(method="POST", path=f"/api/method/{method}")
	frappe.local.request_ip = ip
	frappe.local.form_dict = frappe._dict(cmd=method)
	key = frappe.cache.make_key(f"rl:{method}:{ip}:{user}")
	frappe.cache.delete(key)
	try:
		yield
	finally:
		frappe.cache.delete(key)
		del frappe.local.request
		frappe.local.request_ip = None
		frappe.local.form_dict = frappe._dict()
		frappe.set_user("Administrator")


def calls_counted(ip: str, user: str) -> int:
	return int(
		frappe.cache.get(frappe.cache.make_key(f"rl:mynumber_card.api.kiosk.check_in:{ip}:{user}")) or 0
	)


class TestKioskRateLimit(QueueTestCase):
	def test_each_kiosk_at_each_address_has_its_own_limit(self):
		ip = f"203.0.113.{random.randrange(1, 250)}"
		first = make_user("kiosk.one@example.jp", KIOSK)
		second = make_user("kiosk.two@example.jp", KIOSK)
		with kiosk_request(ip, first):
			for _ in range(kiosk.CALLS_PER_MINUTE):
				refused_quietly(self, kiosk.check_in("BK-2099-99999"), SHOW_THE_QR)
			with self.assertRaises(frappe.RateLimitExceededError):
				kiosk.check_in("BK-2099-99999")
		with kiosk_request(ip, second):  # another kiosk behind the same address
			refused_quietly(self, kiosk.check_in("BK-2099-99999"), SHOW_THE_QR)
		# the key is the session's user: a request naming another kiosk is still counted as its own
		with kiosk_request(ip, first):
			frappe.local.form_dict[kiosk.KIOSK_KEY] = second
			kiosk.check_in("x")
			self.assertEqual(calls_counted(ip, first), 1)
			self.assertEqual(calls_counted(ip, second), 0)


class TestLinksAreRevoked(QueueTestCase):
	def test_a_cancel_kills_the_link_and_the_check_in_code(self):
		booking = booking_today(10)
		token, code = token_for(booking), check_in_code(booking)
		answer = api.cancel_booking(token)
		self.assertEqual(
			(answer["state"], answer["qr"], answer["can_change"]), (states.CANCELLED, None, False)
		)
		for call in (api.get_booking, api.cancel_booking):
			with self.assertRaises(frappe.PermissionError) as refused:
				call(token)
			self.assertIn("取り消されたため", str(refused.exception))
		booking.reload()
		self.assertIsNone(booking_for_check_in(code))
		refused_quietly(self, kiosk.check_in(code), NOT_VALID)
		# nor does the cancelled booking's current code check in
		answer = kiosk.check_in(check_in_code(booking))
		self.assertEqual(answer["message"], "この予約では受付できません。係員にお声がけください。")

	def test_a_move_gives_a_new_link_and_the_old_one_dies(self):
		booking = booking_today(10)
		old_token, old_code = token_for(booking), check_in_code(booking)
		later = booking_today(20)  # a second slot today, for the same purpose
		answer = api.reschedule_booking(old_token, later.slot)
		new_token = answer["token"]
		self.assertNotEqual(new_token, old_token)
		with self.assertRaises(frappe.PermissionError) as refused:
			api.get_booking(old_token)
		self.assertIn("一番新しいメール", str(refused.exception))
		with self.assertRaises(frappe.PermissionError):
			api.reschedule_booking(old_token, booking.slot)
		self.assertEqual(api.get_booking(new_token)["name"], booking.name)
		self.assertEqual(booking_from_token(new_token).slot, later.slot)
		refused_quietly(self, kiosk.check_in(old_code), NOT_VALID)
		booking.reload()
		self.assertEqual(kiosk.check_in(check_in_code(booking))["result"], "OK")

	def test_the_page_says_why_an_old_link_no_longer_opens(self):
		from mynumber_card.site_tests.test_resident_wording import render_page

		booking = booking_on(3)
		token = token_for(booking)
		api.reschedule_booking(token, make_slot(days_ahead=4).name)
		page = render_page("my-booking", token=token)
		self.assertIn("この予約は変更されたため、このリンクはもう使えません。", page)
		self.assertNotIn(booking.full_name, page)

	def test_no_form_brings_back_a_revoked_version(self):
		booking = booking_on(3)
		api.cancel_booking(token_for(booking))
		doc = frappe.get_doc("Card Booking", booking.name)
		doc.update({"link_version": 0, "change_mail_held": 1, "remarks": "電話で取消を確認"})
		doc.save()
		self.assertEqual(
			frappe.db.get_value("Card Booking", booking.name, ["link_version", "change_mail_held"]), (1, 0)
		)
		posted = frappe.get_doc(booking_values(make_slot().name, link_version=9, change_mail_held=1))
		posted.insert(ignore_permissions=True)
		self.assertEqual((posted.link_version, posted.change_mail_held), (0, 0))


def mails(booking_name: str) -> list:
	return frappe.get_all(
		"Email Queue",
		filters={"reference_name": booking_name},
		fields=["name", "message"],
		order_by="creation asc",
	)


def subject(message: str) -> str:
	return str(make_header(decode_header(email.message_from_string(message)["Subject"])))


def html_of(message: str) -> str:
	parts = email.message_from_string(message).walk()
	return next(p for p in parts if p.get_content_type() == "text/html").get_payload(decode=True).decode()


class TestChangeMessagesArePaced(QueueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()

	def setUp(self):
		super().setUp()
		frappe.db.set_single_value(SETTINGS, "change_mail_minutes", 10)

	def test_three_moves_in_a_row_queue_one_mail_and_the_newest_follows(self):
		booking = booking_on(
			3, email="pace@example.jp", full_name="間隔 花子", full_name_kana="カンカク ハナコ"
		)
		# booked an hour ago: its confirmation is not what holds the next mail back
		frappe.db.set_value("Card Booking", booking.name, "last_mail_at", now_datetime() - timedelta(hours=1))
		before = len(mails(booking.name))
		token = token_for(booking)
		answers = []
		for days in (4, 5, 6):
			answer = api.reschedule_booking(token, make_slot(days_ahead=days).name)
			answers.append(answer)
			token = answer["token"]
		self.assertEqual([a["mail_held"] for a in answers], [False, True, True])
		queued = mails(booking.name)[before:]
		self.assertEqual(len(queued), 1)
		self.assertEqual(frappe.db.get_value("Card Booking", booking.name, "change_mail_held"), 1)
		# nothing more until the interval is up
		self.assertEqual(notify.send_held_changes(), [])
		# then the newest state goes, once, with the only link that still works
		self.assertEqual(notify.send_held_changes(now=now_datetime() + timedelta(minutes=11)), [booking.name])
		newest = mails(booking.name)[before + 1 :]
		self.assertEqual(len(newest), 1)
		current = frappe.get_doc("Card Booking", booking.name)
		self.assertIn(manage_url(current), html_of(newest[0].message).replace("&amp;", "&"))
		self.assertEqual(notify.send_held_changes(now=now_datetime() + timedelta(minutes=30)), [])
		# no subject names the resident (a phone's lock screen shows it)
		for mail in mails(booking.name):
			self.assertNotIn("間隔", subject(mail.message))
			self.assertNotIn("カンカク", subject(mail.message))

	def test_a_move_right_after_booking_waits_and_a_cancel_drops_it(self):
		booking = booking_on(3, email="wait@example.jp")
		before = len(mails(booking.name))
		answer = api.reschedule_booking(token_for(booking), make_slot(days_ahead=5).name)
		self.assertTrue(answer["mail_held"])
		self.assertEqual(len(mails(booking.name)), before)
		api.cancel_booking(answer["token"])
		self.assertEqual(notify.send_held_changes(now=now_datetime() + timedelta(minutes=11)), [booking.name])
		self.assertEqual(len(mails(booking.name)), before)  # a cancelled booking gets no "changed" mail
		self.assertEqual(frappe.db.get_value("Card Booking", booking.name, "change_mail_held"), 0)

	def test_pacing_off_sends_each_change(self):
		frappe.db.set_single_value(SETTINGS, "change_mail_minutes", 0)
		booking = booking_on(3, email="each@example.jp")
		before = len(mails(booking.name))
		token = token_for(booking)
		for days in (4, 5):
			token = api.reschedule_booking(token, make_slot(days_ahead=days).name)["token"]
		self.assertEqual(len(mails(booking.name)), before + 2)

	def test_the_sms_text_names_no_one(self):
		booking = booking_on(3, full_name="携帯 次郎", full_name_kana="ケイタイ ジロウ")
		context = notify.booking_context(booking)
		for template in (notify.confirmation_sms(), notify.reminder_sms()):
			text = notify.sms_text(booking, template, context)
			self.assertIn(booking.name, text)
			self.assertIn(manage_url(booking), text)
			self.assertNotIn("携帯", text)
			self.assertNotIn("ケイタイ", text)
