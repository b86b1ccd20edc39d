# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Card Application on a real site: the card J-LIS delivers links to it by 申請書ID (scanner intake,
an application entered after the card, an undone intake), the 特急 window, a completed 申請サポート
visit, the disposal rule that counts from the application, and who may do what."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from mynumber_card.api import applications as api
from mynumber_card.api.scanner import run_scan, undo
from mynumber_card.core import applications as rules
from mynumber_card.core import booking_states, lifecycle
from mynumber_card.core.deadlines import DisposalRules
from mynumber_card.ledger import transitions
from mynumber_card.ledger.applications import CardApplicationError
from mynumber_card.mynumber_card.doctype.card_import.test_card_import import (
	DELIVERY_HEADER,
	LEDGER_HEADER,
	PREFIX,
	CardImportTestCase,
	cards,
	xlsx,
)
from mynumber_card.mynumber_card.report.card_applications_by_month.card_applications_by_month import (
	execute as by_month,
)
from mynumber_card.testing import (
	StaffTestCase,
	booking_values,
	in_japanese,
	make_card,
	make_slot,
	unique_application_id,
	unique_notice_number,
)

APPLICATION = "Card Application"
CARD = "MyNumber Card"


def unique_id() -> str:
	"""A 申請書ID neither a card nor an application holds."""
	while frappe.db.exists(APPLICATION, {"application_id": (value := unique_application_id())}):
		pass
	return value


def make_application(**values):
	return frappe.get_doc(
		{
			"doctype": APPLICATION,
			"method": rules.COUNTER_SUPPORT,
			"applied_on": "2022-03-18",
			"full_name": "申請 花子",
			"full_name_kana": "シンセイ ハナコ",
			"birth_date": "2003-01-01",
			**values,
		}
	).insert()


def open_delivery() -> str:
	return (
		frappe.get_doc(
			{"doctype": "Card Delivery", "expected_count": 5, "received_date": today(), "status": "Open"}
		)
		.insert()
		.name
	)


class TestCardArrives(FrappeTestCase):
	def test_intake_links_both_and_the_card_takes_the_received_date_and_holder(self):
		application = make_application(application_id=unique_id(), received_on="2022-03-20")
		result = run_scan("Intake", application.application_id, open_delivery(), "ap1")
		self.assertEqual(result["result"], "OK")
		card = frappe.get_doc(CARD, result["card"]["name"])
		application.reload()
		self.assertEqual((application.card, application.status), (card.name, rules.CARD_ARRIVED))
		self.assertEqual(card.card_application, application.name)
		self.assertEqual(str(card.application_received_date), "2022-03-20")
		self.assertEqual((card.full_name, str(card.birth_date)), ("申請 花子", "2003-01-01"))
		# the issue's worked example: born 2003-01-01, 申請受付日 2022-03-20 (19, under the old 20),
		# 発行日 2022-04-15 → the 5th birthday after 発行日 (政府広報 2025-09, 行橋市)
		card.card_issue_date = "2022-04-15"
		card.save()
		self.assertEqual(str(card.card_expiry_date), "2027-01-01")

	def test_a_card_with_no_application_takes_nothing(self):
		result = run_scan("Intake", unique_id(), open_delivery(), "ap2")
		card = frappe.get_doc(CARD, result["card"]["name"])
		self.assertEqual(
			(card.card_application, card.application_received_date, card.full_name), (None, None, None)
		)

	def test_a_withdrawn_application_is_not_linked(self):
		application = make_application(
			application_id=unique_id(), status=rules.WITHDRAWN, withdrawn_on="2022-03-25"
		)
		result = run_scan("Intake", application.application_id, open_delivery(), "ap3")
		self.assertIsNone(frappe.db.get_value(CARD, result["card"]["name"], "card_application"))
		self.assertEqual(frappe.db.get_value(APPLICATION, application.name, "card"), None)

	def test_an_undone_intake_leaves_the_application_waiting_again(self):
		application = make_application(application_id=unique_id())
		result = run_scan("Intake", application.application_id, open_delivery(), "ap4")
		undo(result["log"], "ap4")
		self.assertFalse(frappe.db.exists(CARD, result["card"]["name"]))
		self.assertEqual(
			frappe.db.get_value(APPLICATION, application.name, ["card", "status"]), (None, rules.APPLIED)
		)

	def test_an_application_entered_after_its_card_links_to_it_and_its_date_follows(self):
		card = make_card(lifecycle.RECEIVED, birth_date="2003-01-01", card_issue_date="2022-04-15")
		application = make_application(application_id=card.application_id, received_on="2022-03-20")
		application.reload()
		self.assertEqual((application.card, application.status), (card.name, rules.CARD_ARRIVED))
		card.reload()
		self.assertEqual(card.card_application, application.name)
		self.assertEqual(str(card.application_received_date), "2022-03-20")
		self.assertEqual(card.full_name, "試験 太郎")  # the card's own holder stays
		self.assertEqual(str(card.card_expiry_date), "2027-01-01")
		# the 申請受付日 corrected on the application: after 2022-04-01 the 18-year rule, the 10th birthday
		application.received_on = "2022-04-02"
		application.save()
		card.reload()
		self.assertEqual(str(card.application_received_date), "2022-04-02")
		self.assertEqual(str(card.card_expiry_date), "2032-01-01")
		# an application whose card came cannot be withdrawn
		application.status = rules.WITHDRAWN
		application.withdrawn_on = today()
		self.assertRaises(CardApplicationError, application.save)

	def test_one_application_per_application_id(self):
		application_id = unique_id()
		make_application(application_id=application_id)
		with self.assertRaises(CardApplicationError) as raised:
			make_application(application_id=f"{application_id[:4]}-{application_id[4:]}")
		self.assertIn("AP-", str(raised.exception))
		self.assertRaises(CardApplicationError, make_application, application_id="1234")


def express_after_loss(applied, days_since_loss: int):
	"""A 特急 application for a lost card, applied for `days_since_loss` days after the loss."""
	return make_application(
		method=rules.EXPRESS,
		applied_on=applied,
		express_reason="Lost Card",
		event_date=add_days(applied, -days_since_loss),
		birth_date="1980-05-05",
	)


class TestExpressWindow(FrappeTestCase):
	def test_within_30_days_of_the_event(self):
		applied = getdate(today())
		inside = express_after_loss(applied, 30)
		self.assertTrue(inside.name)
		before = frappe.db.count(APPLICATION)
		with self.assertRaises(CardApplicationError) as raised:
			express_after_loss(applied, 31)
		self.assertIn(frappe.format(add_days(applied, -1), "Date"), str(raised.exception))  # the last day
		in_japanese(self)  # what the clerk reads
		with self.assertRaises(CardApplicationError) as raised:
			express_after_loss(applied, 31)
		self.assertIn("事由が生じた日から30日以内です", str(raised.exception))
		self.assertEqual(frappe.db.count(APPLICATION), before)

	def test_a_child_until_the_day_before_the_first_birthday(self):
		applied = getdate(today())
		self.assertTrue(
			make_application(
				method=rules.EXPRESS,
				applied_on=applied,
				express_reason=rules.UNDER_ONE,
				birth_date=add_days(frappe.utils.add_years(applied, -1), 1),
			).name
		)
		self.assertRaises(
			CardApplicationError,
			make_application,
			method=rules.EXPRESS,
			applied_on=applied,
			express_reason=rules.UNDER_ONE,
			birth_date=frappe.utils.add_years(applied, -1),
		)


class TestSupportVisit(StaffTestCase):
	def complete(self, booking):
		for state in (booking_states.CHECKED_IN, booking_states.COMPLETED):
			booking.workflow_state = state
			booking.save()

	def test_a_completed_support_visit_leaves_one_application_per_person(self):
		slot = make_slot()
		booking = frappe.get_doc(
			booking_values(
				slot.name,
				members=[
					{
						"full_name": "予約 一郎",
						"full_name_kana": "ヨヤク イチロウ",
						"birth_date": "2015-07-07",
					}
				],
			)
		).insert()
		frappe.set_user(self.clerk)
		self.complete(booking)
		made = frappe.get_all(
			APPLICATION,
			filters={"booking": booking.name},
			fields=["full_name", "birth_date", "method", "applied_on", "status", "staff"],
			order_by="birth_date",
		)
		self.assertEqual(
			[(a.full_name, a.method, a.applied_on, a.status, a.staff) for a in made],
			[
				("予約 花子", rules.COUNTER_SUPPORT, getdate(today()), rules.APPLIED, self.clerk),
				("予約 一郎", rules.COUNTER_SUPPORT, getdate(today()), rules.APPLIED, self.clerk),
			],
		)
		# the button on the booking makes none twice
		self.assertEqual(len(api.record_from_booking(booking.name)["applications"]), 2)
		self.assertFalse(api.record_from_booking(booking.name)["created"])
		self.assertEqual(frappe.db.count(APPLICATION, {"booking": booking.name}), 2)

	def test_a_pickup_records_none(self):
		card = make_card(lifecycle.NOTICE_SENT, birth_date="1966-06-06")
		booking = frappe.get_doc(
			booking_values(
				make_slot().name, "カード受取", notice_number=card.notice_number, birth_date="1966-06-06"
			)
		).insert()
		self.complete(booking)
		self.assertFalse(frappe.db.exists(APPLICATION, {"booking": booking.name}))
		self.assertRaises(CardApplicationError, api.record_from_booking, booking.name)

	def test_clerks_record_and_correct_applications_but_do_not_delete_them(self):
		frappe.set_user(self.clerk)
		application = make_application(
			method=rules.OFF_SITE, place_kind="Care Home or Hospital", place_name="やすらぎ苑"
		)
		application.received_on = "2022-03-22"
		application.save()
		self.assertFalse(frappe.has_permission(APPLICATION, "delete", application))
		frappe.set_user(self.manager)
		self.assertTrue(frappe.has_permission(APPLICATION, "delete", application))

	def test_an_off_site_application_needs_its_place_and_holds_no_markup(self):
		self.assertRaises(CardApplicationError, make_application, method=rules.OFF_SITE)
		self.assertRaises(
			CardApplicationError,
			make_application,
			method=rules.OFF_SITE,
			place_kind="School",
			place_name="<img src=x onerror=alert(1)>",
		)


class TestCountedFromTheApplication(FrappeTestCase):
	def test_a_year_after_the_application_when_the_town_counts_it(self):
		# 東松島市: 再通知の受取期限を過ぎ、かつ申請日からおおむね1年
		rules_ = DisposalRules(months_after_notice=0, months_after_renotice=3, months_after_application=12)
		card = make_card(lifecycle.NOTICE_SENT)
		card.application_received_date = "2026-02-10"
		card.notice_date = "2026-03-20"
		transitions.set_disposal_deadline(card, rules_)
		self.assertEqual(str(card.disposal_deadline), "2027-02-10")
		card.application_received_date = None  # unknown: counted from the card's arrival, never earlier
		card.received_date = "2026-03-10"
		transitions.set_disposal_deadline(card, rules_)
		self.assertEqual(str(card.disposal_deadline), "2027-03-10")

	def test_the_monthly_report_counts_by_method(self):
		period = {"from_date": "2019-06-01", "to_date": "2019-06-30"}

		def counts(**more) -> tuple:
			"""(counter support, off-site, total) in 令和元年6月; a run stopped before may have left some."""
			rows = by_month({**period, **more})[1]
			self.assertIn([r["month"] for r in rows], ([], ["令和元年6月"]))
			row = rows[0] if rows else {}
			return tuple(row.get(f, 0) for f in ("counter_support", "off_site_application", "total"))

		before, before_all = counts(), counts(include_withdrawn=1)
		make_application(applied_on="2019-06-18")
		make_application(
			applied_on="2019-06-19", method=rules.OFF_SITE, place_kind="School", place_name="第一中学校"
		)
		make_application(applied_on="2019-06-20", status=rules.WITHDRAWN, withdrawn_on="2019-06-21")
		self.assertEqual(counts(), (before[0] + 1, before[1] + 1, before[2] + 2))
		self.assertEqual(counts(include_withdrawn=1)[2], before_all[2] + 3)


class TestRetention(FrappeTestCase):
	def test_an_application_loses_its_personal_data_with_its_card(self):
		from mynumber_card.retention import REMOVED, _anonymise_applications, _expired_applications

		card = make_card(lifecycle.RECEIVED)
		application = make_application(application_id=card.application_id)
		waiting = make_application(application_id=unique_id(), applied_on=add_days(today(), -30))
		cutoff = add_days(today(), -365)
		self.assertNotIn(application.name, _expired_applications(cutoff))
		card.db_set("anonymised", 1)
		expired = _expired_applications(cutoff)
		self.assertIn(application.name, expired)
		self.assertNotIn(waiting.name, expired)  # still waiting for its card, within the period
		_anonymise_applications([application.name])
		self.assertEqual(
			frappe.db.get_value(APPLICATION, application.name, ["full_name", "birth_date", "application_id"]),
			(REMOVED, None, card.application_id),
		)


class TestImportWithApplicationDates(CardImportTestCase):
	"""The town's file has a 申請日 / 申請受付日 column: the cards take it (Data Import commits, so the
	records made here are removed again by CardImportTestCase and tearDown)."""

	def tearDown(self):
		frappe.db.delete(APPLICATION, {"full_name": ("like", f"{PREFIX}%")})
		super().tearDown()

	def test_a_ledger_row_with_an_application_date_counts_validity_from_it(self):
		header = [*LEDGER_HEADER, "申請受付日"]
		row = [f"{PREFIX} 春子", "", "2003-01-01", "", "2022-04-15", "", "2022-05-10", "", "", "R4.3.20"]
		_report, doc = self.run_import("Earlier Ledger", "台帳.xlsx", xlsx(header, [row]))
		self.assertEqual(doc.status, "Imported")
		(card,) = cards()
		self.assertEqual(str(card.application_received_date), "2022-03-20")
		self.assertEqual(str(card.card_expiry_date), "2027-01-01")  # 20 was the line before 2022-04-01

	def test_a_delivered_card_links_to_its_application_and_keeps_the_files_date(self):
		application = make_application(
			application_id=unique_id(), full_name=f"{PREFIX} 夏子", received_on="2022-03-19"
		)
		frappe.db.commit()
		header = [*DELIVERY_HEADER, "申請日"]
		rows = [
			[
				application.application_id,
				unique_notice_number(),
				f"{PREFIX} 夏子",
				"",
				"2003-01-01",
				"",
				"R4.3.20",
			],
			[unique_id(), unique_notice_number(), f"{PREFIX} 秋子", "", "1990-05-06", "", ""],
		]
		_report, doc = self.run_import(
			"J-LIS Delivery List", "送付.xlsx", xlsx(header, rows), delivery=self.delivery.name
		)
		self.assertEqual((doc.status, doc.rows_imported), ("Imported", 2))
		natsuko, akiko = (c for c in sorted(cards(), key=lambda c: c.full_name != f"{PREFIX} 夏子"))
		self.assertEqual(natsuko.card_application, application.name)
		self.assertEqual(str(natsuko.application_received_date), "2022-03-20")  # the file's own date
		self.assertEqual(
			frappe.db.get_value(APPLICATION, application.name, ["card", "status"]),
			(natsuko.name, rules.CARD_ARRIVED),
		)
		self.assertEqual((akiko.card_application, akiko.application_received_date), (None, None))
		self.assertEqual(frappe.db.count(APPLICATION, {"full_name": ("like", f"{PREFIX}%")}), 1)  # none made
