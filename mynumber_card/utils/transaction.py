"""Keeping a cache true to the database across a transaction."""

import frappe


def now_and_when_it_ends(drop):
	"""Call drop() at once (this transaction's own readers), and again after commit or rollback: a
	reader that cached the old rows meanwhile cannot leave them behind."""
	drop()
	frappe.db.after_commit.add(drop)
	frappe.db.after_rollback.add(drop)
