"""The single 'cards issued before this system' number becomes the first row of the earlier-records
table (nothing is known of their returns, so all are held), and every issued card gets the day it
stops being held, so that 保有枚数 counts returned, revoked and expired cards out."""

import frappe
from frappe.utils import getdate, today

from mynumber_card.core import statistics

SETTINGS = "MyNumber Card Settings"
CARD = "MyNumber Card"


def execute():
	move_issued_before_system()
	fill_held_until()


def move_issued_before_system():
	singles = frappe.qb.DocType("Singles")
	value = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where((singles.doctype == SETTINGS) & (singles.field == "issued_before_system"))
	).run(pluck=True)
	count = int(value[0] or 0) if value else 0
	if count and not frappe.get_all("Earlier Issuance Figure", filters={"parent": SETTINGS}, limit=1):
		settings = frappe.get_single(SETTINGS)
		settings.append("earlier_figures", {"month": first_card_month(), "issued": count, "held": count})
		settings.flags.ignore_mandatory = True
		settings.save(ignore_permissions=True)
	frappe.qb.from_(singles).delete().where(
		(singles.doctype == SETTINGS) & (singles.field == "issued_before_system")
	).run()


def first_card_month():
	"""The figure stood for cards issued before the ledger began: date it at its first card."""
	card = frappe.qb.DocType(CARD)
	first = (
		frappe.qb.from_(card).select(card.received_date).orderby(card.received_date).limit(1).run(pluck=True)
	)
	return getdate(first[0] if first and first[0] else today()).replace(day=1)


def fill_held_until():
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card)
		.select(card.name, card.returned_date, card.revoked_date, card.card_expiry_date)
		.where(card.issued_date.isnotnull())
	).run(as_dict=True)
	for row in rows:
		until = statistics.held_until(
			getdate(row.returned_date) if row.returned_date else None,
			getdate(row.revoked_date) if row.revoked_date else None,
			getdate(row.card_expiry_date) if row.card_expiry_date else None,
		)
		frappe.qb.update(card).set(card.held_until, until).where(card.name == row.name).run()
