# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""交付率: cumulative cards issued ÷ population, month by month."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from mynumber_card.core.dates import wareki
from mynumber_card.ledger.statistics import issuance_rate


def execute(filters=None):
	filters = frappe._dict(filters or {})
	end = getdate(filters.to_date or today())
	start = getdate(filters.from_date or add_months(end, -11))
	if not frappe.db.get_single_value("MyNumber Card Settings", "population"):
		frappe.throw(_("Enter the town's population in MyNumber Card Settings first."))
	rows = [
		{
			"month": f"{wareki(r.month)[:-2]}",
			"issued": r.issued,
			"cumulative": r.cumulative,
			"population": r.population,
			"rate": r.rate,
		}
		for r in issuance_rate(start, end)
	]
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 140},
		{"fieldname": "issued", "label": _("Issued in the Month"), "fieldtype": "Int", "width": 140},
		{"fieldname": "cumulative", "label": _("Issued in Total"), "fieldtype": "Int", "width": 130},
		{"fieldname": "population", "label": _("Population"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "rate",
			"label": _("Issuance Rate (%)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 130,
		},
	]
	chart = {
		"data": {
			"labels": [r["month"] for r in rows],
			"datasets": [{"name": _("Issuance Rate (%)"), "values": [r["rate"] for r in rows]}],
		},
		"type": "line",
	}
	return columns, rows, None, chart
