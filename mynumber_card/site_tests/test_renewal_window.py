# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""The renewal report (更新対象者) lists exactly the cards the core rule (core/validity) calls due,
on the edges of the window: the last due day, the day after, and windows ending on a month's end."""

from datetime import date, timedelta

from frappe import _
from frappe.tests.utils import FrappeTestCase

from mynumber_card.core import lifecycle, validity
from mynumber_card.mynumber_card.report.cards_due_for_renewal.cards_due_for_renewal import execute
from mynumber_card.testing import make_card

# (the day the report is run, months ahead): windows that end on 29 Feb, 28 Feb, and a 31st
WINDOWS = ((date(2003, 11, 30), 3), (date(2002, 11, 30), 3), (date(2003, 5, 31), 1))


def issued_card(card_expires: date | None, certificate_expires: date | None) -> str:
	card = make_card(lifecycle.ISSUED)
	card.db_set(
		{"card_expiry_date": card_expires, "certificate_expiry_date": certificate_expires},
		update_modified=False,
	)
	return card.name


class TestRenewalWindow(FrappeTestCase):
	def test_the_report_and_the_core_rule_agree_on_the_edges(self):
		for on, months in WINDOWS:
			end = validity.renewal_window_end(on, months)
			day = timedelta(days=1)
			later = end + timedelta(days=3000)  # a card that runs on
			expiries = [
				(end, end),
				(end + day, end + day),
				(later, end),
				(later, end + day),
				(end, None),  # no certificates
				(end + day, None),
				(later, end - timedelta(days=400)),  # expired long ago still counts
			]
			cards = {issued_card(*dates): dates for dates in expiries}
			_columns, rows = execute({"on": on, "months": months})
			listed = {row.name: row.due for row in rows if row.name in cards}
			expected = {}
			for name, (card_expires, certificate_expires) in cards.items():
				kind = validity.renewal_kind(card_expires, certificate_expires, on, months)
				if kind:
					expected[name] = _(kind)
			self.assertEqual(listed, expected, on)
			# the edges themselves: the last due day is in, the day after is out
			due = set(expected)
			self.assertEqual(len(due), 4, on)
			self.assertNotIn(next(n for n, d in cards.items() if d == (end + day, end + day)), due)
