"""The prefecture's two roles: officers read the overview; each town's reporting user may only post its
own town's report (on the overview) or let the overview read it (on a town)."""

import frappe

from mynumber_card.core import roles as core_roles

OFFICER = core_roles.PREFECTURE_OFFICER
REPORTER = core_roles.PREFECTURE_REPORTER
SYSTEM_MANAGER = core_roles.SYSTEM_MANAGER


def ensure_roles():
	for role in (OFFICER, REPORTER):
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": role == OFFICER}).insert(
				ignore_permissions=True
			)
