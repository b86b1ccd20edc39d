# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.ledger import resident_events
from mynumber_card.utils.text_document import TextDocument


class ResidentEventImport(TextDocument):
	"""One list of deaths and moves from the town's resident register, matched to the cards: the
	counts and one line per row (never a name or a birth date from the file). Recorded when staff
	press Import; a dry run records nothing. The file itself is never stored."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		file_name: DF.Data | None
		naming_series: DF.Literal["REVI-.YYYY.-.###"]
		results: DF.LongText | None
		rows_ambiguous: DF.Int
		rows_in_file: DF.Int
		rows_not_found: DF.Int
		rows_recorded: DF.Int
		rows_refused: DF.Int
		rows_to_check: DF.Int
		rows_unchanged: DF.Int
	# end: auto-generated types

	def validate(self):
		if self.is_new() and not self.flags.from_upload:
			frappe.throw(
				_("Choose a file and press Import: the import is recorded then."),
				resident_events.ResidentEventImportError,
			)
