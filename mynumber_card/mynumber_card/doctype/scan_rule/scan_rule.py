# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class ScanRule(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.Data | None
		enabled: DF.Check
		kind: DF.Literal["Application ID", "Notice Number", "Booking Code"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pattern: DF.Data
		value_group: DF.Data | None
	# end: auto-generated types
	pass
