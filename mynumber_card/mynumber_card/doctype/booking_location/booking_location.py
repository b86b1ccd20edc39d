# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.booking import slot_list_cache
from mynumber_card.core import text
from mynumber_card.utils.series import ensure_office_rows
from mynumber_card.utils.text_document import TextDocument


class BookingLocation(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		directions: DF.SmallText | None
		is_active: DF.Check
		location_name: DF.Data

	# end: auto-generated types
	def before_naming(self):
		# Named from location_name before validate runs: normalised first, so name and field agree.
		self.location_name = text.normalize(self.location_name)

	def validate(self):
		self.location_name = text.normalize(self.location_name)

	def on_update(self):
		if self.is_active:
			# its clerks' lock rows, made now: two clerks' first calls must not both make one
			ensure_office_rows(self.name)

	def on_change(self):
		slot_list_cache.changed()  # the residents' cached slot lists show it (after db_set too)

	def on_trash(self):
		slot_list_cache.changed()
