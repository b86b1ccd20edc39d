# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.core.site_url import checked_site_url
from mynumber_card.prefecture import roles, site_role
from mynumber_card.utils.text_document import TextDocument


class PrefectureSettings(TextDocument):
	def validate(self):
		if self.overview_url:
			self.overview_url = checked_site_url(self.overview_url) or frappe.throw(
				_("The overview site's address must be like https://pref.example.lg.jp (no path).")
			)
		if self.site_role == site_role.OVERVIEW and frappe.db.count("MyNumber Card"):
			frappe.throw(_("A site with cards in its ledger cannot be the prefecture's overview site."))
		if (self.late_after_days or 0) < 0:
			self.late_after_days = 0

	def on_update(self):
		roles.ensure_roles()
