"""The town's settings as the rest of the app needs them."""

import frappe

from mynumber_card.core.deadlines import DisposalRules

SETTINGS = "MyNumber Card Settings"


def disposal_rules() -> DisposalRules:
	values = frappe.db.get_singles_dict(SETTINGS, cast=True)
	defaults = DisposalRules()
	return DisposalRules(
		months_after_notice=_int_or(values.get("disposal_months_after_notice"), defaults.months_after_notice),
		months_after_renotice=_int_or(
			values.get("disposal_months_after_renotice"), defaults.months_after_renotice
		),
		renotice_after_days=_int_or(values.get("renotice_after_days"), defaults.renotice_after_days),
	)


def _int_or(value, default: int) -> int:
	return default if value in (None, "") else int(value)
