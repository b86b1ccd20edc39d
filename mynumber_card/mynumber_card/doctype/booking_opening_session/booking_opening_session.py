# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class BookingOpeningSession(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		capacity: DF.Int
		days: DF.Literal[
			"Every Day",
			"Monday to Friday",
			"Saturday and Sunday",
			"Saturday, Sunday and Holidays",
			"Holidays",
			"Monday",
			"Tuesday",
			"Wednesday",
			"Thursday",
			"Friday",
			"Saturday",
			"Sunday",
		]
		end_time: DF.Time
		first_day: DF.Date
		last_day: DF.Date | None
		location: DF.Link
		note: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		purposes: DF.SmallText
		skip_closed_days: DF.Check
		slot_minutes: DF.Int
		start_time: DF.Time
		weeks: DF.Literal["Every Week", "1st", "2nd", "3rd", "4th", "5th", "1st and 3rd", "2nd and 4th"]
	# end: auto-generated types
	pass
