# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class CardScanLog(Document):
	"""One scan, as it happened. Written by the scanner endpoint only; a 個人番号 is never in it."""
