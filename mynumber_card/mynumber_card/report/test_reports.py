# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Each report's totals against counts made independently, on dates no other test uses (2001)."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from mynumber_card.core import lifecycle
from mynumber_card.core.roles import CLERK
from mynumber_card.ledger.transitions import set_held_until
from mynumber_card.mynumber_card.report.card_ledger.card_ledger import execute as card_ledger
from mynumber_card.mynumber_card.report.issuance_rate.issuance_rate import execute as issuance_rate
from mynumber_card.mynumber_card.report.issuance_status.issuance_status import execute as issuance_status
from mynumber_card.mynumber_card.report.uncollected_cards.uncollected_cards import execute as uncollected
from mynumber_card.testing import make_card, make_user

PERIOD = {"from_date": "2001-04-01", "to_date": "2001-06-30"}
# Cards the holder has not got yet, written out here rather than taken from the code under test.
NOT_YET_HANDED_OVER = [
	"Notice Sent",
	"Re-notice Sent",
	"Booked",
	"Mailed",
	"Returned by Post",
	"Pending Disposal",
]


def dated_card(state: str, **dates):
	card = make_card(state)
	card.db_set(dates, update_modified=False)
	return card.name


def set_population(population: int, issued_before_system: int):
	"""The town's size, and cards it issued before the ledger (all still held) as one earlier figure."""
	settings = frappe.get_single("MyNumber Card Settings")
	settings.town_name = settings.town_name or "試験町"
	settings.population = population
	settings.set("earlier_figures", [])
	settings.append(
		"earlier_figures",
		{"month": "2000-01-01", "issued": issued_before_system, "held": issued_before_system},
	)
	settings.save()


def move(card, *states: str, **values):
	"""Walk a saved card along human moves of the lifecycle, as Administrator (every role)."""
	for state in states:
		card.update(values)
		card.workflow_state = state
		card.save()
	return card


class TestReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# April: 3 received, 2 issued; May: 1 received; June: 2 issued, 1 disposed
		for _i in range(2):
			dated_card(lifecycle.ISSUED, received_date="2001-04-02", issued_date="2001-04-20")
		dated_card(lifecycle.NOTICE_SENT, received_date="2001-04-03", notice_date="2001-04-10")
		dated_card(lifecycle.PREPARED, received_date="2001-05-01", prepared_date="2001-05-02")
		for _i in range(2):
			dated_card(lifecycle.ISSUED, received_date="2001-03-01", issued_date="2001-06-05")
		dated_card(lifecycle.PENDING_DISPOSAL, received_date="2001-03-01", disposed_date="2001-06-30")
		set_population(100, 40)

	def test_issuance_rate_without_a_population_says_so_without_raising(self):
		# raising would make Frappe write an Error Log, which a read replica refuses (HTTP 500)
		frappe.db.set_single_value("MyNumber Card Settings", "population", 0)
		try:
			columns, rows, message = issuance_rate(PERIOD)
		finally:
			set_population(100, 40)
		self.assertEqual(rows, [])
		self.assertTrue(columns)
		self.assertEqual(message, _("Enter the town's population in MyNumber Card Settings first."))

	def test_issuance_rate_reproduces_a_worked_example(self):
		# 40 before the system; 2 in April → 42/100 = 42.0 %; May 42.0 %; 2 in June → 44.0 %
		_columns, rows, _message, chart, _summary = issuance_rate(PERIOD)
		self.assertEqual(
			[(r["issued"], r["cumulative"], r["rate"]) for r in rows],
			[(2, 42, 42.0), (0, 42, 42.0), (2, 44, 44.0)],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [42.0, 42.0, 44.0])

	def test_issuance_status_totals_match_independent_counts(self):
		_columns, rows = issuance_status(PERIOD)
		total = rows[-1]
		for field in (
			"received_date",
			"prepared_date",
			"notice_date",
			"mailed_date",
			"issued_date",
			"disposed_date",
			"returned_date",
			"revoked_date",
		):
			expected = frappe.db.count("MyNumber Card", {field: ("between", ["2001-04-01", "2001-06-30"])})
			self.assertEqual(total[field], expected, field)
		self.assertEqual((total["received_date"], total["issued_date"], total["disposed_date"]), (4, 4, 1))
		self.assertEqual([r["issued_date"] for r in rows[:-1]], [2, 0, 2])

	def test_card_ledger_lists_the_period(self):
		_columns, rows = card_ledger(PERIOD)
		self.assertEqual(
			len(rows),
			frappe.db.count("MyNumber Card", {"received_date": ("between", ["2001-04-01", "2001-06-30"])}),
		)
		_columns, rows = card_ledger({**PERIOD, "state": lifecycle.ISSUED})
		self.assertEqual(len(rows), 2)

	def test_uncollected_cards_match_the_states(self):
		_columns, rows, *_rest = uncollected({})
		expected = frappe.db.count("MyNumber Card", {"workflow_state": ("in", NOT_YET_HANDED_OVER)})
		self.assertEqual(len(rows), expected)
		deadlines = [r.disposal_deadline for r in rows if r.disposal_deadline]
		self.assertEqual(deadlines, sorted(deadlines))


NEW_PERIOD = {"from_date": "2002-04-01", "to_date": "2002-06-30"}


class TestReportsCountEveryPath(FrappeTestCase):
	"""Cards put in every state off the counter's line, dated in 2002 (no other test uses it):

	delivered     Mailed by Town: mailed 04-05, delivered 04-10 → issued, held
	in_post       Mailed by Town: mailed 05-02 → not handed over
	post_returned Mailed by Town: mailed 05-03, back 05-10 → not handed over
	express       Express by J-LIS: entered mailed 04-20, never received by the town → not handed over
	suspended     issued 04-15, suspended 05-20 → issued, still held
	revoked       issued 04-16, suspended 05-21, revoked 06-01 → issued, held until May
	returned      issued 04-17, returned 06-02 → issued, held until May
	disposed      defective at intake: received 04-02, disposed 06-03 → never issued nor uncollected
	died          holder died before the notice: pending disposal → uncollected (due for disposal)
	on_hold       noticed 04-05, deadline passed, disposal held for 30 days → uncollected, hold shown
	bounced       noticed 04-05, notice returned undeliverable 05-01 → uncollected, return shown
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		set_population(100, 40)
		staff = (
			make_user("report.staff1@example.jp", CLERK),
			make_user("report.staff2@example.jp", CLERK),
		)
		town_mail = {"issue_method": "Mailed by Town"}
		received = {"received_date": "2002-04-01", "prepared_date": "2002-04-02"}
		cards = cls.cards = {}

		card = move(make_card(lifecycle.PREPARED, **town_mail), lifecycle.MAILED, lifecycle.ISSUED)
		cards["delivered"] = dated(card, **received, mailed_date="2002-04-05", issued_date="2002-04-10")
		card = move(make_card(lifecycle.PREPARED, **town_mail), lifecycle.MAILED)
		cards["in_post"] = dated(card, **received, mailed_date="2002-05-02")
		card = move(make_card(lifecycle.PREPARED, **town_mail), lifecycle.MAILED, lifecycle.MAIL_RETURNED)
		cards["post_returned"] = dated(
			card, **received, mailed_date="2002-05-03", mail_returned_date="2002-05-10"
		)
		card = make_card(issue_method="Express by J-LIS", express_reason="Lost Card")
		cards["express"] = dated(card, mailed_date="2002-04-20")

		loss = {"loss_reported_via": "Call Centre"}
		card = move(make_card(lifecycle.ISSUED), lifecycle.SUSPENDED, **loss)
		cards["suspended"] = dated(card, **received, issued_date="2002-04-15", suspended_date="2002-05-20")
		card = move(
			make_card(lifecycle.ISSUED), lifecycle.SUSPENDED, lifecycle.REVOKED, **loss, revoke_reason="Lost"
		)
		cards["revoked"] = dated(
			card, **received, issued_date="2002-04-16", suspended_date="2002-05-21", revoked_date="2002-06-01"
		)
		two_staff = {"disposal_staff_1": staff[0], "disposal_staff_2": staff[1]}
		card = move(make_card(lifecycle.ISSUED), lifecycle.RETURNED, return_reason="Voluntary", **two_staff)
		cards["returned"] = dated(card, **received, issued_date="2002-04-17", returned_date="2002-06-02")

		card = move(
			make_card(),
			lifecycle.PENDING_DISPOSAL,
			lifecycle.DISPOSED,
			disposal_cause="Defective",
			**two_staff,
		)
		cards["disposed"] = dated(card, received_date="2002-04-02", disposed_date="2002-06-03")
		card = move(make_card(lifecycle.PREPARED), lifecycle.PENDING_DISPOSAL, disposal_cause="Holder Died")
		cards["died"] = dated(card, **received)

		card = make_card(lifecycle.PENDING_DISPOSAL)
		cls.hold_until = add_days(today(), 30)
		card = move(
			card, lifecycle.NOTICE_SENT, disposal_hold_until=cls.hold_until, disposal_hold_reason="入院中"
		)
		cards["on_hold"] = dated(card, **received, notice_date="2002-04-05")
		card = make_card(lifecycle.NOTICE_SENT, notice_returned_date="2002-05-01")
		cards["bounced"] = dated(card, **received, notice_date="2002-04-05")

	def state_of(self, key: str) -> str:
		return frappe.db.get_value("MyNumber Card", self.cards[key], "workflow_state")

	def test_the_cards_are_where_the_paths_lead(self):
		expected = {
			"delivered": "Issued",
			"in_post": "Mailed",
			"post_returned": "Returned by Post",
			"express": "Mailed",
			"suspended": "Suspended",
			"revoked": "Revoked",
			"returned": "Returned",
			"disposed": "Disposed",
			"died": "Pending Disposal",
			"on_hold": "Notice Sent",
			"bounced": "Notice Sent",
		}
		self.assertEqual({key: self.state_of(key) for key in expected}, expected)

	def before(self, field: str) -> int:
		return frappe.db.count("MyNumber Card", [[field, "<", "2002-04-01"], ["issued_date", "is", "set"]])

	def test_issuance_rate_counts_hand_overs_and_cards_still_held(self):
		_columns, rows, _message, chart, summary = issuance_rate(NEW_PERIOD)
		issued_before = 40 + self.before("issued_date")
		held_before = issued_before - self.before("held_until")
		# Issued in April: delivered by post, suspended, revoked, returned (4); they stay issued.
		self.assertEqual([r["issued"] for r in rows], [4, 0, 0])
		self.assertEqual([r["cumulative"] - issued_before for r in rows], [4, 4, 4])
		# Held: the suspended card still counts; the revoked and the returned leave in June.
		self.assertEqual([r["held"] - held_before for r in rows], [4, 4, 2])
		self.assertEqual([r["held_rate"] for r in rows], [round(r["held"] * 100 / 100, 1) for r in rows])
		self.assertEqual(chart["data"]["datasets"][1]["values"], [r["held_rate"] for r in rows])
		self.assertEqual(
			[s["value"] for s in summary], [rows[-1][k] for k in ("cumulative", "rate", "held", "held_rate")]
		)

	def test_todays_totals_agree_with_the_states_of_every_card(self):
		# Independent of any date: every card in a state after hand-over was issued once, and the
		# holder still has those issued or suspended.
		_columns, rows, *_rest = issuance_rate({"from_date": today(), "to_date": today()})
		count = lambda states: frappe.db.count("MyNumber Card", {"workflow_state": ("in", states)})  # noqa: E731
		self.assertEqual(rows[-1]["cumulative"], 40 + count(["Issued", "Suspended", "Returned", "Revoked"]))
		# held: not yet returned, revoked or expired (held_until still ahead)
		still_held = frappe.get_all(
			"MyNumber Card",
			filters={"workflow_state": ("in", ["Issued", "Suspended"])},
			or_filters=[["held_until", "is", "not set"], ["held_until", ">", today()]],
			pluck="name",
		)
		self.assertEqual(rows[-1]["held"], 40 + len(still_held))

	def test_issuance_status_counts_each_new_path(self):
		columns, rows = issuance_status(NEW_PERIOD)
		total = rows[-1]
		for column in columns[2:-1]:
			field = column["fieldname"]
			expected = frappe.db.count("MyNumber Card", {field: ("between", ["2002-04-01", "2002-06-30"])})
			self.assertEqual(total[field], expected, field)
		self.assertEqual(
			{
				f: total[f]
				for f in ("mailed_date", "issued_date", "disposed_date", "returned_date", "revoked_date")
			},
			{"mailed_date": 4, "issued_date": 4, "disposed_date": 1, "returned_date": 1, "revoked_date": 1},
		)
		rate_rows = issuance_rate(NEW_PERIOD)[1]
		self.assertEqual([r["held"] for r in rows[:-1]], [r["held"] for r in rate_rows])
		self.assertEqual(total["held"], rate_rows[-1]["held"])  # a stock: the last month's, not a sum

	def test_card_ledger_lists_mailed_and_express_cards(self):
		_columns, rows = card_ledger(NEW_PERIOD)
		names = {r.name for r in rows}
		self.assertLessEqual(set(self.cards.values()), names)
		received = frappe.db.count(
			"MyNumber Card", {"received_date": ("between", ["2002-04-01", "2002-06-30"])}
		)
		express = frappe.db.count(
			"MyNumber Card",
			{"received_date": ("is", "not set"), "mailed_date": ("between", ["2002-04-01", "2002-06-30"])},
		)
		self.assertEqual(len(rows), received + express)
		# the printed カード管理簿 lists the same cards in the same order
		from mynumber_card.api.ledger_print import ledger_rows

		printed = ledger_rows(getdate(NEW_PERIOD["from_date"]), getdate(NEW_PERIOD["to_date"]))
		self.assertEqual([r.name for r in printed], [r.name for r in rows])
		by_name = {r.name: r for r in rows}
		self.assertEqual(by_name[self.cards["express"]].state, "郵送済")
		self.assertEqual(str(by_name[self.cards["revoked"]].revoked_date), "2002-06-01")
		for state, keys in (
			(lifecycle.MAILED, {"in_post", "express"}),
			(lifecycle.SUSPENDED, {"suspended"}),
			(lifecycle.REVOKED, {"revoked"}),
			(lifecycle.MAIL_RETURNED, {"post_returned"}),
		):
			_columns, rows = card_ledger({**NEW_PERIOD, "state": state})
			self.assertEqual({r.name for r in rows}, {self.cards[k] for k in keys}, state)

	def test_uncollected_cards_include_the_post_holds_and_returned_notices(self):
		_columns, rows, _message, _chart, summary = uncollected({})
		names = {r.name for r in rows}
		waiting = {"in_post", "post_returned", "express", "died", "on_hold", "bounced"}
		self.assertLessEqual({self.cards[k] for k in waiting}, names)
		self.assertFalse({self.cards[k] for k in set(self.cards) - waiting} & names)
		self.assertEqual(
			len(rows), frappe.db.count("MyNumber Card", {"workflow_state": ("in", NOT_YET_HANDED_OVER)})
		)
		# cards with a deadline first, nearest first; those in the post after them
		deadlines = [r.disposal_deadline for r in rows]
		dated_rows = [d for d in deadlines if d]
		self.assertEqual(deadlines, sorted(dated_rows) + [None] * (len(deadlines) - len(dated_rows)))
		by_name = {r.name: r for r in rows}
		self.assertEqual(
			getdate(by_name[self.cards["on_hold"]].disposal_hold_until), getdate(self.hold_until)
		)
		self.assertEqual(str(by_name[self.cards["bounced"]].notice_returned_date), "2002-05-01")
		figures = {s["label"]: s["value"] for s in summary}
		self.assertEqual(figures[frappe._("Uncollected Cards")], len(rows))
		for state in NOT_YET_HANDED_OVER:
			in_state = sum(1 for r in rows if r.workflow_state == state)
			self.assertEqual(figures.get(frappe._(state), 0), in_state, state)

		_columns, held, *_rest = uncollected({"on_hold": 1})
		self.assertIn(self.cards["on_hold"], {r.name for r in held})
		self.assertTrue(all(getdate(r.disposal_hold_until) >= getdate(today()) for r in held))
		_columns, bounced, *_rest = uncollected({"notice_returned": 1})
		self.assertIn(self.cards["bounced"], {r.name for r in bounced})
		self.assertNotIn(self.cards["on_hold"], {r.name for r in bounced})
		self.assertEqual(
			len(bounced),
			frappe.db.count(
				"MyNumber Card",
				{"workflow_state": ("in", NOT_YET_HANDED_OVER), "notice_returned_date": ("is", "set")},
			),
		)
		_columns, posted, *_rest = uncollected({"state": lifecycle.MAILED})
		self.assertEqual(
			{r.name for r in posted},
			set(frappe.get_all("MyNumber Card", {"workflow_state": "Mailed"}, pluck="name")),
		)


def dated(card, **dates) -> str:
	"""Put a card's state dates in the past, and with them the day it stops being held."""
	card.update(dates)
	set_held_until(card)
	card.db_set({**dates, "held_until": card.held_until}, update_modified=False)
	return card.name


class TestRenoticeList(FrappeTestCase):
	def test_cards_noticed_long_ago_are_due(self):
		from frappe.utils import add_days, today

		from mynumber_card.mynumber_card.report.cards_due_for_re_notice.cards_due_for_re_notice import (
			execute as renotice,
		)

		old = dated_card(lifecycle.NOTICE_SENT, notice_date=add_days(today(), -100))
		recent = dated_card(lifecycle.NOTICE_SENT, notice_date=add_days(today(), -10))
		_columns, rows = renotice({"on": today()})
		names = [r.name for r in rows]
		self.assertIn(old, names)
		self.assertNotIn(recent, names)


class TestRenewalReport(FrappeTestCase):
	def test_the_queue_lists_what_is_due_against_an_independent_count(self):
		from frappe.utils import add_months, today

		from mynumber_card.mynumber_card.report.cards_due_for_renewal.cards_due_for_renewal import (
			execute as renewals,
		)

		soon = dated_card(lifecycle.ISSUED, certificate_expiry_date=add_months(today(), 1))
		expired = dated_card(
			lifecycle.ISSUED,
			certificate_expiry_date=add_months(today(), -2),
			card_expiry_date=add_months(today(), 50),
		)
		both = dated_card(
			lifecycle.ISSUED,
			certificate_expiry_date=add_months(today(), 2),
			card_expiry_date=add_months(today(), 2),
		)
		later = dated_card(
			lifecycle.ISSUED,
			certificate_expiry_date=add_months(today(), 7),
			card_expiry_date=add_months(today(), 60),
		)
		returned = dated_card(lifecycle.ISSUED, certificate_expiry_date=add_months(today(), 1))
		frappe.db.set_value("MyNumber Card", returned, "workflow_state", lifecycle.RETURNED)

		_columns, rows = renewals({"on": today(), "months": 3})
		due = {r.name: r.due for r in rows}
		self.assertEqual(due[soon], _("Certificate"))
		self.assertEqual(due[expired], _("Certificate"))
		self.assertEqual(due[both], _("Card and Certificate"))
		self.assertNotIn(later, due)
		self.assertNotIn(returned, due)
		end = add_months(today(), 3)
		independent = frappe.get_all(
			"MyNumber Card",
			filters={"workflow_state": lifecycle.ISSUED, "replaced_by_card": ("is", "not set")},
			or_filters={"card_expiry_date": ("<=", end), "certificate_expiry_date": ("<=", end)},
			pluck="name",
		)
		self.assertEqual(set(due), set(independent))

	def test_guide_letters_are_recorded_and_printed_once(self):
		from frappe.utils import add_months, today

		from mynumber_card.api.renewal_letters import renewal_letters_pdf, send_renewal_letters
		from mynumber_card.ledger.letters import renewal_letter_context

		name = dated_card(lifecycle.ISSUED, certificate_expiry_date=add_months(today(), 1))
		frappe.db.set_value("MyNumber Card", name, "full_name", "更新 案内")
		first = send_renewal_letters(on=today(), months=3, only_unsent=1)
		self.assertGreaterEqual(first["count"], 1)
		self.assertEqual(str(frappe.db.get_value("MyNumber Card", name, "renewal_letter_date")), today())
		with self.assertRaises(frappe.ValidationError):
			send_renewal_letters(on=today(), months=3, only_unsent=1)  # everyone already has theirs
		html = frappe.render_template(
			"mynumber_card/templates/print/renewal_letter.html", {"ctx": renewal_letter_context(names=[name])}
		)
		self.assertIn("更新 案内 様", html)
		self.assertIn("data:image/png;base64,", html)  # the QR code to the renewal booking form
		self.assertIn(
			"visit-booking?purpose=%E6%9B%B4%E6%96%B0", renewal_letter_context(names=[name])["booking_url"]
		)
		renewal_letters_pdf(today())
		self.assertTrue(frappe.local.response.filecontent.startswith(b"%PDF"))


class TestExportAudit(FrappeTestCase):
	def test_ledger_exports_are_logged(self):
		from mynumber_card.api.ledger_print import card_ledger
		from mynumber_card.audit import export_query

		before = frappe.db.count("Access Log", {"report_name": "Card Ledger"})
		card_ledger("2001-04-01", "2001-06-30", output="html")
		frappe.local.form_dict = frappe._dict(
			report_name="Card Ledger",
			file_format_type="CSV",
			filters='{"from_date": "2001-04-01", "to_date": "2001-06-30"}',
			visible_idx="[]",
		)
		export_query()
		logs = frappe.get_all(
			"Access Log",
			filters={"report_name": "Card Ledger"},
			fields=["user", "file_type", "filters"],
			order_by="creation desc",
			limit=2,
		)
		self.assertEqual(frappe.db.count("Access Log", {"report_name": "Card Ledger"}), before + 2)
		self.assertEqual({log.file_type for log in logs}, {"HTML", "CSV"})
		self.assertTrue(all(log.user == "Administrator" and "2001-04-01" in log.filters for log in logs))
