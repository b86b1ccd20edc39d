# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from mynumber_card.core import text


class BookingLocation(Document):
	def before_naming(self):
		# Named from location_name before validate runs: normalised first, so name and field agree.
		self.location_name = text.normalize(self.location_name)

	def validate(self):
		self.location_name = text.normalize(self.location_name)
