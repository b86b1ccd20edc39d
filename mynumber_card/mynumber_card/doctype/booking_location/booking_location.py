# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.core import text
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
