"""The running count of cards in each J-LIS delivery, kept with atomic updates so that two clerks
scanning the same box at once never lose a count."""

import frappe
from frappe.query_builder.functions import Count


def move(old_delivery: str | None, new_delivery: str | None):
	if old_delivery == new_delivery:
		return
	if old_delivery:
		_add(old_delivery, -1)
	if new_delivery:
		_add(new_delivery, 1)


def _add(delivery: str, step: int):
	table = frappe.qb.DocType("Card Delivery")
	(
		frappe.qb.update(table)
		# discrepancy first: MariaDB assigns left to right, so it must still see the old count
		.set(table.discrepancy, table.counted_count + step - table.expected_count)
		.set(table.counted_count, table.counted_count + step)
		.where(table.name == delivery)
	).run()


def recount(delivery: str) -> int:
	"""Count from the cards themselves (used when a delivery is saved)."""
	card = frappe.qb.DocType("MyNumber Card")
	return (frappe.qb.from_(card).select(Count("*")).where(card.delivery == delivery)).run()[0][0]
