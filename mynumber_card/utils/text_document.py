"""The base of every doctype of the app: stored text prints as text.

Frappe's Standard print format, and any template that calls `doc.get_formatted(...)`, put a Data or Small
Text value into the HTML as it is stored (Frappe's Jinja has no autoescape and trusts input was
sanitised). A name like `"<img src=x onerror=...>"`, already in the database from old data or another
path, would run in the print preview of any clerk. Here the value is escaped, then line breaks are
kept as Frappe keeps them."""

import frappe
from frappe.model.document import Document
from frappe.utils import escape_html

MULTILINE_FIELDTYPES = frozenset(("Small Text", "Text", "Long Text"))
# Field types whose value is plain text (a Link's value is a record name, also typed by someone).
TEXT_FIELDTYPES = MULTILINE_FIELDTYPES | frozenset(
	("Data", "Read Only", "Select", "Autocomplete", "Phone", "Barcode", "Link", "Dynamic Link")
)


class TextDocument(Document):
	def before_validate(self):
		"""A 12-digit 個人番号 typed into any text field of the app's doctypes (their child rows too) is
		refused before it is saved. A controller that defines before_validate calls this first."""
		from mynumber_card.privacy import refuse_individual_numbers

		refuse_individual_numbers(self)

	def save_version(self):
		"""Frappe (v15) builds a Version document at every insert of a tracked doctype, only to find it
		has nothing to record unless the insert carries an `updater_reference` (Version.for_insert):
		a query and a deep copy for nothing. Where Frappe would record something, it does as before."""
		if (
			self._doc_before_save is None
			and not self.get("amended_from")
			and not self.flags.updater_reference
		):
			return
		super().save_version()

	def get_formatted(
		self, fieldname, doc=None, currency=None, absolute_value=False, translated=False, format=None
	):
		df = self.meta.get_field(fieldname)
		value = self.get(fieldname)
		if not df or df.fieldtype not in TEXT_FIELDTYPES or not isinstance(value, str):
			return super().get_formatted(fieldname, doc, currency, absolute_value, translated, format)
		html = escape_html(frappe._(value) if translated else value)
		return html.replace("\n", "<br>") if df.fieldtype in MULTILINE_FIELDTYPES else html
