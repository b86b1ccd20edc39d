# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, date_diff, now_datetime, today

from mynumber_card.api import booking as api
from mynumber_card.booking.links import _secret, token_for
from mynumber_card.booking.pickup_cards import PickupCardError
from mynumber_card.booking.places import SlotFullError, SlotUnavailableError
from mynumber_card.core import booking_states as states
from mynumber_card.core import lifecycle
from mynumber_card.core.signing import make_token
from mynumber_card.mynumber_card.doctype.card_booking.card_booking import BookingError
from mynumber_card.testing import (
	at_once,
	booking_values,
	confirmation_email,
	in_japanese,
	make_card,
	make_outgoing_email_account,
	make_slot,
	remove_slot,
)


def book(slot, **values):
	return frappe.get_doc(booking_values(slot, **values)).insert(ignore_permissions=True)


def slot_count(slot) -> int:
	return frappe.db.get_value("Booking Slot", slot, "booked_count")


class TestConcurrentBooking(FrappeTestCase):
	def test_twenty_residents_race_for_two_places(self):
		slot = make_slot(capacity=2).name
		frappe.db.commit()  # the racing connections must see the slot
		results: list[str] = []

		def resident(index: int):
			try:
				# a different kanji for each resident: names hold no digits (core/plain_text.py)
				book(slot, full_name=f"競争 {chr(0x4E00 + index)}", birth_date=f"1970-01-{index + 1:02d}")
				frappe.db.commit()
				results.append("booked")
			except SlotFullError as error:
				frappe.db.rollback()
				results.append("full:" + str(error))
			except Exception as error:
				frappe.db.rollback()
				results.append(f"error:{type(error).__name__}:{error}")

		at_once(resident, range(20), user="Guest")
		try:
			self.assertEqual(results.count("booked"), 2, results)
			full = [r.removeprefix("full:") for r in results if r.startswith("full:")]
			self.assertEqual(len(full), 18, results)
			# each resident who lost the race is told the time is full, in the site's language
			full_message = "Sorry, the chosen time is full. Please choose another."
			self.assertEqual(set(full) - {full_message, _(full_message, lang="ja")}, set(), full)
			self.assertEqual(slot_count(slot), 2)
			self.assertEqual(frappe.db.count("Card Booking", {"slot": slot}), 2)
			# cancelling frees a place
			name = frappe.get_all("Card Booking", filters={"slot": slot}, pluck="name")[0]
			api.cancel_booking(token_for(frappe.get_doc("Card Booking", name)))
			self.assertEqual(slot_count(slot), 1)
			offered = [s["slot"] for day in api.available_slots("申請サポート") for s in day["slots"]]
			self.assertIn(slot, offered)
		finally:
			remove_slot(slot)


class TestBookingRules(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_booking_takes_a_place_and_cancelling_frees_it(self):
		slot = make_slot(capacity=1).name
		booking = book(slot)
		self.assertEqual((booking.workflow_state, slot_count(slot)), (states.CONFIRMED, 1))
		with self.assertRaises(SlotFullError):
			book(slot, full_name="別の 人", birth_date="1970-02-02")
		api.cancel_booking(token_for(booking), "都合が悪くなったため")
		booking.reload()
		self.assertEqual((booking.workflow_state, slot_count(slot)), (states.CANCELLED, 0))
		self.assertTrue(booking.cancelled_at)
		book(slot, full_name="別の 人", birth_date="1970-02-02")
		self.assertEqual(slot_count(slot), 1)

	def test_one_active_booking_per_person_and_purpose(self):
		book(make_slot().name, birth_date="1960-05-05")
		with self.assertRaises(BookingError):
			# the same person, typed with a full-width space
			book(make_slot().name, full_name="予約　花子", birth_date="1960-05-05")
		book(make_slot().name, purpose="更新", birth_date="1960-05-05")  # another purpose is fine

	def test_bad_input_is_refused_and_writes_nothing(self):
		slot = make_slot().name
		before = frappe.db.count("Card Booking")
		for values in (
			{"full_name_kana": "山田"},
			{"birth_date": add_days(today(), 1)},
			{"phone": "12345", "email": None},
			{"phone": None, "email": None},
			{"email": "not-an-email"},
			{"purpose": "存在しない用件"},
			{"full_name": "<script>alert(1)</script>" * 5},
		):
			with self.subTest(values=values), self.assertRaises(frappe.ValidationError):
				book(slot, **values)
		self.assertEqual(frappe.db.count("Card Booking"), before)
		self.assertEqual(slot_count(slot), 0)

	def test_outside_the_window_or_purpose_refused(self):
		soon = make_slot(days_ahead=0, hour=23).name  # less than 24 hours ahead
		far = make_slot(days_ahead=40).name
		other = make_slot(purposes=("更新",)).name
		for slot in (soon, far, other):
			with self.subTest(slot=slot), self.assertRaises(SlotUnavailableError):
				book(slot)
			self.assertEqual(slot_count(slot), 0)

	def test_staff_may_book_by_phone_inside_closing_hours(self):
		frappe.set_user("Administrator")
		soon = add_to_date(now_datetime(), hours=2)  # inside the residents' closing hours, still ahead
		slot = make_slot(days_ahead=date_diff(soon, today()), hour=soon.hour).name
		booking = book(slot, channel="Phone", phone=None, email=None)
		self.assertEqual(booking.workflow_state, states.CONFIRMED)

	def test_closed_slot_refused(self):
		slot = make_slot()
		frappe.set_user("Administrator")
		slot.is_closed = 1
		slot.save()
		frappe.set_user("Guest")
		with self.assertRaises(SlotUnavailableError):
			book(slot.name)


class TestPickupBooking(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_pickup_books_the_card_and_cancelling_returns_it(self):
		card = make_card(lifecycle.RENOTICE_SENT, birth_date="1950-02-28")
		slot = make_slot().name
		frappe.set_user("Guest")
		booking = book(
			slot, purpose="カード受取", notice_number=card.notice_number.lower(), birth_date="1950-02-28"
		)
		self.assertEqual(booking.card, card.name)
		self.assertEqual(frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.BOOKED)
		api.cancel_booking(token_for(booking))
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.RENOTICE_SENT
		)

	def test_family_pickup_books_every_card(self):
		parent = make_card(lifecycle.NOTICE_SENT, birth_date="1975-07-07")
		child = make_card(lifecycle.NOTICE_SENT, birth_date="2012-03-03")
		frappe.set_user("Guest")
		booking = book(
			make_slot().name,
			purpose="カード受取",
			notice_number=parent.notice_number,
			birth_date="1975-07-07",
			members=[
				{
					"full_name": "予約 次郎",
					"full_name_kana": "ヨヤク ジロウ",
					"birth_date": "2012-03-03",
					"notice_number": child.notice_number,
				}
			],
		)
		self.assertEqual(booking.members[0].card, child.name)
		for card in (parent, child):
			self.assertEqual(
				frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.BOOKED
			)

	def test_a_family_member_without_kana_ticks_no_kana(self):
		in_japanese(self)
		parent = make_card(lifecycle.NOTICE_SENT, birth_date="1976-06-06")
		child = make_card(lifecycle.NOTICE_SENT, birth_date="2013-04-04", full_name="Ana Silva")
		frappe.set_user("Guest")
		member = {"full_name": "Ana Silva", "birth_date": "2013-04-04", "notice_number": child.notice_number}
		values = {"purpose": "カード受取", "notice_number": parent.notice_number, "birth_date": "1976-06-06"}
		slot = make_slot().name
		with self.assertRaisesRegex(BookingError, "フリガナ"):
			book(slot, **values, members=[member])
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", child.name, "workflow_state"), lifecycle.NOTICE_SENT
		)
		booking = book(slot, **values, members=[{**member, "no_kana": 1}])
		self.assertEqual(booking.members[0].card, child.name)
		self.assertFalse(booking.members[0].full_name_kana)

	def test_wrong_birth_date_or_state_refused_and_nothing_created(self):
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1950-02-28")
		prepared = make_card(lifecycle.PREPARED, birth_date="1950-02-28")
		slot = make_slot().name
		before = frappe.db.count("Card Booking")
		frappe.set_user("Guest")
		for notice, birth in (
			(card.notice_number, "1950-03-01"),
			(prepared.notice_number, "1950-02-28"),
			("ZZZ-000000", "1950-02-28"),
		):
			with self.subTest(notice=notice), self.assertRaises(PickupCardError) as raised:
				book(slot, purpose="カード受取", notice_number=notice, birth_date=birth)
			self.assertNotIn(card.name, str(raised.exception))
		self.assertEqual(frappe.db.count("Card Booking"), before)
		self.assertEqual(slot_count(slot), 0)
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.NOTICE_SENT
		)


class TestPickupLockout(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_repeated_wrong_birth_dates_lock_the_notice_number(self):
		from mynumber_card.booking import lookup_guard

		card = make_card(lifecycle.NOTICE_SENT, birth_date="1952-09-09")
		self.addCleanup(lookup_guard.clear, card.notice_number)
		slot = make_slot().name
		frappe.set_user("Guest")
		for day in range(1, lookup_guard.MAX_FAILURES + 1):
			with self.assertRaises(PickupCardError):
				book(
					slot,
					purpose="カード受取",
					notice_number=card.notice_number,
					birth_date=f"1952-09-{day:02d}",
				)
		with self.assertRaises(PickupCardError) as raised:  # now even the right birth date is refused
			book(slot, purpose="カード受取", notice_number=card.notice_number, birth_date="1952-09-09")
		self.assertIn("locked", str(raised.exception))
		self.assertEqual(slot_count(slot), 0)
		frappe.set_user("Administrator")
		lock = frappe.get_last_doc("Pickup Lookup Lock", filters={"notice_number": card.notice_number})
		self.assertEqual(lock.failures, lookup_guard.MAX_FAILURES)
		lock.unlock()
		frappe.set_user("Guest")
		booking = book(slot, purpose="カード受取", notice_number=card.notice_number, birth_date="1952-09-09")
		self.assertEqual(booking.card, card.name)


class TestResidentLink(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_link_reads_and_changes_only_its_own_booking(self):
		mine = book(make_slot().name, full_name="自分 一郎", birth_date="1981-01-01")
		other = book(make_slot().name, full_name="他人 二郎", birth_date="1982-02-02")
		summary = api.get_booking(token_for(mine))
		self.assertEqual(summary["name"], mine.name)
		self.assertNotIn("他人", str(summary))
		new_slot = make_slot(days_ahead=5).name
		api.reschedule_booking(token_for(mine), new_slot)
		self.assertEqual(frappe.db.get_value("Card Booking", mine.name, "slot"), new_slot)
		self.assertEqual(frappe.db.get_value("Card Booking", other.name, "workflow_state"), states.CONFIRMED)

	def test_tampered_or_expired_link_refused(self):
		booking = book(make_slot().name)
		token = token_for(booking)
		expired = make_token(booking.name, now_datetime() - timedelta(minutes=1), _secret())
		forged = make_token(booking.name, now_datetime() + timedelta(days=1), "guessed-secret")
		for bad in (token[:-3] + "abc", expired, forged, "", "x.y"):
			with self.subTest(token=bad), self.assertRaises(frappe.PermissionError):
				api.get_booking(bad)
			with self.assertRaises(frappe.PermissionError):
				api.cancel_booking(bad)
		self.assertEqual(
			frappe.db.get_value("Card Booking", booking.name, "workflow_state"), states.CONFIRMED
		)

	def test_reschedule_moves_the_place(self):
		old, new = make_slot(capacity=1).name, make_slot(capacity=1, days_ahead=6).name
		booking = book(old)
		api.reschedule_booking(token_for(booking), new)
		self.assertEqual((slot_count(old), slot_count(new)), (0, 1))
		other_slot = make_slot(capacity=1, days_ahead=7).name
		other = book(other_slot, full_name="別の 人", birth_date="1970-02-02")
		with self.assertRaises(SlotFullError):
			api.reschedule_booking(token_for(other), new)
		self.assertEqual(frappe.db.get_value("Card Booking", other.name, "slot"), other_slot)
		self.assertEqual((slot_count(other_slot), slot_count(new)), (1, 1))


class TestConfirmationAndJobs(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()

	def test_confirmation_email_has_qr_and_link(self):
		from io import BytesIO

		from PIL import Image

		from mynumber_card.booking.links import check_in_code, manage_url
		from mynumber_card.core.decode import decode_image

		frappe.set_user("Guest")
		booking = book(make_slot().name, email="hanako@example.jp")
		frappe.set_user("Administrator")
		html, png = confirmation_email(booking.name)
		self.assertIn(booking.name, html)
		self.assertIn(manage_url(booking), html.replace("&amp;", "&"))
		self.assertIn("data:image/png;base64,", html)
		# the QR holds the signed check-in code (the kiosk refuses a bare booking number)
		self.assertEqual([c.value for c in decode_image(Image.open(BytesIO(png)))], [check_in_code(booking)])

	def test_reminder_the_day_before_and_no_show_after(self):
		from mynumber_card.booking.jobs import mark_no_shows, send_reminders

		booking = book(make_slot().name, email="remind@example.jp")
		sent = send_reminders(on=add_days(booking.slot_date, -1))
		self.assertIn(booking.name, sent)
		self.assertEqual(send_reminders(on=add_days(booking.slot_date, -1)), [])  # once only
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1944-04-04")
		pickup = book(
			make_slot().name, purpose="カード受取", notice_number=card.notice_number, birth_date="1944-04-04"
		)
		later = datetime.combine(frappe.utils.getdate(pickup.slot_date), datetime.min.time()) + timedelta(
			days=1
		)
		self.assertIn(pickup.name, mark_no_shows(now=later))
		self.assertEqual(frappe.db.get_value("Card Booking", pickup.name, "workflow_state"), states.NO_SHOW)
		self.assertEqual(
			frappe.db.get_value("MyNumber Card", card.name, "workflow_state"), lifecycle.NOTICE_SENT
		)


class TestDaySheet(FrappeTestCase):
	def test_day_sheet_lists_the_days_bookings(self):
		from mynumber_card.mynumber_card.report.bookings_by_day.bookings_by_day import execute

		slot = make_slot(days_ahead=9)
		kept = book(slot.name, full_name="一覧 一郎")
		gone = book(slot.name, full_name="一覧 二郎")
		api.cancel_booking(token_for(gone))
		filters = {"date": slot.slot_date, "location": slot.location}
		_columns, rows = execute(filters)
		self.assertEqual([r.name for r in rows], [kept.name])
		self.assertEqual(rows[0].state, "予約確定")
		_columns, rows = execute({**filters, "include_cancelled": 1})
		self.assertEqual({r.name for r in rows}, {kept.name, gone.name})


PROXY = {
	"proxy_coming": 1,
	"proxy_kind": "Authorised Proxy",
	"proxy_name": "代理　花子",  # typed with a full-width space
	"proxy_name_kana": "だいり　ﾊﾅｺ",  # hiragana and half-width katakana
	"proxy_relationship": "長女",
}
VALID_MY_NUMBER = "123456789018"


class TestProxyComing(FrappeTestCase):
	"""A resident says a proxy will come (法定代理人 or 任意代理人): stored cleaned, refused when unclear."""

	def setUp(self):
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")

	def pickup(self, slot, **values):
		frappe.set_user("Administrator")
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1948-11-03")
		frappe.set_user("Guest")
		return book(
			slot, purpose="カード受取", notice_number=card.notice_number, birth_date="1948-11-03", **values
		)

	def test_proxy_stored_normalised_and_shown_on_the_day_sheet(self):
		from mynumber_card.mynumber_card.report.bookings_by_day.bookings_by_day import execute

		slot = make_slot(days_ahead=8)
		booking = self.pickup(slot.name, **PROXY)
		self.assertEqual(
			(booking.proxy_coming, booking.proxy_kind, booking.proxy_name, booking.proxy_name_kana),
			(1, "Authorised Proxy", "代理 花子", "ダイリ ハナコ"),
		)
		self.assertEqual(booking.proxy_relationship, "長女")
		alone = book(slot.name, full_name="一人 来庁", birth_date="1961-06-06")
		self.assertFalse(alone.proxy_coming)
		frappe.set_user("Administrator")
		_columns, rows = execute({"date": slot.slot_date, "location": slot.location})
		by_name = {r.name: r for r in rows}
		line = by_name[booking.name].proxy
		for part in (frappe._("Authorised Proxy"), "代理 花子", "ダイリ ハナコ", "長女"):
			self.assertIn(part, line)
		self.assertEqual(by_name[alone.name].proxy, "")

	def test_unclear_proxy_refused_and_nothing_written(self):
		slot = make_slot().name
		before = frappe.db.count("Card Booking")
		for values in (
			{"proxy_kind": None},
			{"proxy_kind": "Holder"},
			{"proxy_kind": "<script>"},
			{"proxy_name": ""},
			{"proxy_name": "代" * 61},
			{"proxy_name_kana": "代理"},
			{"proxy_name_kana": ""},
			{"proxy_relationship": "　"},
			{"proxy_relationship": "長" * 21},
		):
			with self.subTest(values=values), self.assertRaises(BookingError):
				book(slot, **{**PROXY, **values})
		self.assertEqual(frappe.db.count("Card Booking"), before)
		self.assertEqual(slot_count(slot), 0)

	def test_individual_number_refused_in_every_proxy_field(self):
		from mynumber_card.privacy import IndividualNumberError

		slot = make_slot().name
		before = frappe.db.count("Card Booking")
		full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in VALID_MY_NUMBER)
		for field in ("proxy_name", "proxy_name_kana", "proxy_relationship"):
			for number in (VALID_MY_NUMBER, full_width):
				with (
					self.subTest(field=field, number=number),
					self.assertRaises(IndividualNumberError) as raised,
				):
					book(slot, **{**PROXY, field: number})
				self.assertNotIn(VALID_MY_NUMBER[-4:], str(raised.exception))
		self.assertEqual(frappe.db.count("Card Booking"), before)
		self.assertEqual(slot_count(slot), 0)

	def test_no_proxy_keeps_no_proxy_details(self):
		booking = book(make_slot().name, **{**PROXY, "proxy_coming": 0})
		self.assertEqual(
			[booking.get(f) for f in ("proxy_kind", "proxy_name", "proxy_name_kana", "proxy_relationship")],
			[None] * 4,
		)

	def test_the_public_form_takes_the_proxy(self):
		import json

		from frappe.website.doctype.web_form.web_form import accept

		frappe.set_user("Administrator")
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1947-02-02")
		slot = make_slot().name
		frappe.set_user("Guest")
		data = {
			"purpose": "カード受取",
			"notice_number": card.notice_number,
			"full_name": "書式 太郎",
			"full_name_kana": "ショシキ タロウ",
			"birth_date": "1947-02-02",
			"phone": "0280-00-0000",
			"slot": slot,
			**PROXY,
			"proxy_kind": "Legal Representative",
			"channel": "Phone",  # not on the form: ignored, the server decides
		}
		booking = accept("pickup-booking", json.dumps(data))
		self.assertEqual(
			(booking.proxy_kind, booking.proxy_name, booking.channel),
			("Legal Representative", "代理 花子", "Web"),
		)
		self.assertEqual(booking.card, card.name)
