"""The town's own scan rules, kept in Redis: every scan classifies its code with them, and they change
only when staff save MyNumber Card Settings. Dropped at once and again after commit or rollback, so
a scan that read the old rows meanwhile cannot leave them behind."""

import frappe

from mynumber_card import settings
from mynumber_card.utils.transaction import now_and_when_it_ends

KEY = "mynumber_card:scan_rules"


def rows() -> list[dict]:
	cached = frappe.cache.get_value(KEY)
	if cached is None:
		cached = settings.rows("scan_rules", ["kind", "pattern", "value_group"], enabled=1)
		frappe.cache.set_value(KEY, cached)
	return cached


def forget():
	frappe.cache.delete_value(KEY)


def changed():
	now_and_when_it_ends(forget)
