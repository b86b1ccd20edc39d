"""Handing out storage places at intake. The last place is one row of the settings, locked for the
scan's transaction, so two clerks scanning at once never get the same place."""

import frappe
from frappe.utils import cint

from mynumber_card import settings
from mynumber_card.core import storage
from mynumber_card.settings import SETTINGS


def assign_place(card) -> tuple[int, int]:
	singles = frappe.qb.DocType("Singles")
	rows = (
		frappe.qb.from_(singles)
		.select(singles.field, singles.value)
		.where((singles.doctype == SETTINGS) & singles.field.isin(("last_storage_place", "storage_box_size")))
		.for_update()
	).run(as_dict=True)
	values = {row.field: row.value for row in rows}
	box_size = cint(settings.stored_or_default(values, "storage_box_size"))
	box, position = storage.next_place(values.get("last_storage_place"), box_size)
	frappe.db.set_single_value(SETTINGS, "last_storage_place", storage.format_place(box, position))
	card.storage_box, card.storage_position = box, position
	return box, position
