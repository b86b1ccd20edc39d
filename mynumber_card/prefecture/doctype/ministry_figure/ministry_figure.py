# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class MinistryFigure(TextDocument):
	def autoname(self):
		self.name = f"MF-{self.town}-{self.month}"
