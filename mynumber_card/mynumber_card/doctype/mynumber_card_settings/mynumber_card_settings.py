# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from mynumber_card.core import barcodes, identifiers
from mynumber_card.ledger.deadlines import recompute_disposal_deadlines

RULE_FIELDS = ("disposal_months_after_notice", "disposal_months_after_renotice")


class MyNumberCardSettings(Document):
	def validate(self):
		self.validate_scan_rules()
		if self.local_government_code and not identifiers.is_local_government_code(
			self.local_government_code
		):
			frappe.throw(
				_("The local government code must be 6 digits with a valid check digit, e.g. 085464."),
				title=_("Invalid Local Government Code"),
			)

	def validate_scan_rules(self):
		rows = [
			{"kind": r.kind, "pattern": r.pattern, "value_group": r.value_group}
			for r in self.scan_rules
			if r.enabled
		]
		try:
			barcodes.rules_from_config(rows)
		except ValueError as error:
			frappe.throw(_("A scan rule is not valid: {0}").format(str(error)), title=_("Scan Rules"))

	def on_update(self):
		if any(self.has_value_changed(f) for f in RULE_FIELDS):
			count = recompute_disposal_deadlines()
			frappe.msgprint(_("Disposal deadlines recomputed for {0} cards.").format(count), alert=True)
