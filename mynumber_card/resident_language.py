"""The language a resident's page, mail or letter is in (Frappe shell over core/resident_languages.py).

A guest's page is in the language of Frappe's `preferred_language` cookie (the page's switcher sets it;
Frappe reads it at the start of each request), `_lang` in the URL, or the browser's own; a booking keeps
the language it was made in (Card Booking.resident_language) for its mails, SMS and letters."""

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import getdate

from mynumber_card import settings
from mynumber_card.core import closing_days
from mynumber_card.core import resident_languages as languages
from mynumber_card.core.dates import wareki
from mynumber_card.utils.resident_text import plain


def offered() -> tuple[str, ...]:
	return languages.offered(bool(settings.get_int("offer_easy_japanese")))


def current() -> str:
	"""The language of this request's page, one of the offered ones (Japanese otherwise)."""
	return languages.taken(getattr(frappe.local, "lang", None), offered())


def switcher() -> list[dict]:
	return languages.switcher(current(), offered())


def ensure_language_records():
	"""やさしい日本語 is a Frappe Language of its own (ja-easy, based on ja); the others ship with Frappe."""
	if not frappe.db.exists("Language", languages.EASY_JAPANESE):
		frappe.get_doc(
			{
				"doctype": "Language",
				"language_code": languages.EASY_JAPANESE,
				"language_name": "やさしい日本語",
				"based_on": languages.JAPANESE,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)
	for code in languages.CODES:
		if frappe.db.get_value("Language", code, "enabled") == 0:
			frappe.db.set_value("Language", code, "enabled", 1)


def date_label(value) -> str:
	"""A day on a resident's page or mail: 令和9年3月21日（日） in Japanese, else the Western calendar,
	2027-03-21 (Sunday), the weekday in the page's language."""
	if languages.is_japanese(current()):
		return wareki(value, with_weekday=True)
	day = getdate(value)
	return f"{day.isoformat()} ({_(day.strftime('%A'))})"


def mnc_day(value) -> str:
	"""A day in a letter or on a page without its weekday: 令和9年3月21日 in Japanese, else 2027-03-21."""
	if not value:
		return ""
	if languages.is_japanese(current()):
		return wareki(value)
	return getdate(value).isoformat()


def slot_day_label(day) -> str:
	"""A day in the slot list: in Japanese with the holiday's name (it tells why the office opens)."""
	if languages.is_japanese(current()):
		return closing_days.day_label(getdate(day))
	return date_label(day)


def html_lang() -> str:
	"""The page's lang attribute: やさしい日本語 is Japanese to a screen reader."""
	return html_lang_of(current())


def switcher_links() -> list[dict]:
	"""The switcher's links: this page again (its token kept) with `_lang`, which Frappe reads first;
	resident_language.js keeps the choice in the preferred_language cookie for the next pages."""
	args = dict(frappe.request.args) if getattr(frappe.local, "request", None) else {}
	path = frappe.request.path if getattr(frappe.local, "request", None) else "/"
	links = []
	for row in switcher():
		args["_lang"] = row["code"]
		links.append({**row, "href": f"{path}?{urlencode(args)}", "lang": html_lang_of(row["code"])})
	return links


def html_lang_of(code: str) -> str:
	return languages.JAPANESE if languages.is_japanese(code) else code


def in_other_languages(source: str) -> list[dict]:
	"""The words in each offered language but Japanese (the calling display's subtitle line)."""
	return [
		{"lang": code, "text": plain(_(source, lang=code))}
		for code in offered()
		if not languages.is_japanese(code)
	]


def take_choice():
	"""before_request: a guest's page in the language chosen on the switcher. Frappe v15 reads the
	preferred_language cookie before the request's session exists, so for a guest it never does; the
	choice is taken here (the link's _lang first), among the offered languages only. Staff keep their
	own desk language; a browser's own language is not taken: Japanese stays the default."""
	if not getattr(frappe.local, "request", None) or frappe.session.user != "Guest":
		return
	code = frappe.form_dict.get("_lang") or frappe.request.cookies.get("preferred_language")
	if code:
		frappe.local.lang = languages.taken(code, offered())
