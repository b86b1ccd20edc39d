"""The town's own scan rules, kept in Redis: every scan classifies its code with them, and they change
only when staff save MyNumber Card Settings. Dropped at once and again after commit or rollback, so
a scan that read the old rows meanwhile cannot leave them behind."""

import frappe

KEY = "mynumber_card:scan_rules"


def rows() -> list[dict]:
	cached = frappe.cache.get_value(KEY)
	if cached is None:
		cached = frappe.get_all(
			"Scan Rule",
			filters={"parent": "MyNumber Card Settings", "enabled": 1},
			fields=["kind", "pattern", "value_group"],
			order_by="idx asc",
		)
		frappe.cache.set_value(KEY, cached)
	return cached


def forget():
	frappe.cache.delete_value(KEY)


def changed():
	forget()
	frappe.db.after_commit.add(forget)
	frappe.db.after_rollback.add(forget)
