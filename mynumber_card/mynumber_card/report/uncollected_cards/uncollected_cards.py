# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""未交付カード: cards made for a holder who has not got them yet — waiting at the office after a
notice, booked, in the post or back from it, or due for disposal — nearest disposal deadline first.
Disposal holds (廃棄保留) and notices returned undeliverable (返戻) are shown so staff can act on them."""

import frappe
from frappe import _
from frappe.utils import getdate

from mynumber_card.core import lifecycle
from mynumber_card.core.statistics import UNCOLLECTED
from mynumber_card.ledger.report_columns import columns_of

FIELDS = (
	"name",
	"full_name",
	"full_name_kana",
	"workflow_state",
	"notice_number",
	"notice_date",
	"mailed_date",
	"mail_returned_date",
	"disposal_deadline",
	"disposal_hold_until",
	"notice_returned_date",
	"address",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	card = frappe.qb.DocType("MyNumber Card")
	states = [filters.state] if filters.get("state") in UNCOLLECTED else list(UNCOLLECTED)
	query = (
		frappe.qb.from_(card)
		.select(*(card[field] for field in FIELDS))
		.where(card.workflow_state.isin(states))
		# cards in the post have no disposal deadline: after those that do
		.orderby(card.disposal_deadline.isnull())
		.orderby(card.disposal_deadline)
		.orderby(card.name)
	)
	if filters.get("on_hold"):
		query = query.where(card.disposal_hold_until >= getdate())
	if filters.get("notice_returned"):
		query = query.where(card.notice_returned_date.isnotnull())
	rows = query.run(as_dict=True)
	for row in rows:
		row.state = lifecycle.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
	return columns_of(FIELDS), rows, None, None, summary(rows)


def summary(rows) -> list[dict]:
	"""How many cards the list holds, in each state, with holds in force and returned notices."""
	on = getdate()
	figures = [{"value": len(rows), "label": _("Uncollected Cards"), "datatype": "Int"}]
	for state in UNCOLLECTED:
		count = sum(1 for row in rows if row.workflow_state == state)
		if count:
			figures.append({"value": count, "label": _(state), "datatype": "Int"})
	holds = sum(1 for row in rows if row.disposal_hold_until and getdate(row.disposal_hold_until) >= on)
	returned = sum(1 for row in rows if row.notice_returned_date)
	figures.append(
		{"value": holds, "label": _("Disposal Hold in Force"), "datatype": "Int", "indicator": "Blue"}
	)
	figures.append(
		{"value": returned, "label": _("Notice Returned"), "datatype": "Int", "indicator": "Orange"}
	)
	return figures
