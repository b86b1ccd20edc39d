"""The town's settings as the rest of the app needs them.

Every default lives in the DocType JSON (a static test keeps core's national constants equal to it).
A value the town set is used as it is, 0 included; a field it never set (a row missing in Singles,
say a field added by an update) reads as the JSON default, never as an invented fallback."""

import frappe
from frappe.utils import cint

from mynumber_card.core.deadlines import DisposalRules
from mynumber_card.core.fees import Fees
from mynumber_card.core.queue import Rules as QueueRules

SETTINGS = "MyNumber Card Settings"


def default(fieldname: str):
	"""The DocType's default for a setting: the one home of every default."""
	return frappe.get_meta(SETTINGS).get_field(fieldname).default


def stored_or_default(values: dict, fieldname: str):
	"""The value in a Singles dict (raw, not cast: a cast would turn 'never set' into 0)."""
	value = values.get(fieldname)
	return default(fieldname) if value in (None, "") else value


_STORED = ("stored",)  # a key no fieldname can be, in Frappe's own cache of a single's values


def stored() -> dict:
	"""The settings as stored, read once per request (a booking needs them in four places). Frappe
	drops `frappe.db.value_cache[doctype]` whenever a single is written (set_single_value, a saved
	Settings doc); a rollback drops it here."""
	cache = frappe.db.value_cache.setdefault(SETTINGS, {})
	if _STORED not in cache:
		cache[_STORED] = frappe.db.get_singles_dict(SETTINGS)
		frappe.db.after_rollback.add(forget)
	return cache[_STORED]


def forget():
	frappe.db.value_cache.pop(SETTINGS, None)


def values(*fieldnames: str) -> frappe._dict:
	stored_values = stored()
	return frappe._dict({f: stored_or_default(stored_values, f) for f in fieldnames})


def get_int(fieldname: str) -> int:
	return cint(values(fieldname)[fieldname])


def _whole_numbers(**fieldnames: str) -> dict[str, int]:
	"""{name: setting} for settings given as name=fieldname, as whole numbers."""
	v = values(*fieldnames.values())
	return {name: cint(v[fieldname]) for name, fieldname in fieldnames.items()}


def disposal_rules() -> DisposalRules:
	return DisposalRules(
		**_whole_numbers(
			months_after_notice="disposal_months_after_notice",
			months_after_renotice="disposal_months_after_renotice",
			renotice_after_days="renotice_after_days",
			months_after_application="disposal_months_after_application",
		)
	)


def reissue_fees() -> Fees:
	"""The town's fees; the national amounts are the JSON defaults."""
	amounts = _whole_numbers(
		card="reissue_fee_card",
		certificate="reissue_fee_certificate",
		express_card="reissue_fee_express_card",
	)
	return Fees(**amounts, stolen_free=bool(get_int("stolen_card_free")))


def queue_rules() -> QueueRules:
	return QueueRules.from_settings(
		values("queue_late_rule").queue_late_rule,
		**_whole_numbers(
			early_minutes="queue_early_minutes",
			late_minutes="queue_late_minutes",
			skip_after_calls="queue_skip_after_calls",
			counters="queue_counters",
			default_service_minutes="queue_default_service_minutes",
		),
	)
