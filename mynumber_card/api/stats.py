"""Numbers for the workspace."""

import frappe

from mynumber_card.ledger.statistics import current_held_rate, current_issuance_rate


@frappe.whitelist()
@frappe.read_only()  # served from the replica when the site has one
def issuance_rate_card(filters=None) -> dict:
	"""The Number Card 'Issuance Rate Now': cards issued (with those before the system) ÷ population."""
	frappe.has_permission("MyNumber Card", "read", throw=True)
	rate = current_issuance_rate()
	return {"value": rate or 0, "fieldtype": "Percent", "route": ["query-report", "Issuance Rate"]}


@frappe.whitelist()
@frappe.read_only()  # served from the replica when the site has one
def held_rate_card(filters=None) -> dict:
	"""The Number Card 'Held Rate Now' (保有枚数率): cards still held ÷ population, the ministry's
	headline figure since 2023-07."""
	frappe.has_permission("MyNumber Card", "read", throw=True)
	rate = current_held_rate()
	return {"value": rate or 0, "fieldtype": "Percent", "route": ["query-report", "Issuance Rate"]}
