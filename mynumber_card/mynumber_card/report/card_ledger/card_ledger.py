# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""カード管理簿: every card the town took in during a period, with the date of each step; exports to Excel.

A card enters the ledger on the day it was received from J-LIS, or, for a card J-LIS mailed straight
to its holder (特急発行), on the day it was recorded as mailed."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce
from frappe.utils import add_months, getdate, today

from mynumber_card.core import lifecycle
from mynumber_card.core.search import parse_card_query
from mynumber_card.ledger.card_query import where_typed

DATE_COLUMNS = (
	("received_date", "Received"),
	("prepared_date", "Prepared"),
	("notice_date", "Notice Sent"),
	("notice_returned_date", "Notice Returned Undeliverable"),
	("renotice_date", "Re-notice Sent"),
	("mailed_date", "Mailed"),
	("mail_returned_date", "Returned by Post"),
	("issued_date", "Issued"),
	("disposal_deadline", "Disposal Deadline"),
	("disposal_hold_until", "Disposal Hold Until"),
	("disposed_date", "Disposed"),
	("suspended_date", "Suspended"),
	("revoked_date", "Revoked"),
	("returned_date", "Returned"),
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	end = getdate(filters.to_date or today())
	start = getdate(filters.from_date or add_months(end, -1))
	card = frappe.qb.DocType("MyNumber Card")
	entered = Coalesce(card.received_date, card.mailed_date)
	query = (
		frappe.qb.from_(card)
		.select(
			card.name,
			card.application_id,
			card.notice_number,
			card.full_name,
			card.full_name_kana,
			card.birth_date,
			card.workflow_state,
			card.issue_method,
			card.delivery,
			*(card[field] for field, _label in DATE_COLUMNS),
			card.old_juki_card_returned,
			card.remarks,
		)
		.where(entered.between(start, end))
		.orderby(entered)
		.orderby(card.name)
	)
	if filters.get("state"):
		query = query.where(card.workflow_state == filters.state)
	if filters.get("delivery"):
		query = query.where(card.delivery == filters.delivery)
	if filters.get("name"):
		query = where_typed(query, card, parse_card_query(filters.name))
	rows = query.run(as_dict=True)
	for row in rows:
		row.state = lifecycle.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
		row.issue_method = _(row.issue_method) if row.issue_method else ""
	return columns(), rows


def columns() -> list[dict]:
	head = [
		{
			"fieldname": "name",
			"label": _("MyNumber Card"),
			"fieldtype": "Link",
			"options": "MyNumber Card",
			"width": 150,
		},
		{"fieldname": "application_id", "label": _("Application ID"), "fieldtype": "Data", "width": 200},
		{"fieldname": "notice_number", "label": _("Notice Number"), "fieldtype": "Data", "width": 110},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 120},
		{"fieldname": "full_name_kana", "label": _("Full Name (Kana)"), "fieldtype": "Data", "width": 140},
		{"fieldname": "birth_date", "label": _("Date of Birth"), "fieldtype": "Date", "width": 100},
		{"fieldname": "state", "label": _("State"), "fieldtype": "Data", "width": 90},
		{"fieldname": "issue_method", "label": _("Issue Method"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "delivery",
			"label": _("Card Delivery"),
			"fieldtype": "Link",
			"options": "Card Delivery",
			"width": 120,
		},
	]
	dates = [
		{"fieldname": f, "label": _(label), "fieldtype": "Date", "width": 100} for f, label in DATE_COLUMNS
	]
	tail = [
		{
			"fieldname": "old_juki_card_returned",
			"label": _("Old Juki Card Returned"),
			"fieldtype": "Check",
			"width": 80,
		},
		{"fieldname": "remarks", "label": _("Remarks"), "fieldtype": "Data", "width": 200},
	]
	return head + dates + tail
