"""What the residents' pages, mails and letters take from the town's settings: the office's name,
what to bring for a visit, and the pickup deadline printed on the guide letter."""

from contextlib import contextmanager

import frappe

from mynumber_card import settings
from mynumber_card.core import municipality
from mynumber_card.core.what_to_bring import WhatToBring, what_to_bring


@contextmanager
def residents_language():
	"""Mails, SMS and notices to residents are written in the residents' language (the site's `lang`,
	Japanese unless the town set another), whoever's request or job sends them: the clerk or kiosk
	whose action sent one may use the desk in English."""
	before = frappe.local.lang
	frappe.local.lang = frappe.local.conf.get("lang") or "ja"
	try:
		yield
	finally:
		frappe.local.lang = before


def office_name() -> str:
	"""市役所 / 町役場 / 村役場 / 区役所 with the town's name, or the name staff set (e.g. 南野市役所)."""
	v = settings.values("municipality_type", "town_name", "office_name")
	return municipality.office_name(v.municipality_type, v.town_name, v.office_name)


def bring_for(purpose) -> WhatToBring:
	"""What to bring for a Booking Purpose (a document or its name): its items, then list A / list B
	of identity documents from the settings when the purpose checks identity."""
	if isinstance(purpose, str):
		purpose = frappe.get_cached_doc("Booking Purpose", purpose)
	v = settings.values("id_documents_one", "id_documents_two")
	return what_to_bring(
		purpose.what_to_bring, purpose.needs_identity, v.id_documents_one, v.id_documents_two
	)


def pickup_bring() -> WhatToBring:
	"""What the pickup guide letter lists: the same as the pickup purpose's confirmation mail."""
	name = frappe.db.get_value(
		"Booking Purpose", {"is_pickup": 1, "is_active": 1}, "name", order_by="sort_order asc, name asc"
	)
	return bring_for(name) if name else what_to_bring(None, False, None, None)


def pickup_deadline_months() -> int:
	"""Months from the notice to the 受取期限 it gives; 0 (set on purpose) prints no deadline."""
	return settings.get_int("pickup_deadline_months")
