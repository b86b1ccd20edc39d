"""The purposes the app treats apart, found by their flags and never by their names: a town may
rename 更新 or カード受取 and the letters, the pull list and the counter buttons follow."""

import frappe


def _first_active(flag: str) -> str | None:
	return frappe.db.get_value(
		"Booking Purpose", {flag: 1, "is_active": 1}, "name", order_by="sort_order asc, name asc"
	)


def pickup_purpose() -> str | None:
	return _first_active("is_pickup")


def renewal_purpose() -> str | None:
	"""The purpose a renewal letter books (the first active one marked 更新)."""
	return _first_active("is_renewal")


def renewal_purposes() -> list[str]:
	"""Every purpose marked 更新, active or not: a booking made before one was switched off is
	still a renewal visit."""
	return frappe.get_all("Booking Purpose", filters={"is_renewal": 1}, pluck="name", order_by="name asc")
