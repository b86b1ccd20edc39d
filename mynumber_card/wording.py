"""What the residents' pages, mails and letters take from the town's settings: the office's name,
what to bring for a visit, and the pickup deadline printed on the guide letter."""

from contextlib import contextmanager

import frappe

from mynumber_card import settings
from mynumber_card.booking.purposes import pickup_purpose
from mynumber_card.core import municipality, resident_languages
from mynumber_card.core.what_to_bring import WhatToBring, what_to_bring
from mynumber_card.resident_language import offered


@contextmanager
def residents_language(language: str | None = None):
	"""Mails, SMS and notices to residents are written in the residents' language, whoever's request or
	job sends them (the clerk or kiosk whose action sent one may use the desk in English): `language`
	when given and offered (a booking's resident_language: the language the resident booked in), else
	the site's `lang`, Japanese unless the town set another."""
	before = frappe.local.lang
	town_language = frappe.local.conf.get("lang") or "ja"
	frappe.local.lang = resident_languages.taken(language, offered()) if language else town_language
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
	name = pickup_purpose()
	return bring_for(name) if name else what_to_bring(None, False, None, None)


def pickup_deadline_months() -> int:
	"""Months from the notice to the 受取期限 it gives; 0 (set on purpose) prints no deadline."""
	return settings.get_int("pickup_deadline_months")
