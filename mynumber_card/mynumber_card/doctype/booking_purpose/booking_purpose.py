# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.booking import slot_list_cache
from mynumber_card.core import text
from mynumber_card.utils.text_document import TextDocument


class BookingPurpose(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		is_active: DF.Check
		is_pickup: DF.Check
		is_renewal: DF.Check
		needs_identity: DF.Check
		purpose_name: DF.Data
		records_application: DF.Check
		sort_order: DF.Int
		what_to_bring: DF.SmallText | None

	# end: auto-generated types
	def before_naming(self):
		# The record is named from purpose_name before validate runs: normalised here, "ｶｰﾄﾞ受取"
		# becomes the record カード受取 and not a name its own field disagrees with.
		self.purpose_name = text.normalize(self.purpose_name)

	def validate(self):
		self.purpose_name = text.normalize(self.purpose_name)

	def on_change(self):
		slot_list_cache.changed()  # the residents' cached slot lists show it (after db_set too)

	def on_trash(self):
		slot_list_cache.changed()
