# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class CardRevocationReason(TextDocument):
	"""One value of a closed list the app ships (core/vocabularies.py), named by the value itself."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		sort_order: DF.Int
	# end: auto-generated types
