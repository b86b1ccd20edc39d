# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""カード管理簿: every card the town took in during a period, with the date of each step; exports to Excel.
The rows come from ledger/card_ledger.py, as for the printed ledger."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from mynumber_card.core import lifecycle
from mynumber_card.ledger.card_ledger import FIELDS, ledger_rows
from mynumber_card.ledger.report_columns import columns_of


def execute(filters=None):
	filters = frappe._dict(filters or {})
	end = getdate(filters.to_date or today())
	start = getdate(filters.from_date or add_months(end, -1))
	rows = ledger_rows(start, end, filters.get("state"), filters.get("delivery"), filters.get("name"))
	for row in rows:
		row.state = lifecycle.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
		row.issue_method = _(row.issue_method) if row.issue_method else ""
	return columns_of(FIELDS), rows
