# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.ledger.deadlines import cards_due_for_renotice

FIELDS = (
	"name",
	"full_name",
	"full_name_kana",
	"notice_number",
	"notice_date",
	"disposal_deadline",
	"address",
)


def execute(filters=None):
	filters = filters or {}
	names = cards_due_for_renotice(filters.get("on"))
	rows = frappe.get_all(
		"MyNumber Card", filters={"name": ("in", names)}, fields=FIELDS, order_by="notice_date asc"
	)
	columns = [
		{
			"fieldname": "name",
			"label": _("MyNumber Card"),
			"fieldtype": "Link",
			"options": "MyNumber Card",
			"width": 160,
		},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 140},
		{"fieldname": "full_name_kana", "label": _("Full Name (Kana)"), "fieldtype": "Data", "width": 160},
		{"fieldname": "notice_number", "label": _("Notice Number"), "fieldtype": "Data", "width": 120},
		{"fieldname": "notice_date", "label": _("Notice Sent"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "disposal_deadline",
			"label": _("Disposal Deadline"),
			"fieldtype": "Date",
			"width": 120,
		},
		{"fieldname": "address", "label": _("Address"), "fieldtype": "Data", "width": 260},
	]
	return columns, rows
