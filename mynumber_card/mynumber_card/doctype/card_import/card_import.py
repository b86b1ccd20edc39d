# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from mynumber_card.core import card_import as rules
from mynumber_card.ledger import card_import


class CardImport(Document):
	"""One spreadsheet brought into the card ledger: what was refused or skipped, and the Data
	Imports that inserted the rest. Recorded when staff press Import; a dry run records nothing."""

	def validate(self):
		if self.is_new() and not self.flags.from_upload:
			frappe.throw(
				_("Choose a file and press Import: the import is recorded then."), card_import.CardImportError
			)
		if self.import_type != rules.DELIVERY:
			self.delivery = None

	def onload(self):
		names = [b.data_import for b in self.batches]
		statuses = dict(
			frappe.get_all(
				"Data Import", filters={"name": ("in", names)}, fields=["name", "status"], as_list=True
			)
		)
		self.set_onload("batch_status", statuses)
		self.set_onload("failed_rows", card_import.failed_rows(self) if self.rows_failed else [])
