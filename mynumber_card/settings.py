"""The town's settings as the rest of the app needs them: the one reader (and writer) of MyNumber Card
Settings, from Frappe's document cache (tests/test_settings_reads.py fails on a read anywhere else).

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
	"""The settings as stored, from the Settings document in Frappe's document cache (Redis), kept
	in the request once read (a booking needs them in four places). Frappe drops both whenever a
	single is written (set_single_value, a saved Settings doc), and again at the commit or rollback;
	a rollback drops the request's copy here. The counters (`locked`) are never read from here:
	they are written behind the cache."""
	cache = frappe.db.value_cache.setdefault(SETTINGS, {})
	if _STORED not in cache:
		values = getattr(document(), "stored_values", None)
		if values is None:  # a document cached by an earlier version of the app, before a migrate
			values = frappe.db.get_singles_dict(SETTINGS)
		cache[_STORED] = values
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


CONTACT_FIELDS = ("town_name", "contact_department", "contact_phone", "office_hours")


def contact() -> frappe._dict:
	"""Whom residents write to and call: for the letters' sender, the mails' footer and the pages."""
	return values(*CONTACT_FIELDS)


def town_name() -> str:
	return values("town_name").town_name or ""


def rows(table_field: str, fields: list[str], **filters) -> list:
	"""The rows of one of the settings' tables (scan rules, earlier figures), without the document."""
	child = frappe.get_meta(SETTINGS).get_field(table_field).options
	return frappe.get_all(
		child,
		filters={"parent": SETTINGS, "parenttype": SETTINGS, "parentfield": table_field, **filters},
		fields=fields,
		order_by="idx asc",
	)


def document():
	"""The whole settings document, tables included (slot generation reads its templates and days)."""
	return frappe.get_cached_doc(SETTINGS)


def editable():
	"""A fresh settings document to change and save (the demo's sample town): never the cached one."""
	return frappe.get_single(SETTINGS)


def locked(*fieldnames: str) -> dict:
	"""Stored values (raw) of some settings, their rows locked until the transaction ends: a counter
	that two requests must not hand out twice."""
	singles = frappe.qb.DocType("Singles")
	found = (
		frappe.qb.from_(singles)
		.select(singles.field, singles.value)
		.where((singles.doctype == SETTINGS) & singles.field.isin(fieldnames))
		.for_update()
	).run(as_dict=True)
	return {row.field: row.value for row in found}


def set_counter(fieldname: str, value: str, exists: bool):
	"""Write a counter's own row only: set_single_value would also move the Settings' `modified`, and a
	Settings form opened before would then refuse to save."""
	if not exists:
		frappe.db.set_single_value(SETTINGS, fieldname, value)
		return
	singles = frappe.qb.DocType("Singles")
	frappe.qb.update(singles).set(singles.value, value).where(
		(singles.doctype == SETTINGS) & (singles.field == fieldname)
	).run()


def fill_defaults():
	"""Give a new town working rules at once: each field's DocType default, written where the town has
	no value yet (a field an update adds included); a town's own values are never overwritten."""
	defaults = {df.fieldname: df.default for df in frappe.get_meta(SETTINGS).fields if df.default is not None}
	defaults["last_storage_place"] = ""  # the row must exist: intake locks it
	singles = frappe.qb.DocType("Singles")
	present = set(
		frappe.qb.from_(singles).select(singles.field).where(singles.doctype == SETTINGS).run(pluck=True)
	)
	for field, value in defaults.items():
		if field not in present:
			frappe.db.set_single_value(SETTINGS, field, value)
