# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.ledger import applications
from mynumber_card.utils.birth_date import checked_birth_date
from mynumber_card.utils.plain_text import KANA, LINES, NAME, TEXT, check_fields
from mynumber_card.utils.text_document import TextDocument

# What staff type: plain text (core/plain_text.py), as on the card.
PLAIN_TEXT_FIELDS = {
	"full_name": (NAME, 140),
	"full_name_kana": (KANA, 140),
	"place_name": (TEXT, 140),
	"remarks": (LINES, 2000),
}


class CardApplication(TextDocument):
	"""An application for a card the counter took or helped with (申請サポート, 申請時来庁), until J-LIS
	sends the card and it joins the ledger."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		anonymised: DF.Check
		application_id: DF.Data | None
		applied_on: DF.Date
		birth_date: DF.Date
		booking: DF.Link | None
		card: DF.Link | None
		event_date: DF.Date | None
		express_reason: DF.Link | None
		full_name: DF.Data
		full_name_kana: DF.Data | None
		method: DF.Literal[
			"Counter Support",
			"Off-site Application",
			"By Post",
			"Online Application",
			"Identity Checked at Application",
			"Express Issue",
		]
		name_key: DF.Data | None
		naming_series: DF.Literal["AP-.YYYY.-.#####"]
		place_kind: DF.Literal[
			"", "Care Home or Hospital", "Company or Workplace", "School", "Community Hall", "Other Place"
		]
		place_name: DF.Data | None
		received_on: DF.Date | None
		remarks: DF.SmallText | None
		residence_expiry_date: DF.Date | None
		staff: DF.Link | None
		status: DF.Literal["Applied", "Card Arrived", "Withdrawn"]
		withdrawn_on: DF.Date | None

	# end: auto-generated types
	def validate(self):
		check_fields(self, PLAIN_TEXT_FIELDS, applications.CardApplicationError)
		if self.birth_date:
			self.birth_date = checked_birth_date(self.birth_date, applications.CardApplicationError)
		applications.check(self)

	def on_update(self):
		applications.follow_to_card(self)
