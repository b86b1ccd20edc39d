# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Each report's totals against counts made independently, on dates no other test uses (2001)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle
from mynumber_card.mynumber_card.report.card_ledger.card_ledger import execute as card_ledger
from mynumber_card.mynumber_card.report.issuance_rate.issuance_rate import execute as issuance_rate
from mynumber_card.mynumber_card.report.issuance_status.issuance_status import execute as issuance_status
from mynumber_card.mynumber_card.report.uncollected_cards.uncollected_cards import execute as uncollected
from mynumber_card.testing import make_card

PERIOD = {"from_date": "2001-04-01", "to_date": "2001-06-30"}


def dated_card(state: str, **dates):
	card = make_card(state)
	card.db_set(dates, update_modified=False)
	return card.name


class TestReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# April: 3 received, 2 issued; May: 1 received; June: 2 issued, 1 disposed
		for _ in range(2):
			dated_card(lifecycle.ISSUED, received_date="2001-04-02", issued_date="2001-04-20")
		dated_card(lifecycle.NOTICE_SENT, received_date="2001-04-03", notice_date="2001-04-10")
		dated_card(lifecycle.PREPARED, received_date="2001-05-01", prepared_date="2001-05-02")
		for _ in range(2):
			dated_card(lifecycle.ISSUED, received_date="2001-03-01", issued_date="2001-06-05")
		dated_card(lifecycle.PENDING_DISPOSAL, received_date="2001-03-01", disposed_date="2001-06-30")
		settings = frappe.get_single("MyNumber Card Settings")
		settings.town_name = settings.town_name or "試験町"
		settings.population = 100
		settings.issued_before_system = 40
		settings.save()

	def test_issuance_rate_reproduces_a_worked_example(self):
		# 40 before the system; 2 in April → 42/100 = 42.0 %; May 42.0 %; 2 in June → 44.0 %
		_columns, rows, _message, chart = issuance_rate(PERIOD)
		self.assertEqual(
			[(r["issued"], r["cumulative"], r["rate"]) for r in rows],
			[(2, 42, 42.0), (0, 42, 42.0), (2, 44, 44.0)],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [42.0, 42.0, 44.0])

	def test_issuance_status_totals_match_independent_counts(self):
		_columns, rows = issuance_status(PERIOD)
		total = rows[-1]
		for field in ("received_date", "prepared_date", "notice_date", "issued_date", "disposed_date"):
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
		_columns, rows = uncollected({})
		expected = frappe.db.count(
			"MyNumber Card",
			{
				"workflow_state": (
					"in",
					[*lifecycle.AWAITING_PICKUP, lifecycle.BOOKED, lifecycle.PENDING_DISPOSAL],
				)
			},
		)
		self.assertEqual(len(rows), expected)
		deadlines = [r.disposal_deadline for r in rows if r.disposal_deadline]
		self.assertEqual(deadlines, sorted(deadlines))


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
	def test_holders_due_within_the_months_are_listed(self):
		from frappe.utils import add_months, today

		from mynumber_card.mynumber_card.report.cards_due_for_renewal.cards_due_for_renewal import (
			execute as renewals,
		)

		soon = dated_card(lifecycle.ISSUED, certificate_expiry_date=add_months(today(), 1))
		later = dated_card(lifecycle.ISSUED, certificate_expiry_date=add_months(today(), 7))
		_columns, rows = renewals({"on": today(), "months": 3})
		names = {r.name for r in rows}
		self.assertIn(soon, names)
		self.assertNotIn(later, names)
		expected = frappe.db.count(
			"MyNumber Card",
			{
				"workflow_state": lifecycle.ISSUED,
				"certificate_expiry_date": ("between", [today(), add_months(today(), 3)]),
			},
		)
		self.assertGreaterEqual(len(rows), expected)


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
