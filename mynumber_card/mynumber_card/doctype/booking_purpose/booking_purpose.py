# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe.model.document import Document

from mynumber_card.core import text


class BookingPurpose(Document):
	def before_naming(self):
		# The record is named from purpose_name before validate runs: normalised here, "ｶｰﾄﾞ受取"
		# becomes the record カード受取 and not a name its own field disagrees with.
		self.purpose_name = text.normalize(self.purpose_name)

	def validate(self):
		self.purpose_name = text.normalize(self.purpose_name)
