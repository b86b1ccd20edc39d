# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""申請一覧: the applications recorded, month by month and by how they were made (窓口申請サポート,
出張申請, …), counted by the application date. Withdrawn applications are left out unless asked for."""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Extract
from frappe.utils import add_months, getdate, today

from mynumber_card.core import applications
from mynumber_card.core.dates import wareki


def execute(filters=None):
	filters = frappe._dict(filters or {})
	end = getdate(filters.to_date or today())
	start = getdate(filters.from_date or add_months(end, -11))
	table = frappe.qb.DocType("Card Application")
	year, month = Extract("year", table.applied_on), Extract("month", table.applied_on)
	query = (
		frappe.qb.from_(table)
		.select(year, month, table.method, Count("*"))
		.where(table.applied_on.between(start, end))
		.groupby(year, month, table.method)
	)
	if not filters.get("include_withdrawn"):
		query = query.where(table.status != applications.WITHDRAWN)
	rows = [
		{
			"month": wareki(row["month"])[:-2],  # 令和8年4月
			**{frappe.scrub(method): row[method] for method in applications.METHODS},
			"total": row["total"],
		}
		for row in applications.by_month(query.run())
	]
	return columns(), rows


def columns() -> list[dict]:
	method_columns = [
		{"fieldname": frappe.scrub(method), "label": _(method), "fieldtype": "Int", "width": 150}
		for method in applications.METHODS
	]
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 130},
		*method_columns,
		{"fieldname": "total", "label": _("Total"), "fieldtype": "Int", "width": 90},
	]
