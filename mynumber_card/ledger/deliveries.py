"""The J-LIS deliveries cards may be registered into: only an open one (the scanner's intake, a
delivery list's import, the scanner's list of deliveries)."""

import frappe

DELIVERY = "Card Delivery"
OPEN = "Open"


def is_open(delivery: str | None) -> bool:
	return bool(delivery) and frappe.db.get_value(DELIVERY, delivery, "status") == OPEN


def open_deliveries(fields: list[str]) -> list[dict]:
	return frappe.get_all(DELIVERY, filters={"status": OPEN}, fields=fields, order_by="received_date desc")
