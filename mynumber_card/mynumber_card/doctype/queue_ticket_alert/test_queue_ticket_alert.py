# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The ticket on the phone and its call-back on a real site: the signed link and what the page shows,
the near and called messages by Web Push (to a push service on loopback that records what the site
posts; the test decrypts each message with the subscription's own keys), by SMS (a loopback gateway)
and by mail (the Email Queue), no name in any of them, and the address gone once the ticket ends."""

import base64
import json
import os
import threading
from contextlib import contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import frappe
from frappe.utils import getdate, now_datetime

from mynumber_card.api import queue_phone as api
from mynumber_card.booking.links import check_in_code
from mynumber_card.core import queue as q
from mynumber_card.core import queue_phone
from mynumber_card.core.signing import make_ticket_token
from mynumber_card.counter_queue import alerts, line, phone, tickets, web_push
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import (
	APPLICANT,
	APPLICANT_KANA,
	PURPOSE,
	QueueTestCase,
	booking_today,
	set_rules,
)
from mynumber_card.testing import make_outgoing_email_account

ALERT = "Queue Ticket Alert"
COUNTER = 4
PHONE = "090-1234-5678"
MAIL = "kuyakusho.test@example.jp"


def b64(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Recorder(ThreadingHTTPServer):
	"""A push service (or SMS gateway) on loopback: records every request and answers `status`; with a
	`page`, a web site that answers every GET with that HTML."""

	daemon_threads = True

	def __init__(self):
		self.requests: list[dict] = []
		self.status = 201
		self.page: str | None = None
		super().__init__(("127.0.0.1", 0), _Handler)

	@property
	def origin(self) -> str:
		return f"http://127.0.0.1:{self.server_port}"


class _Handler(BaseHTTPRequestHandler):
	def _record(self):
		length = int(self.headers.get("Content-Length") or 0)
		url = urlsplit(self.path)
		self.server.requests.append(
			{
				"method": self.command,
				"path": url.path,
				"query": parse_qs(url.query),
				"headers": {k.lower(): v for k, v in self.headers.items()},
				"body": self.rfile.read(length) if length else b"",
			}
		)
		if self.command == "GET" and self.server.page is not None:
			body = self.server.page.encode()
			self.send_response(200)
			self.send_header("Content-Type", "text/html; charset=utf-8")
			self.send_header("Content-Length", str(len(body)))
			self.end_headers()
			self.wfile.write(body)
			return
		self.send_response(self.server.status)
		self.send_header("Content-Length", "0")
		self.end_headers()

	do_POST = do_GET = _record

	def log_message(self, *args):
		pass


@contextmanager
def loopback():
	server = Recorder()
	thread = threading.Thread(target=server.serve_forever, daemon=True)
	thread.start()
	try:
		yield server
	finally:
		server.shutdown()
		server.server_close()


class Phone:
	"""A browser's push subscription: its P-256 key pair and auth secret, as PushManager makes them."""

	def __init__(self, endpoint: str):
		from cryptography.hazmat.primitives.asymmetric import ec
		from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

		self.key = ec.generate_private_key(ec.SECP256R1())
		self.auth = os.urandom(16)
		self.subscription = {
			"endpoint": endpoint,
			"expirationTime": None,
			"keys": {
				"p256dh": b64(
					self.key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
				),
				"auth": b64(self.auth),
			},
		}

	def read(self, request: dict) -> dict:
		"""The message the site sent, decrypted with this phone's keys (RFC 8291, aes128gcm)."""
		import http_ece

		assert request["headers"]["content-encoding"] == "aes128gcm"
		text = http_ece.decrypt(
			request["body"], private_key=self.key, auth_secret=self.auth, version="aes128gcm"
		)
		return json.loads(text)


def check_vapid(request: dict, audience: str):
	"""The request is signed with the site's VAPID key for this push service (RFC 8292)."""
	from cryptography.hazmat.primitives import hashes
	from cryptography.hazmat.primitives.asymmetric import ec
	from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

	scheme, _, params = request["headers"]["authorization"].partition(" ")
	assert scheme == "vapid"
	fields = dict(part.strip().split("=", 1) for part in params.split(","))
	assert fields["k"] == web_push.public_key()
	header, claims, signature = fields["t"].split(".")
	raw = base64.urlsafe_b64decode(signature + "==")
	public = ec.EllipticCurvePublicKey.from_encoded_point(
		ec.SECP256R1(), base64.urlsafe_b64decode(fields["k"] + "==")
	)
	der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
	public.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))  # raises when forged
	assert json.loads(base64.urlsafe_b64decode(claims + "=="))["aud"] == audience


class PhoneTestCase(QueueTestCase):
	def setUp(self):
		super().setUp()
		frappe.db.delete(ALERT)
		set_rules(
			queue_near_alert=3,
			queue_web_push=1,
			queue_sms_alerts=1,
			queue_mail_alerts=1,
			queue_push_services="https://fcm.googleapis.com",
		)

	def walk_ins(self, count: int) -> list:
		return [tickets.issue(q.WALK_IN, PURPOSE) for _ in range(count)]

	def call(self):
		return tickets.call_next(COUNTER, PURPOSE)

	def serve_next(self):
		"""The clerk calls the next one and is done with them."""
		return tickets.act(self.call().name, q.FINISH)

	def token(self, doc) -> str:
		return phone.token_for(doc)


class TestTicketPage(PhoneTestCase):
	def test_the_link_opens_the_ticket_on_its_day_only(self):
		first, second = self.walk_ins(2)
		view = api.ticket(self.token(second))
		self.assertEqual((view["number"], view["status"], view["ahead"]), (second.number, "waiting", 1))
		self.assertEqual(view["purpose"], PURPOSE)
		self.assertEqual(view["poll_s"], queue_phone.FAST_POLL_S)
		from frappe.utils.password import get_encryption_key

		yesterday = make_ticket_token(
			second.name, getdate(now_datetime()) - timedelta(days=1), get_encryption_key()
		)
		with self.assertRaises(phone.TicketLinkRefused) as refused:
			api.ticket(yesterday)
		self.assertIn("別の日", str(refused.exception))
		for forged in ("", "abc.def", self.token(second)[:-3] + "AAA", first.name):
			with self.assertRaises(phone.TicketLinkRefused):
				api.ticket(forged)

	def test_the_page_follows_the_ticket_and_shows_no_name(self):
		from frappe.website.serve import get_response

		booking = booking_today(0, full_name=APPLICANT, full_name_kana=APPLICANT_KANA)
		from mynumber_card.api import kiosk

		answer = kiosk.check_in(check_in_code(booking))
		doc = tickets.ticket_for_booking(booking.name)
		self.assertTrue(answer["ticket"]["phone_qr"].startswith("data:image/png;base64,"))
		token = self.token(doc)
		self.assertEqual(api.ticket(token)["place"], booking.location)  # the booked office
		self.call()
		called = api.ticket(token)
		self.assertEqual((called["status"], called["counter"]), ("called", COUNTER))
		frappe.set_user("Guest")
		frappe.local.form_dict = frappe._dict(token=token)
		response = get_response("queue-ticket")
		html = response.get_data(as_text=True)
		self.assertEqual(response.status_code, 200)
		self.assertTrue('data-status="called"' in html, "called state")
		self.assertTrue(f'<strong class="mnc-qt-counter">{COUNTER}</strong>' in html, "counter number")
		for personal in (APPLICANT, APPLICANT_KANA, booking.name, booking.phone):
			self.assertFalse(personal in html, personal)
			self.assertFalse(frappe.as_json(personal).strip('"') in html, personal)

	def test_each_open_page_hears_what_changed_for_it_in_its_own_room(self):
		from frappe.utils.background_jobs import get_redis_connection_without_auth

		docs = self.walk_ins(4)
		watched = docs[1:]
		for doc in watched:
			api.ticket(self.token(doc))  # the page is open: it is told of changes
		listener = get_redis_connection_without_auth().pubsub()
		listener.subscribe("events")
		self.addCleanup(listener.close)
		listener.get_message(timeout=1)  # the subscription's own answer
		self.call()
		self.assertEqual(line.tell_phones(), 3)
		heard = {}
		while message := listener.get_message(timeout=1):
			event = json.loads(message["data"])
			if event["event"] == line.TICKET_EVENT and event["namespace"] == frappe.local.site:
				heard[event["room"]] = event["message"]
		for place, doc in enumerate(watched):
			told = heard[f"task_progress:{line.room_for(doc.name)}"]
			view = api.ticket(self.token(doc))  # what the page would read itself
			self.assertEqual(
				(told["status"], told["ahead"], told["minutes"]), ("waiting", place, view["minutes"])
			)
			self.assertEqual(view["room"], line.room_for(doc.name))
		self.assertEqual(len({line.room_for(doc.name) for doc in docs}), 4)
		self.assertNotIn(PURPOSE, frappe.as_json(heard))
		self.assertEqual(line.tell_phones(), 0)  # nothing changed since: nothing sent
		tickets.act(docs[1].name, q.CANCEL)
		self.assertEqual(line.tell_phones(), 3)  # the cancelled one, and the two behind it moved up
		tickets.act(docs[0].name, q.START)  # its page is not open: nobody to tell
		self.assertEqual(line.tell_phones(), 0)
		self.assertEqual(tickets.call_next(COUNTER, PURPOSE).name, docs[2].name)  # docs[0] done
		self.assertEqual(line.tell_phones(), 2)  # the one called, and the last moved up


class TestCallBack(PhoneTestCase):
	def setUp(self):
		super().setUp()
		self.service = self.enterContext(loopback())
		set_rules(queue_push_services=self.service.origin)
		make_outgoing_email_account()
		sms = frappe.get_doc("SMS Settings")
		sms.update(
			{
				"sms_gateway_url": f"{self.service.origin}/sms",
				"message_parameter": "text",
				"receiver_parameter": "to",
				"use_post": 0,
			}
		)
		sms.save(ignore_permissions=True)

	def subscribe(self, doc) -> Phone:
		device = Phone(f"{self.service.origin}/push/{frappe.generate_hash(length=12)}")
		api.subscribe_push(self.token(doc), json.dumps(device.subscription))
		return device

	def pushes(self) -> list[dict]:
		return [r for r in self.service.requests if r["path"].startswith("/push/")]

	def test_push_tells_near_then_called_and_nothing_twice(self):
		self.walk_ins(4)
		booking = booking_today(5, full_name=APPLICANT, full_name_kana=APPLICANT_KANA)
		from mynumber_card.api import kiosk

		kiosk.check_in(check_in_code(booking))  # booked: its place is its booked time, after the four
		doc = tickets.ticket_for_booking(booking.name)
		device = self.subscribe(doc)
		ahead = api.ticket(self.token(doc))["ahead"]
		self.assertGreater(ahead, 3)
		alerts.send_due()
		self.assertEqual(self.pushes(), [])  # not yet near
		while api.ticket(self.token(doc))["ahead"] > 3:
			self.serve_next()
		alerts.send_due()
		(near,) = self.pushes()
		check_vapid(near, self.service.origin)
		message = device.read(near)
		self.assertIn(f"受付番号 {doc.number}", message["body"])
		self.assertIn("あと3人", message["body"])
		self.assertTrue(message["url"].startswith(phone.ticket_url(doc).split("?")[0]))
		alerts.send_due()
		self.assertEqual(len(self.pushes()), 1)  # told once
		for _ in range(3):
			self.serve_next()
		self.assertEqual(self.call().name, doc.name)
		alerts.send_due()
		message = device.read(self.pushes()[-1])
		self.assertEqual(len(self.pushes()), 2)
		self.assertIn(f"{COUNTER}番窓口へお越しください", message["body"])
		tickets.act(doc.name, q.RECALL)  # called again: told again
		alerts.send_due()
		self.assertEqual(len(self.pushes()), 3)
		for request in self.pushes():
			body = json.dumps(device.read(request), ensure_ascii=False)
			for personal in (APPLICANT, APPLICANT_KANA, booking.name, booking.phone):
				self.assertNotIn(personal, body)
		tickets.act(doc.name, q.FINISH)  # the ticket ends: the address goes
		alerts.send_due()
		self.assertFalse(frappe.db.exists(ALERT, {"ticket": doc.name}))

	def test_sms_and_mail_tell_the_same_with_the_ticket_link(self):
		docs = self.walk_ins(3)
		doc = docs[-1]
		api.subscribe_contact(self.token(doc), "SMS", "０９０－１２３４－５６７８")  # as typed on a phone
		api.subscribe_contact(self.token(doc), "Email", MAIL)
		self.assertEqual(sorted(api.ticket(self.token(doc))["alerts"]), ["Email", "SMS"])
		self.assertEqual(frappe.db.get_value(ALERT, {"ticket": doc.name, "channel": "SMS"}, "phone"), PHONE)
		counts = alerts.send_due()  # 2 ahead of 3: near at once
		self.assertEqual(counts[alerts.SENT], 2)
		(sms,) = (r for r in self.service.requests if r["path"] == "/sms")
		self.assertEqual(sms["query"]["to"], ["09012345678"])
		text = sms["query"]["text"][0]
		self.assertIn(f"受付番号 {doc.number}", text)
		self.assertIn("あと2人", text)
		self.assertIn(f"/queue-ticket?token={self.token(doc)}", text)
		mail = frappe.get_last_doc(
			"Email Queue", filters={"reference_doctype": "Queue Ticket", "reference_name": doc.name}
		)
		self.assertIn(MAIL, [r.recipient for r in mail.recipients])
		self.assertIn(doc.number, mail.message)
		self.serve_next()
		self.serve_next()
		self.assertEqual(self.call().name, doc.name)
		alerts.send_due()
		texts = [r["query"]["text"][0] for r in self.service.requests if r["path"] == "/sms"]
		self.assertIn(f"{COUNTER}番窓口へお越しください", texts[-1])
		self.assertEqual(len(texts), 2)
		# the resident no longer wants it: the number and address go at once
		api.unsubscribe(self.token(doc))
		self.assertFalse(frappe.db.exists(ALERT, {"ticket": doc.name}))

	def test_a_forgotten_subscription_is_deleted(self):
		doc = self.walk_ins(1)[0]
		self.subscribe(doc)
		self.service.status = 410
		counts = alerts.send_due()
		self.assertEqual(counts[alerts.GONE], 1)
		self.assertFalse(frappe.db.exists(ALERT, {"ticket": doc.name}))

	def test_what_the_page_refuses_stores_nothing(self):
		doc = self.walk_ins(1)[0]
		token = self.token(doc)
		device = Phone(f"{self.service.origin}/push/x")
		for endpoint in (
			"https://evil.example/push",
			"http://127.0.0.1:8000/api/method/ping",
			"file:///etc/passwd",
		):
			bad = {**device.subscription, "endpoint": endpoint}
			with self.assertRaises(alerts.AlertRefused):
				api.subscribe_push(token, json.dumps(bad))
		for junk in ("", "{", "[]", json.dumps({"endpoint": device.subscription["endpoint"]}), "x" * 5000):
			with self.assertRaises(alerts.AlertRefused):
				api.subscribe_push(token, junk)
		for channel, value in (
			("SMS", "1234-5678-9018"),  # a 個人番号, spaced as a phone
			("SMS", "<script>alert(1)</script>"),
			("SMS", "090-1234-5678\u200b"),
			("Email", "123456789018@example.jp"),  # a 個人番号 as the mail's name
			("Email", "not a mail"),
			("Fax", "03-0000-0000"),
		):
			with self.assertRaises(frappe.ValidationError, msg=f"{channel} {value}"):
				api.subscribe_contact(token, channel, value)
		self.assertFalse(frappe.db.exists(ALERT, {"ticket": doc.name}))
		set_rules(queue_web_push=0, queue_sms_alerts=0)
		with self.assertRaises(alerts.AlertRefused):
			api.subscribe_push(token, json.dumps(device.subscription))
		with self.assertRaises(alerts.AlertRefused):
			api.subscribe_contact(token, "SMS", PHONE)
		tickets.act(doc.name, q.CANCEL)
		with self.assertRaises(alerts.AlertRefused):
			api.subscribe_contact(token, "Email", MAIL)
		self.assertFalse(frappe.db.exists(ALERT, {"ticket": doc.name}))

	def test_retention_clears_what_is_left(self):
		first, second = self.walk_ins(2)
		api.subscribe_contact(self.token(first), "Email", MAIL)
		api.subscribe_contact(self.token(second), "SMS", PHONE)
		alerts.send_due()
		mails = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Queue Ticket", "reference_name": first.name},
			pluck="name",
		)
		self.assertTrue(mails)
		frappe.db.set_value("Email Queue", mails, "status", "Sent")
		self.serve_next()  # the first is served and done
		# the second was left waiting when the day ended
		frappe.db.set_value(
			ALERT, {"ticket": second.name}, "ticket_date", getdate(now_datetime()) - timedelta(days=1)
		)
		self.assertEqual(alerts.clear_ended(), 2)
		self.assertFalse(frappe.db.exists(ALERT, {"ticket": ("in", [first.name, second.name])}))
		self.assertFalse(frappe.db.exists("Email Queue", {"name": ("in", mails)}))
		self.assertFalse(
			frappe.db.exists("Email Queue Recipient", {"recipient": MAIL, "parent": ("in", mails)})
		)


class TestVapidKeys(QueueTestCase):
	def test_one_key_pair_per_site_kept_in_its_config(self):
		private, public = web_push.keys()
		self.assertEqual(web_push.keys(), (private, public))
		stored = frappe.get_site_config()
		self.assertEqual((stored[web_push.PRIVATE_KEY], stored[web_push.PUBLIC_KEY]), (private, public))
		raw = base64.urlsafe_b64decode(public + "==")
		self.assertEqual((len(raw), raw[0]), (65, 4))
		self.assertTrue(web_push.subject().startswith(("mailto:", "https://")))
