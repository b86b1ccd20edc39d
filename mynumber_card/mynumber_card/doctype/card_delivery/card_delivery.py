# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.ledger.delivery_counts import recount
from mynumber_card.utils.text_document import TextDocument


class CardDelivery(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		counted_count: DF.Int
		discrepancy: DF.Int
		discrepancy_notes: DF.SmallText | None
		expected_count: DF.Int
		naming_series: DF.Literal["DLV-.YYYY.-.###"]
		received_by: DF.Link | None
		received_date: DF.Date
		shipment_reference: DF.Data | None
		status: DF.Literal["Open", "Closed"]

	# end: auto-generated types
	def validate(self):
		self.counted_count = 0 if self.is_new() else recount(self.name)
		self.discrepancy = self.counted_count - (self.expected_count or 0)
