"""The renewal purpose was found by its display name 更新; it is now the purpose marked 更新 (is_renewal).
The shipped purpose is marked, under its old name, unless the town has marked one already."""

import frappe

SHIPPED_RENEWAL = "更新"


def execute():
	if frappe.db.exists("Booking Purpose", {"is_renewal": 1}):
		return
	if frappe.db.exists("Booking Purpose", SHIPPED_RENEWAL):
		frappe.db.set_value("Booking Purpose", SHIPPED_RENEWAL, "is_renewal", 1, update_modified=False)
