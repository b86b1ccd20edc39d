# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class TownReport(TextDocument):
	def autoname(self):
		# the town's code and the day: one report per town and day, no personal data in the name
		self.name = f"{self.town}-{self.report_date}"
