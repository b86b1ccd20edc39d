# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class CardImportBatch(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		data_import: DF.Link | None
		first_row: DF.Int
		last_row: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rows: DF.Int
	# end: auto-generated types
	pass
