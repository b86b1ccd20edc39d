# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""交付率 and 保有枚数率: cumulative cards issued, and cards still held, ÷ population, month by month.

Issued counts every hand-over (at the counter, or a mailed card delivered) and keeps counting cards
later returned or revoked; held (保有枚数, the ministry's headline since 2023-07) leaves those out and
keeps suspended cards."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from mynumber_card import settings
from mynumber_card.core.dates import wareki
from mynumber_card.ledger.report_columns import report_columns
from mynumber_card.ledger.statistics import issuance_rate

COLUMNS = ("month", "issued", "cumulative", "population", "rate", "held", "held_rate")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	end = getdate(filters.to_date or today())
	start = getdate(filters.from_date or add_months(end, -11))
	if not settings.get_int("population"):
		# a message, not an exception: Frappe logs a report's exception as an Error Log, a write
		# that a read replica refuses (the report would answer 500 instead of this sentence)
		message = _("Enter the town's population in MyNumber Card Settings first.")
		return report_columns(*COLUMNS), [], message
	rows = [
		{
			"month": f"{wareki(r.month)[:-2]}",
			"issued": r.issued,
			"cumulative": r.cumulative,
			"population": r.population,
			"rate": r.rate,
			"held": r.held,
			"held_rate": r.held_rate,
		}
		for r in issuance_rate(start, end)
	]
	chart = {
		"data": {
			"labels": [r["month"] for r in rows],
			"datasets": [
				{"name": _("Issuance Rate (%)"), "values": [r["rate"] for r in rows]},
				{"name": _("Cards Held Rate (%)"), "values": [r["held_rate"] for r in rows]},
			],
		},
		"type": "line",
	}
	return report_columns(*COLUMNS), rows, None, chart, summary(rows[-1]) if rows else []


def summary(last: dict) -> list[dict]:
	"""The figures at the end of the period, above the table."""
	return [
		{"value": last["cumulative"], "label": _("Issued in Total"), "datatype": "Int"},
		{"value": last["rate"], "label": _("Issuance Rate (%)"), "datatype": "Float"},
		{"value": last["held"], "label": _("Cards Held"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": last["held_rate"],
			"label": _("Cards Held Rate (%)"),
			"datatype": "Float",
			"indicator": "Blue",
		},
	]
