# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""未交付カード: cards made for a holder who has not got them yet — waiting at the office after a
notice, booked, in the post or back from it, or due for disposal — nearest disposal deadline first.
Disposal holds (廃棄保留) and notices returned undeliverable (返戻) are shown so staff can act on them."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import lifecycle
from mynumber_card.core.statistics import UNCOLLECTED
from mynumber_card.ledger.report_columns import card_columns

# Columns beyond the shared card columns (ledger/report_columns.py): label, fieldtype, width.
EXTRA = {
	"state": ("State", "Data", 100),
	"mailed_date": ("Mailed", "Date", 100),
	"mail_returned_date": ("Returned by Post", "Date", 110),
	"disposal_hold_until": ("Disposal Hold Until", "Date", 120),
	"notice_returned_date": ("Notice Returned Undeliverable", "Date", 130),
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	card = frappe.qb.DocType("MyNumber Card")
	states = [filters.state] if filters.get("state") in UNCOLLECTED else list(UNCOLLECTED)
	query = (
		frappe.qb.from_(card)
		.select(
			card.name,
			card.full_name,
			card.full_name_kana,
			card.workflow_state,
			card.notice_number,
			card.notice_date,
			card.mailed_date,
			card.mail_returned_date,
			card.disposal_deadline,
			card.disposal_hold_until,
			card.notice_returned_date,
			card.address,
		)
		.where(card.workflow_state.isin(states))
		# cards in the post have no disposal deadline: after those that do
		.orderby(card.disposal_deadline.isnull())
		.orderby(card.disposal_deadline)
		.orderby(card.name)
	)
	if filters.get("on_hold"):
		query = query.where(card.disposal_hold_until >= getdate(today()))
	if filters.get("notice_returned"):
		query = query.where(card.notice_returned_date.isnotnull())
	rows = query.run(as_dict=True)
	for row in rows:
		row.state = lifecycle.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
	return columns(), rows, None, None, summary(rows)


def columns() -> list[dict]:
	shared = card_columns("name", "full_name", "full_name_kana")
	extra = [
		{"fieldname": field, "label": _(label), "fieldtype": fieldtype, "width": width}
		for field, (label, fieldtype, width) in EXTRA.items()
	]
	by_name = {c["fieldname"]: c for c in extra}
	return [
		*shared,
		by_name["state"],
		*card_columns("notice_number", "notice_date"),
		by_name["mailed_date"],
		by_name["mail_returned_date"],
		*card_columns("disposal_deadline"),
		by_name["disposal_hold_until"],
		by_name["notice_returned_date"],
		*card_columns("address"),
	]


def summary(rows) -> list[dict]:
	"""How many cards the list holds, in each state, with holds in force and returned notices."""
	on = getdate(today())
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
