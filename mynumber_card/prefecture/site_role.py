"""Is this site a town (a card ledger of its own) or the prefecture's overview (the towns' figures only)?"""

import frappe
from frappe import _

SETTINGS = "Prefecture Settings"
TOWN = "Town"
OVERVIEW = "Prefecture Overview"


class WrongSiteRole(frappe.PermissionError):
	pass


def role() -> str:
	return frappe.db.get_single_value(SETTINGS, "site_role") or TOWN


def is_overview() -> bool:
	return role() == OVERVIEW


def require_overview():
	if not is_overview():
		frappe.throw(_("This site is not the prefecture's overview site."), WrongSiteRole)


def require_town():
	if is_overview():
		frappe.throw(_("The prefecture's overview site keeps no card ledger."), WrongSiteRole)
