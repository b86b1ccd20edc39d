# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.lean_document import LeanDocument


class CardScanLog(LeanDocument):
	"""One scan, as it happened. Written by the scanner endpoint only; a 個人番号 is never in it."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		booking: DF.Link | None
		booking_state_before: DF.Data | None
		card: DF.Link | None
		created_card: DF.Check
		delivery: DF.Link | None
		kind: DF.Data | None
		masked_value: DF.Data | None
		message: DF.SmallText | None
		mode: DF.Literal[
			"Intake",
			"Prepared",
			"Notice Sent",
			"Mailed",
			"Returned by Post",
			"Returned Notice",
			"Check-in",
			"Issue",
			"Disposal",
			"Lookup",
		]
		result: DF.Literal["OK", "Repeated", "Refused", "Undone"]
		scanned_at: DF.Datetime | None
		session_id: DF.Data | None
		state_before: DF.Data | None
		undone: DF.Check
		user: DF.Link | None
	# end: auto-generated types
