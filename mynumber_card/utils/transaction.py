"""Keeping a cache true to the database across a transaction."""

import frappe


def now_and_when_it_ends(drop):
	"""Call drop() at once (this transaction's own readers), and again after commit or rollback: a
	reader that cached the old rows meanwhile cannot leave them behind. Queued once per transaction,
	however many records change (a month of slots made at once)."""
	drop()
	pending = frappe.flags.setdefault("mnc_drops_at_end", set())
	if drop in pending:
		return
	pending.add(drop)

	def at_end():
		pending.discard(drop)
		drop()

	frappe.db.after_commit.add(at_end)
	frappe.db.after_rollback.add(at_end)
