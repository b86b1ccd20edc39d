# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from mynumber_card.ledger.delivery_counts import recount


class CardDelivery(Document):
	def validate(self):
		self.counted_count = 0 if self.is_new() else recount(self.name)
		self.discrepancy = self.counted_count - (self.expected_count or 0)
