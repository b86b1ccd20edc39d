# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from mynumber_card.core import text


class BookingPurpose(Document):
	def validate(self):
		self.purpose_name = text.normalize(self.purpose_name)
