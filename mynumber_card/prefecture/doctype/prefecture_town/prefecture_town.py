# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.core import town_list
from mynumber_card.core.site_url import checked_site_url
from mynumber_card.utils.plain_text import checked_name
from mynumber_card.utils.text_document import TextDocument


class PrefectureTown(TextDocument):
	def validate(self):
		try:
			self.town_code = town_list.checked_code(self.town_code)
		except town_list.TownListError as refused:
			frappe.throw(code_message(refused))
		self.town_name = checked_name(self.town_name, _("Town Name"), town_list.NAME_LENGTH)
		if self.site_url:
			self.site_url = checked_site_url(self.site_url) or frappe.throw(
				_("The town site's address must be like https://town.example.lg.jp (no path).")
			)
		if self.site_name and not town_list.SITE_NAME_RE.match(self.site_name):
			frappe.throw(_("The site name must be a host name such as goka.pref.example.lg.jp."))


def code_message(refused: town_list.TownListError) -> str:
	if refused.reason == town_list.CODE_CHECK_DIGIT:
		return _("The local government code {0} has a wrong check digit: the code would be {1}.").format(
			refused.detail, refused.expected
		)
	return _("The local government code must be 6 digits with a valid check digit, e.g. 085464.")
