# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""交付状況: the national categories per month (application support, received from J-LIS, prepared,
notice sent, mailed, issued, disposed, returned, revoked) and the cards still held at each month's end.

Issued counts every hand-over, at the counter or by post; a card later returned or revoked stays
counted there and leaves the cards held (保有枚数), which keep suspended cards."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from mynumber_card.core.dates import wareki
from mynumber_card.core.statistics import months
from mynumber_card.ledger.report_columns import report_columns
from mynumber_card.ledger.statistics import (
	CATEGORIES,
	application_support_by_month,
	count_by_month,
	held_by_month,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	end = getdate(filters.to_date or today())
	start = getdate(filters.from_date or add_months(end, -11))
	counts = {field: count_by_month(field, start, end) for field, _label in CATEGORIES}
	support = application_support_by_month(start, end)
	held = held_by_month(start, end)
	rows = []
	for month in months(start, end):
		row = {"month": wareki(month)[:-2], "application_support": support.get(month, 0)}
		row.update({field: counts[field].get(month, 0) for field, _label in CATEGORIES})
		row["held"] = held.get(month)
		rows.append(row)
	total = {"month": _("Total"), "application_support": sum(r["application_support"] for r in rows)}
	total.update({field: sum(r[field] for r in rows) for field, _label in CATEGORIES})
	total["held"] = rows[-1]["held"] if rows else None  # a stock, not a flow: the last month's
	rows.append(total)
	columns = [
		*report_columns("month", "application_support"),
		*(
			{"fieldname": field, "label": _(label), "fieldtype": "Int", "width": 110}
			for field, label in CATEGORIES
		),
		*report_columns("held"),
	]
	return columns, rows
