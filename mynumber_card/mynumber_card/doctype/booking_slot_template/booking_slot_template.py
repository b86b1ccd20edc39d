# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class BookingSlotTemplate(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		capacity: DF.Int
		end_time: DF.Time
		location: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		purposes: DF.SmallText
		slot_minutes: DF.Int
		start_time: DF.Time
		weekday: DF.Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
	# end: auto-generated types
	pass
