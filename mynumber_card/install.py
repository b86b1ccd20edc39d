"""Install and uninstall hooks."""

import frappe

from mynumber_card.core.deadlines import DisposalRules

SETTINGS = "MyNumber Card Settings"


def after_install():
	set_default_settings()


def after_migrate():
	set_default_settings()


def set_default_settings():
	"""Give a new town working rules at once; a town's own values are never overwritten."""
	rules = DisposalRules()
	defaults = {
		"booking_opens_days_ahead": 30,
		"booking_closes_hours_before": 24,
		"disposal_months_after_notice": rules.months_after_notice,
		"disposal_months_after_renotice": rules.months_after_renotice,
		"renotice_after_days": rules.renotice_after_days,
	}
	singles = frappe.qb.DocType("Singles")
	present = set(
		frappe.qb.from_(singles).select(singles.field).where(singles.doctype == SETTINGS).run(pluck=True)
	)
	for field, value in defaults.items():
		if field not in present:
			frappe.db.set_single_value(SETTINGS, field, value)


def before_uninstall():
	# The workflow points at a doctype that uninstall removes; leave nothing dangling.
	if frappe.db.exists("Workflow", "MyNumber Card Lifecycle"):
		frappe.delete_doc("Workflow", "MyNumber Card Lifecycle", ignore_permissions=True, force=True)
