"""A believable demo town: settings, J-LIS deliveries and cards in every stage of their life.

Deterministic: the same seed gives the same people, and records that exist are left alone, so a
second run leaves the same counts."""

import random
import secrets
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from mynumber_card import settings as town_settings
from mynumber_card.booking import slot_calendar
from mynumber_card.core import handover, lifecycle
from mynumber_card.core.dates import age_on
from mynumber_card.core.roles import CLERK, MANAGER
from mynumber_card.demo.earlier import import_earlier_ledger
from mynumber_card.demo.paths import make_path_cards, make_services
from mynumber_card.install import mark_setup_wizard_done
from mynumber_card.ledger.deadlines import recompute_disposal_deadlines
from mynumber_card.ledger.transitions import apply_system_transition

SURNAMES = (
	("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("渡辺", "ワタナベ"),
	("伊藤", "イトウ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
	("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("松本", "マツモト"), ("井上", "イノウエ"),
	("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"), ("山口", "ヤマグチ"),
)  # fmt: skip
GIVEN_NAMES = (
	("太郎", "タロウ"), ("花子", "ハナコ"), ("一郎", "イチロウ"), ("美咲", "ミサキ"), ("健太", "ケンタ"),
	("陽菜", "ヒナ"), ("翔太", "ショウタ"), ("さくら", "サクラ"), ("大輔", "ダイスケ"), ("由美子", "ユミコ"),
	("誠", "マコト"), ("恵子", "ケイコ"), ("蓮", "レン"), ("結衣", "ユイ"), ("和夫", "カズオ"), ("幸子", "サチコ"),
)  # fmt: skip
DISTRICTS = ("大字元栄", "大字小手指", "大字川妻", "大字冬木", "大字土与部", "大字江川")
# How the demo cards are spread over the lifecycle, in order of the path they take.
PATHS = (
	(lifecycle.RECEIVED,),
	(lifecycle.PREPARED,),
	(lifecycle.PREPARED, lifecycle.NOTICE_SENT),
	(lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.RENOTICE_SENT),
	(lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.ISSUED),
	(lifecycle.PREPARED, lifecycle.NOTICE_SENT, lifecycle.PENDING_DISPOSAL),
)
WEIGHTS = (8, 10, 30, 8, 40, 4)
CARD_COUNT = 120
DELIVERY_SIZE = 40


DEMO_STAFF = (
	("clerk@town.minamino.example.jp", "窓口", "一郎", CLERK),
	("clerk2@town.minamino.example.jp", "窓口", "二葉", CLERK),
	("manager@town.minamino.example.jp", "管理", "三郎", MANAGER),
)
DEMO_EMAIL_DOMAIN = "@town.minamino.example.jp"
DEMO_TOWN = "みなみ野町"  # in every demo address: the earlier-ledger cards and the counters
# The town's own figures for cards issued before it kept them in this ledger (totals at month end).
# The 2,000 cards of its earlier Excel ledger come in through Card Import (demo/earlier.py).
EARLIER_FIGURES = [
	{"month": "2025-04-01", "issued": 2180, "held": 2102},
	{"month": "2025-10-01", "issued": 2330, "held": 2221},
	{"month": "2026-04-01", "issued": 2420, "held": 2268},
]


class DemoRefused(frappe.ValidationError):
	pass


def check_demo_allowed(force: bool = False):
	"""The demo is for development and training sites: refuse a site not in developer mode or one
	that holds cards or bookings the demo did not make, unless forced."""
	if force:
		return
	if not frappe.conf.developer_mode:
		raise DemoRefused(
			_(
				"This site is not in developer mode. The demo town is for development and training sites: set developer_mode in the site config, or run again with --force."
			)
		)
	cards, bookings = real_record_counts()
	if cards or bookings:
		raise DemoRefused(
			_(
				"This site holds {0} cards and {1} bookings that the demo did not make. The demo is not loaded into a town's real ledger; run again with --force to add it anyway."
			).format(cards, bookings)
		)


def real_record_counts() -> tuple[int, int]:
	"""Cards and bookings the demo did not make. The demo's cards have an Application ID starting
	with 9 (its earlier-ledger cards, which have none, live in the demo town); its bookings are at
	the demo town's counters; what its staff made in the demo town is the demo's too."""
	demo_staff = f"%{DEMO_EMAIL_DOMAIN}"
	town = f"%{DEMO_TOWN}%"
	cards = frappe.db.sql(
		"""select count(*) from `tabMyNumber Card`
		where not (
			ifnull(application_id, '') like '9%%'
			or owner like %(staff)s
			or (registered_from_records = 1 and ifnull(application_id, '') = '' and address like %(town)s)
		)""",
		{"staff": demo_staff, "town": town},
	)[0][0]
	bookings = frappe.db.sql(
		"""select count(*) from `tabCard Booking` booking
		where not (
			booking.owner like %(staff)s
			or booking.location in (select name from `tabBooking Location` where address like %(town)s)
		)""",
		{"staff": demo_staff, "town": town},
	)[0][0]
	return cards, bookings


def make_demo() -> dict[str, int]:
	cards, bookings = real_record_counts()
	if not (cards or bookings):  # never System Settings on a site that has data (run with --force)
		make_japanese_site()
	make_staff()
	make_settings()
	rng = random.Random(2020)
	deliveries = [make_delivery(i) for i in range(CARD_COUNT // DELIVERY_SIZE)]
	for index in range(CARD_COUNT):
		make_card(index, rng, deliveries[index // DELIVERY_SIZE])
	make_path_cards(deliveries[-1])
	make_services(DEMO_STAFF[0][0])
	import_earlier_ledger(SURNAMES, GIVEN_NAMES, DISTRICTS)
	recompute_disposal_deadlines()
	make_booking_calendar()
	make_bookings(rng)
	return {
		doctype: frappe.db.count(doctype)
		for doctype in ("User", "Card Delivery", "MyNumber Card", "Booking Slot", "Card Booking")
	}


LOCATIONS = (
	("本庁舎 住民課窓口", "茨城県猿島郡みなみ野町大字元栄1番地", "本庁舎1階 3番窓口"),
	("南支所", "茨城県猿島郡みなみ野町大字川妻200番地", "支所1階 受付"),
)


def make_booking_calendar():
	"""Two counters, weekday mornings and afternoons, the 2nd and 4th Sunday mornings at the branch (an
	opening session); six weeks of slots."""
	for name, address, directions in LOCATIONS:
		if not frappe.db.exists("Booking Location", name):
			frappe.get_doc(
				{
					"doctype": "Booking Location",
					"location_name": name,
					"address": address,
					"directions": directions,
				}
			).insert()
	settings = town_settings.editable()
	if not settings.slot_templates:
		every = "申請サポート\nカード受取\n更新"
		for weekday in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
			for start, end in (("09:00", "12:00"), ("13:00", "16:30")):
				settings.append(
					"slot_templates",
					{
						"weekday": weekday,
						"location": LOCATIONS[0][0],
						"start_time": start,
						"end_time": end,
						"slot_minutes": 30,
						"capacity": 2,
						"purposes": every,
					},
				)
		# the 休日窓口 of the office hours text: the 2nd and 4th Sundays, for a year
		settings.append(
			"opening_sessions",
			{
				"first_day": today(),
				"last_day": add_days(today(), 364),
				"days": "Sunday",
				"weeks": "2nd and 4th",
				"location": LOCATIONS[1][0],
				"start_time": "09:00",
				"end_time": "12:00",
				"slot_minutes": 30,
				"capacity": 1,
				"purposes": "カード受取",
				"note": "休日窓口（第2・第4日曜日）",
			},
		)
		settings.save()
	slot_calendar.generate(today(), add_days(today(), 42))


def make_bookings(rng: random.Random):
	"""Pickup bookings for some cards awaiting pickup, and a few application-support visits."""
	if frappe.db.count("Card Booking"):
		return
	waiting = frappe.get_all(
		"MyNumber Card",
		filters={"workflow_state": ("in", lifecycle.AWAITING_PICKUP)},
		fields=["name", "notice_number", "birth_date", "full_name", "full_name_kana"],
		order_by="name asc",
		limit=12,
	)
	slots = frappe.get_all(
		"Booking Slot",
		filters={"slot_date": (">", add_days(today(), 2)), "location": LOCATIONS[0][0]},
		pluck="name",
		order_by="starts_at asc",
		limit=60,
	)
	for index, card in enumerate(waiting):
		frappe.get_doc(
			{
				"doctype": "Card Booking",
				"purpose": "カード受取",
				"slot": slots[index * 3],
				"channel": rng.choice(("Web", "Web", "Phone")),
				"full_name": card.full_name,
				"full_name_kana": card.full_name_kana,
				"birth_date": card.birth_date,
				"notice_number": card.notice_number,
				"phone": f"090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
			}
		).insert()
	for index in range(6):
		surname, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
		frappe.get_doc(
			{
				"doctype": "Card Booking",
				"purpose": "申請サポート",
				"slot": slots[index * 5 + 1],
				"channel": "Phone",
				"full_name": f"{surname[0]} {given[0]}",
				"full_name_kana": f"{surname[1]} {given[1]}",
				"birth_date": getdate("1945-01-01") + timedelta(days=rng.randrange(0, 365 * 30)),
				"phone": f"0280-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
			}
		).insert()


def make_japanese_site():
	"""A demo town's site speaks Japanese, keeps Tokyo time and skips the setup wizard."""
	system = frappe.get_single("System Settings")
	system.update(
		{
			"language": "ja",
			"time_zone": "Asia/Tokyo",
			"country": "Japan",
			"date_format": "yyyy-mm-dd",
			"first_day_of_the_week": "Sunday",
			"setup_complete": 1,
			"enable_onboarding": 1,
		}
	)
	system.flags.ignore_mandatory = True
	system.save()
	mark_setup_wizard_done()
	frappe.db.set_value("User", "Administrator", "language", "ja")


def make_staff() -> dict[str, str]:
	"""The demo's staff, each with a random password, returned for the command to print once."""
	passwords = {}
	for email, last_name, first_name, role in DEMO_STAFF:
		if frappe.db.exists("User", email):
			continue
		passwords[email] = secrets.token_urlsafe(12)
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"language": "ja",
				"send_welcome_email": 0,
				"new_password": passwords[email],
			}
		).insert()
		user.add_roles(role)
	return passwords


def make_settings():
	settings = town_settings.editable()
	if settings.town_name:
		return
	settings.update(
		{
			"town_name": "みなみ野町",
			"town_name_kana": "ミナミノマチ",
			"local_government_code": "089991",
			"population": 8373,
			# cards issued before the town used this system, so the rate reads like Goka's 53 %
			"earlier_figures": EARLIER_FIGURES,
			"population_as_of": "2026-04-01",
			"contact_department": "住民課 マイナンバーカード係",
			"contact_phone": "0280-00-0000",
			"contact_email": "mynumber@town.minamino.example.jp",
			"contact_address": "茨城県猿島郡みなみ野町大字元栄1番地 みなみ野町役場 1階 住民課",
			"office_hours": "平日 8:30〜17:15（第2・第4日曜日 9:00〜12:00 休日窓口）",
		}
	)
	settings.save()


def make_delivery(index: int) -> str:
	reference = f"DEMO-{index + 1:03d}"
	if existing := frappe.db.exists("Card Delivery", {"shipment_reference": reference}):
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Card Delivery",
			"shipment_reference": reference,
			"received_date": add_days(today(), -120 + index * 35),
			"expected_count": DELIVERY_SIZE,
			"status": "Closed",
		}
	).insert()
	return doc.name


def make_card(index: int, rng: random.Random, delivery: str):
	surname, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
	birth = getdate("1940-01-01") + timedelta(days=rng.randrange(0, 365 * 80))
	path = rng.choices(PATHS, WEIGHTS)[0]
	district, lot = rng.choice(DISTRICTS), rng.randrange(1, 3000)
	application_id = f"9{index:022d}"  # the leading 9 marks demo data
	if frappe.db.exists("MyNumber Card", {"application_id": application_id}):
		return
	card = frappe.get_doc(
		{
			"doctype": "MyNumber Card",
			"application_id": application_id,
			"notice_number": f"DMO-{index:06d}",
			"full_name": f"{surname[0]} {given[0]}",
			"full_name_kana": f"{surname[1]} {given[1]}",
			"birth_date": birth,
			"postal_code": "306-0300",
			"address": f"茨城県猿島郡みなみ野町{district}{lot}番地",
			"delivery": delivery,
			# J-LIS made the card a few days before it reached the town
			"card_issue_date": getdate(frappe.db.get_value("Card Delivery", delivery, "received_date"))
			- timedelta(days=rng.randrange(3, 10)),
		}
	).insert()
	delivery_date = getdate(frappe.db.get_value("Card Delivery", delivery, "received_date"))
	stamps = {lifecycle.RECEIVED: delivery_date}
	for step, state in enumerate(path, start=1):
		if state == lifecycle.PENDING_DISPOSAL:
			apply_system_transition(card, state)
		else:
			card.workflow_state = state
			if state == lifecycle.ISSUED:
				card.flags.system_transition = True  # a walk-in handed over in the demo's past
				if handover.needs_legal_representative(age_on(birth, getdate()), False):
					# a child comes with a parent, who receives the card (core/handover.py)
					card.update(
						{
							"received_by": "Legal Representative",
							"proxy_name": f"{surname[0]} {rng.choice(GIVEN_NAMES)[0]}",
							"proxy_relationship": rng.choice(("母", "父")),
							"holder_present": 1,
							"authority_proof": "Not Needed: Same Household, Parent and Child",
							"holder_identity_documents": "Health Insurance Card\nMedical Benefit Certificate",
							"proxy_identity_documents": "MyNumber Card",
						}
					)
			card.save()
		stamps[state] = delivery_date + timedelta(days=7 * step + rng.randrange(0, 5))
	# Spread the dates over the past months, as a real ledger would look.
	card.db_set({lifecycle.STATE_DATE_FIELDS[s]: d for s, d in stamps.items()}, update_modified=False)
