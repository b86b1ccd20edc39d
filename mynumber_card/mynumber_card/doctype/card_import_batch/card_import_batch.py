# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class CardImportBatch(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cleaned_file: DF.Data | None
		done_to_row: DF.Int
		failures: DF.LongText | None
		first_row: DF.Int
		last_row: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rows: DF.Int
		rows_failed: DF.Int
		rows_imported: DF.Int
	# end: auto-generated types
	pass
