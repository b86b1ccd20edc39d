# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""未交付カード: cards still waiting for their holder, nearest disposal deadline first."""

import frappe

from mynumber_card.core import lifecycle
from mynumber_card.ledger.report_columns import WAITING_CARD_FIELDS, card_columns
from mynumber_card.ledger.statistics import UNCOLLECTED

FIELDS = WAITING_CARD_FIELDS


def execute(filters=None):
	filters = frappe._dict(filters or {})
	states = [filters.state] if filters.get("state") in UNCOLLECTED else list(UNCOLLECTED)
	rows = frappe.get_all(
		"MyNumber Card",
		filters={"workflow_state": ("in", states)},
		fields=[*FIELDS, "workflow_state"],
		order_by="disposal_deadline asc, name asc",
	)
	for row in rows:
		row.state = lifecycle.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
	columns = card_columns(*FIELDS)
	columns.insert(3, {"fieldname": "state", "label": frappe._("State"), "fieldtype": "Data", "width": 90})
	return columns, rows
