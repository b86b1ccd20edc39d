# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.core import card_import as rules
from mynumber_card.ledger import card_import
from mynumber_card.utils.text_document import TextDocument


class CardImport(TextDocument):
	"""One spreadsheet brought into the card ledger: what was refused or skipped, and the parts of
	cleaned rows the job inserted. Recorded when staff press Import; a dry run records nothing."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mynumber_card.mynumber_card.doctype.card_import_batch.card_import_batch import CardImportBatch

		batches: DF.Table[CardImportBatch]
		delivery: DF.Link | None
		file_name: DF.Data | None
		import_type: DF.Literal["Earlier Ledger", "J-LIS Delivery List"]
		naming_series: DF.Literal["CIMP-.YYYY.-.###"]
		problems: DF.LongText | None
		rows_duplicate: DF.Int
		rows_failed: DF.Int
		rows_imported: DF.Int
		rows_in_file: DF.Int
		rows_refused: DF.Int
		rows_to_import: DF.Int
		status: DF.Literal[
			"Not Started",
			"Waiting to Import",
			"Importing",
			"Imported",
			"Imported with Errors",
			"Not Imported",
		]
	# end: auto-generated types

	def validate(self):
		if self.is_new() and not self.flags.from_upload:
			frappe.throw(
				_("Choose a file and press Import: the import is recorded then."), card_import.CardImportError
			)
		if self.import_type != rules.DELIVERY:
			self.delivery = None

	def onload(self):
		self.set_onload("failed_rows", card_import.failed_rows(self) if self.rows_failed else [])
