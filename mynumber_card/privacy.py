"""The 個人番号 rule (番号法 第19・20条): the app never stores one, whatever field it is typed into."""

import frappe
from frappe import _

from mynumber_card.core.mynumber import contains_individual_number

TEXT_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Read Only", "Code")


class IndividualNumberError(frappe.ValidationError):
	pass


def refuse_individual_numbers(doc, method=None):
	"""doc_events validate hook: refuse a 12-digit number with a valid 個人番号 check digit."""
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.get("fields", {"fieldtype": ("in", TEXT_FIELDTYPES)}):
			if df.options == "Phone":
				continue  # phone numbers keep their own validation
			if contains_individual_number(row.get(df.fieldname)):
				frappe.throw(
					_(
						"{0}: a 12-digit number that looks like an Individual Number (My Number) cannot be entered. "
						"The town must not keep My Numbers in this system."
					).format(frappe.bold(_(df.label))),
					IndividualNumberError,
					title=_("Individual Number refused"),
				)
