# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.utils.text_document import TextDocument


class CardBookingMember(TextDocument):
	"""A family member picking up with the applicant. Its labels are Japanese in the JSON itself:
	the public form's table shows child labels untranslated in Frappe v15."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		birth_date: DF.Date
		card: DF.Link | None
		full_name: DF.Data
		full_name_kana: DF.Data | None
		no_kana: DF.Check
		notice_number: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
