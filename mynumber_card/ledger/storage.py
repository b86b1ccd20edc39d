"""Handing out storage places at intake. The last place is one row of the settings, locked for the
scan's transaction, so two clerks scanning at once never get the same place."""

from frappe.utils import cint

from mynumber_card import settings
from mynumber_card.core import storage

COUNTER = "last_storage_place"


def assign_place(card) -> tuple[int, int]:
	values = settings.locked(COUNTER, "storage_box_size")
	box_size = cint(settings.stored_or_default(values, "storage_box_size"))
	box, position = storage.next_place(values.get(COUNTER), box_size)
	place = storage.format_place(box, position)
	settings.set_counter(COUNTER, place, exists=COUNTER in values)
	card.storage_box, card.storage_position = box, position
	return box, position


def locked_counter() -> str | None:
	"""The last place handed out, locked until the transaction ends: a Settings save keeps it (the form
	may hold an older one), and a scan meanwhile waits instead of being undone by the save."""
	return settings.locked(COUNTER).get(COUNTER)
