"""The J-LIS deliveries cards may be registered into: only an open one (the scanner's intake, a
delivery list's import, the scanner's list of deliveries)."""

import frappe

DELIVERY = "Card Delivery"
OPEN = "Open"


def is_open(delivery: str | None) -> bool:
	"""From Frappe's document cache, which drops a delivery when it is saved or set (closing it on its
	form, say): a scan asks at every card, and the status changes once in the delivery's life. Its
	counts, moved with atomic updates (delivery_counts), are never read from there."""
	return bool(delivery) and frappe.get_cached_value(DELIVERY, delivery, "status") == OPEN


def open_deliveries(fields: list[str]) -> list[dict]:
	return frappe.get_all(DELIVERY, filters={"status": OPEN}, fields=fields, order_by="received_date desc")
