"""Cards and bookings no longer make Frappe Workflow Action rows (every state of both workflows is
optional): staff work from the day sheet, the scanner and the ledger reports, and the rows only grew,
one per card and booking. The open rows left from before are removed with their role rows."""

import frappe

DOCTYPES = ("MyNumber Card", "Card Booking")


def execute():
	action = frappe.qb.DocType("Workflow Action")
	names = (frappe.qb.from_(action).select(action.name).where(action.reference_doctype.isin(DOCTYPES))).run(
		pluck=True
	)
	for start in range(0, len(names), 1000):
		batch = names[start : start + 1000]
		frappe.db.delete("Workflow Action Permitted Role", {"parent": ("in", batch)})
		frappe.db.delete("Workflow Action", {"name": ("in", batch)})
