# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Resident Event Import on a real site: the worked example of issue 22 (three held cards, two holders
leave in April → 保有 at the end of April falls by two, 交付 unchanged, by a hand count), idempotence,
not found and ambiguous rows, 個人番号 refused and found nowhere, a card that can no longer be handed
over, the endpoint for managers only. Nothing here commits: each test is rolled back."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.core import resident_events as rules
from mynumber_card.core.roles import CLERK, MANAGER
from mynumber_card.ledger import card_import, resident_events, statistics
from mynumber_card.ledger.transitions import CardTransitionError, set_held_until
from mynumber_card.mynumber_card.doctype.card_import.test_card_import import MY_NUMBER, found_anywhere, xlsx
from mynumber_card.testing import make_card, make_user, post_upload

HEADER = [c.header for c in rules.COLUMNS]
# Persons no other test uses: a family name of its own and birth dates in 1931.
HOLDERS = {
	1: ("住基試験 一郎", "ジュウキシケン イチロウ", "1931-01-11"),
	2: ("住基試験 二郎", "ジュウキシケン ジロウ", "1931-02-12"),
	3: ("住基試験 三郎", "ジュウキシケン サブロウ", "1931-03-13"),
}
APRIL = date(2026, 4, 30)


def held_card(number: int, issued: str = "2026-03-10", **values):
	"""A card of one of the HOLDERS, handed over in March 2026 (its dates set as the report test does)."""
	name, kana, birth = HOLDERS[number]
	card = make_card(lifecycle.ISSUED, full_name=name, full_name_kana=kana, birth_date=birth, **values)
	dates = {"received_date": "2026-03-01", "card_issue_date": "2026-02-20", "issued_date": issued}
	card.update(dates)
	set_held_until(card)
	card.db_set({**dates, "held_until": card.held_until}, update_modified=False)
	return card.name


def april_list(*extra) -> bytes:
	return xlsx(
		HEADER,
		[
			(HOLDERS[1][0], "", "S6.1.11", "死亡", "R8.4.10"),
			(HOLDERS[2][0], HOLDERS[2][1], "1931/2/12", "転出", "2026-04-20"),
			*extra,
		],
	)


def hand_count(names: list[str], on: date) -> tuple[int, int]:
	"""Of these cards, how many were handed over by `on`, and how many were still held that day:
	counted from the card rows, not by the code under test."""
	issued = held = 0
	for row in frappe.get_all(
		"MyNumber Card",
		filters={"name": ("in", names)},
		fields=["issued_date", "returned_date", "revoked_date", "card_expiry_date", "holder_left_date"],
	):
		if not row.issued_date or row.issued_date > on:
			continue
		issued += 1
		gone = [row.returned_date, row.revoked_date, row.holder_left_date]
		if all(d is None or d > on for d in gone) and (
			row.card_expiry_date is None or row.card_expiry_date >= on
		):
			held += 1
	return issued, held


class ResidentEventTestCase(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def run_import(self, content: bytes, dry_run: bool = False) -> dict:
		return resident_events.check_upload("死亡転出_4月.xlsx", content, dry_run=dry_run)


class TestWorkedExample(ResidentEventTestCase):
	def test_two_holders_leave_in_april_and_the_held_count_follows(self):
		cards = [held_card(n) for n in (1, 2, 3)]
		before_march = statistics.held_by_month(date(2026, 3, 1), APRIL)
		cumulative_before = statistics.count_before("issued_date", date(2026, 5, 1))
		self.assertEqual(hand_count(cards, APRIL), (3, 3))

		report = self.run_import(april_list())

		self.assertEqual(report["counts"]["rows_recorded"], 2)
		left = {
			c.name: (str(c.holder_left_date), c.holder_left_reason, str(c.held_until))
			for c in frappe.get_all(
				"MyNumber Card",
				filters={"name": ("in", cards)},
				fields=["name", "holder_left_date", "holder_left_reason", "held_until"],
			)
		}
		self.assertEqual(left[cards[0]], ("2026-04-10", rules.DIED, "2026-04-10"))
		self.assertEqual(left[cards[1]], ("2026-04-20", rules.MOVED_OUT, "2026-04-20"))
		self.assertEqual(left[cards[2]][0], "None")
		self.assertFalse(left[cards[2]][1])
		# Hand count of the three: all three handed over, one still held at the end of April;
		# at the end of March all three were held.
		self.assertEqual(hand_count(cards, APRIL), (3, 1))
		self.assertEqual(hand_count(cards, date(2026, 3, 31)), (3, 3))
		# The statistics (保有 per month, 交付 cumulative) move by exactly that.
		after = statistics.held_by_month(date(2026, 3, 1), APRIL)
		self.assertEqual(after[date(2026, 3, 1)], before_march[date(2026, 3, 1)])
		self.assertEqual(after[date(2026, 4, 1)], before_march[date(2026, 4, 1)] - 2)
		self.assertEqual(statistics.count_before("issued_date", date(2026, 5, 1)), cumulative_before)

	def test_the_issuance_rate_report_shows_it(self):
		from mynumber_card.mynumber_card.report.issuance_rate.issuance_rate import execute

		settings = frappe.get_single("MyNumber Card Settings")
		if not settings.population:
			frappe.db.set_single_value("MyNumber Card Settings", "population", 10000)
		[held_card(n) for n in (1, 2, 3)]
		period = {"from_date": "2026-03-01", "to_date": "2026-04-30"}
		_columns, before, *_rest = execute(period)
		self.run_import(april_list())
		_columns, after, *_rest = execute(period)
		self.assertEqual([r["cumulative"] for r in after], [r["cumulative"] for r in before])
		self.assertEqual([b["held"] - a["held"] for a, b in zip(after, before, strict=True)], [0, 2])
		population = after[-1]["population"]
		self.assertEqual(after[-1]["held_rate"], round(after[-1]["held"] * 100 / population, 1))


class TestRows(ResidentEventTestCase):
	def setUp(self):
		self.imports_before = frappe.db.count("Resident Event Import")

	def test_importing_the_same_list_twice_changes_nothing_more(self):
		cards = [held_card(n) for n in (1, 2)]
		self.run_import(april_list())
		modified = dict(
			frappe.get_all("MyNumber Card", {"name": ("in", cards)}, ["name", "modified"], as_list=1)
		)
		versions = frappe.db.count("Version", {"ref_doctype": "MyNumber Card", "docname": ("in", cards)})
		report = self.run_import(april_list())
		self.assertEqual(report["counts"]["rows_recorded"], 0)
		self.assertEqual(report["counts"]["rows_unchanged"], 2)
		self.assertEqual(
			dict(frappe.get_all("MyNumber Card", {"name": ("in", cards)}, ["name", "modified"], as_list=1)),
			modified,
		)
		self.assertEqual(
			frappe.db.count("Version", {"ref_doctype": "MyNumber Card", "docname": ("in", cards)}), versions
		)
		self.assertEqual(frappe.db.count("Resident Event Import"), 2 + self.imports_before)

	def test_not_found_and_ambiguous_rows_are_logged_and_change_nothing(self):
		held_card(1)
		twins = [held_card(3), held_card(3)]  # two holders with one name and birth date, no link
		report = self.run_import(april_list((HOLDERS[3][0], "", "1931-03-13", "国外転出", "2026-04-25")))
		by_row = {r["row"]: r for r in report["results"]}
		self.assertEqual(by_row[2]["outcome"], rules.RECORDED)
		self.assertEqual(by_row[3]["outcome"], rules.NOT_FOUND)  # holder 2 has no card here
		self.assertEqual(by_row[4]["outcome"], rules.AMBIGUOUS)
		self.assertEqual(by_row[4]["cards"], [])
		self.assertEqual(
			frappe.get_all("MyNumber Card", {"name": ("in", twins)}, pluck="holder_left_date"), [None, None]
		)
		doc = frappe.get_doc("Resident Event Import", report["resident_event_import"])
		self.assertEqual(
			(doc.rows_in_file, doc.rows_recorded, doc.rows_not_found, doc.rows_ambiguous), (3, 1, 1, 1)
		)
		# the log keeps row numbers, outcomes, cards and dates: no name or birth date from the file
		for value in (HOLDERS[1][0], HOLDERS[2][0], "1931", "ジュウキ"):
			self.assertNotIn(value, doc.results)

	def test_a_dry_run_writes_nothing(self):
		card = held_card(1)
		report = self.run_import(april_list(), dry_run=True)
		self.assertEqual(report["counts"]["rows_recorded"], 1)
		self.assertNotIn("resident_event_import", report)
		self.assertIsNone(frappe.db.get_value("MyNumber Card", card, "holder_left_date"))
		self.assertEqual(frappe.db.count("Resident Event Import"), self.imports_before)

	def test_a_card_handed_over_after_the_event_is_left_for_staff(self):
		card = held_card(2, issued="2026-05-01")  # moved out in April, back and handed a card in May
		report = self.run_import(april_list())
		self.assertEqual(report["results"][1]["outcome"], rules.ISSUED_AFTER)
		self.assertIsNone(frappe.db.get_value("MyNumber Card", card, "holder_left_date"))


class TestIndividualNumbers(ResidentEventTestCase):
	def test_a_column_for_individual_numbers_refuses_the_file(self):
		held_card(1)
		before = frappe.db.count("Resident Event Import")
		content = xlsx([*HEADER, "個人番号"], [(HOLDERS[1][0], "", "S6.1.11", "死亡", "R8.4.10", MY_NUMBER)])
		with self.assertRaises(card_import.CardImportError):
			self.run_import(content)
		self.assertEqual(frappe.db.count("Resident Event Import"), before)
		self.assertEqual(found_anywhere(MY_NUMBER), [])

	def test_a_cell_with_an_individual_number_refuses_its_row_only(self):
		cards = [held_card(1), held_card(2)]
		content = xlsx(
			[*HEADER, "備考"],
			[
				(HOLDERS[1][0], "", "S6.1.11", "死亡", "R8.4.10", f"番号 {MY_NUMBER}"),
				(HOLDERS[2][0], "", "1931-02-12", "転出", "2026-04-20", ""),
			],
		)
		report = self.run_import(content)
		self.assertEqual([r["outcome"] for r in report["results"]], [rules.REFUSED, rules.RECORDED])
		self.assertIn("F", report["results"][0]["message"])
		self.assertIsNone(frappe.db.get_value("MyNumber Card", cards[0], "holder_left_date"))
		self.assertEqual(found_anywhere(MY_NUMBER), [])


class TestNotYetHandedOver(ResidentEventTestCase):
	def test_the_card_cannot_be_handed_over_and_waits_for_disposal_as_the_holder_died(self):
		name, kana, birth = HOLDERS[1]
		card = make_card(lifecycle.BOOKED, full_name=name, full_name_kana=kana, birth_date=birth)
		report = self.run_import(april_list())
		self.assertIn(card.name, report["results"][0]["message"])
		card.reload()
		self.assertEqual((card.holder_left_reason, card.disposal_cause), (rules.DIED, "Holder Died"))
		self.assertIsNone(card.held_until)  # never handed over: nothing to count
		card.workflow_state = lifecycle.ISSUED
		with self.assertRaises(CardTransitionError) as raised:
			card.save()
		self.assertIn("2026", str(raised.exception))
		self.assertIsNone(frappe.db.get_value("MyNumber Card", card.name, "issued_date"))
		# the disposal path takes the cause the event gave
		card.reload()
		from mynumber_card.ledger.transitions import apply_system_transition

		apply_system_transition(card, lifecycle.NOTICE_SENT)
		card.workflow_state = lifecycle.PENDING_DISPOSAL
		card.save()
		self.assertEqual(frappe.db.get_value("MyNumber Card", card.name, "disposal_cause"), "Holder Died")

	def test_a_moving_out_date_still_ahead_does_not_stop_the_hand_over(self):
		name, kana, birth = HOLDERS[3]
		card = make_card(lifecycle.BOOKED, full_name=name, full_name_kana=kana, birth_date=birth)
		card.holder_left_date = frappe.utils.add_days(frappe.utils.today(), 10)
		card.holder_left_reason = rules.MOVED_OUT
		card.save()
		card.workflow_state = lifecycle.ISSUED
		card.save()
		self.assertEqual(str(card.held_until), str(card.holder_left_date))


class TestTheCardForm(ResidentEventTestCase):
	def test_staff_record_the_change_whole_and_not_before_the_hand_over(self):
		name = held_card(1)

		def save(**values):
			card = frappe.get_doc("MyNumber Card", name)
			card.update(values)
			card.save()
			return card

		with self.assertRaises(CardTransitionError):
			save(holder_left_date="2026-04-10")  # no reason
		with self.assertRaises(CardTransitionError):
			save(holder_left_date="2026-03-01", holder_left_reason=rules.DIED)  # before the hand-over
		card = save(holder_left_date="2026-04-10", holder_left_reason=rules.DIED)
		self.assertEqual(str(card.held_until), "2026-04-10")
		# a mistaken match is cleared by hand: held again, to the day after expiry
		card = save(holder_left_date=None, holder_left_reason=None)
		self.assertEqual(str(card.held_until), str(frappe.utils.add_days(card.card_expiry_date, 1)))


class TestAccess(ResidentEventTestCase):
	def call_check(self, content, filename, **form):
		return post_upload("mynumber_card.api.resident_events.check", content, filename, **form)

	def test_endpoint_for_card_managers_only_and_the_upload_is_not_saved(self):
		held_card(1)
		clerk = make_user("events-clerk@example.com", CLERK)
		manager = make_user("events-manager@example.com", MANAGER)
		frappe.set_user(clerk)
		with self.assertRaises(frappe.PermissionError):
			self.call_check(april_list(), "list.xlsx", dry_run=False)
		frappe.set_user(manager)
		files_before = frappe.db.count("File")
		report = self.call_check(april_list(), "list.xlsx", dry_run=False)
		self.assertEqual(report["counts"]["rows_recorded"], 1)
		self.assertEqual(frappe.db.count("File"), files_before)  # the upload is not stored
		frappe.get_doc("Resident Event Import", report["resident_event_import"]).check_permission("read")

	def test_the_record_is_made_by_an_import_only(self):
		with self.assertRaises(resident_events.ResidentEventImportError):
			frappe.get_doc({"doctype": "Resident Event Import", "file_name": "x.xlsx"}).insert()
