# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class CardBookingMember(Document):
	"""A family member picking up with the applicant. Its labels are Japanese in the JSON itself:
	the public form's table shows child labels untranslated in Frappe v15."""
