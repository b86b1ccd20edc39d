"""Naming-series counters created ahead of time.

Frappe creates a series row on the first document of a year; two residents booking at that very
moment would both try to create it and one would get a deadlock. Rows for this year and the next
are made at install, on migrate and every day, so a booking only ever locks an existing row."""

import frappe
from frappe.utils import getdate, today

YEARLY_PREFIXES = ("BK-{0}-", "MNC-{0}-", "DLV-{0}-", "CSV-{0}-")


def ensure_series_rows():
	series = frappe.qb.DocType("Series")
	year = getdate(today()).year
	for template in YEARLY_PREFIXES:
		for prefix in (template.format(year), template.format(year + 1)):
			if frappe.db.get_value("Series", prefix, "name", order_by="name") is None:
				frappe.qb.into(series).insert(prefix, 0).columns("name", "current").run()
