"""Handing out storage places at intake. The last place is one row of the settings, locked for the
scan's transaction, so two clerks scanning at once never get the same place."""

import frappe
from frappe.utils import cint

from mynumber_card import settings
from mynumber_card.core import storage
from mynumber_card.settings import SETTINGS

COUNTER = "last_storage_place"


def assign_place(card) -> tuple[int, int]:
	singles = frappe.qb.DocType("Singles")
	rows = (
		frappe.qb.from_(singles)
		.select(singles.field, singles.value)
		.where((singles.doctype == SETTINGS) & singles.field.isin((COUNTER, "storage_box_size")))
		.for_update()
	).run(as_dict=True)
	values = {row.field: row.value for row in rows}
	box_size = cint(settings.stored_or_default(values, "storage_box_size"))
	box, position = storage.next_place(values.get(COUNTER), box_size)
	place = storage.format_place(box, position)
	if COUNTER in values:
		# Only the counter's own row: set_single_value would also move the Settings' `modified`, and a
		# Settings form opened before any scan of the day would then refuse to save.
		frappe.qb.update(singles).set(singles.value, place).where(
			(singles.doctype == SETTINGS) & (singles.field == COUNTER)
		).run()
	else:
		frappe.db.set_single_value(SETTINGS, COUNTER, place)
	card.storage_box, card.storage_position = box, position
	return box, position


def locked_counter() -> str | None:
	"""The last place handed out, locked until the transaction ends: a Settings save keeps it (the form
	may hold an older one), and a scan meanwhile waits instead of being undone by the save."""
	singles = frappe.qb.DocType("Singles")
	rows = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where((singles.doctype == SETTINGS) & (singles.field == COUNTER))
		.for_update()
	).run(pluck=True)
	return rows[0] if rows else None
