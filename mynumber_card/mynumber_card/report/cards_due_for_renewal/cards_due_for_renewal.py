# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe import _
from frappe.utils import cint

from mynumber_card.ledger.renewals import cards_due_for_renewal


def execute(filters=None):
	filters = filters or {}
	rows = cards_due_for_renewal(filters.get("on"), cint(filters.get("months") or 3))
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
		{"fieldname": "birth_date", "label": _("Date of Birth"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "certificate_expiry_date",
			"label": _("E-certificate Valid Until"),
			"fieldtype": "Date",
			"width": 140,
		},
		{"fieldname": "card_expiry_date", "label": _("Card Valid Until"), "fieldtype": "Date", "width": 130},
		{"fieldname": "address", "label": _("Address"), "fieldtype": "Data", "width": 260},
	]
	return columns, rows
