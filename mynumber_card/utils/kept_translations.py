"""The scanner's fixed texts in the clerk's language, translated by Frappe once per process, site and
language, and kept until the site's translations change.

Frappe's `_()` loads a language's whole merged dictionary from Redis at its first call in every request
(ja: 6,314 texts, 464 kB pickled): measured 2026-12-07, 4.3 ms of a card's intake of 43 ms, the
request's largest single cost after Frappe's own insert. A scan answers with a few fixed texts, so it
asks Frappe for each once. What is kept is dropped when a token in Redis changes: the app renews it
after a Translation record is saved or deleted (doc_events), and when Frappe's caches are cleared
(the clear_cache hook: migrate, `bench clear-cache`). A new app version comes with a restart, which
empties every process. One small Redis read a request remains."""

import frappe

TOKEN = "mynumber_card:translations_token"
MAX_KEPT = 500  # texts per site and language: the scanner's are about 60

_kept: dict[tuple[str, str], tuple[str | None, dict[str, str]]] = {}


def translate(message: str) -> str:
	"""As `frappe._(message)`, for a text written in the app's code."""
	key = (frappe.local.site, frappe.local.lang)
	token = frappe.cache.get_value(TOKEN)
	kept = _kept.get(key)
	if kept is None or kept[0] != token:
		kept = _kept[key] = (token, {})
	texts = kept[1]
	if message not in texts:
		translated = frappe._(message)
		if len(texts) >= MAX_KEPT:
			return translated
		texts[message] = translated
	return texts[message]


def renew():
	"""Every process translates again (Frappe's caches were cleared)."""
	frappe.cache.set_value(TOKEN, frappe.generate_hash(length=12))


def renew_after_commit(doc, method=None):
	"""A Translation saved or deleted: from its commit on, as Frappe reads it again only from then."""
	frappe.db.after_commit.add(renew)
