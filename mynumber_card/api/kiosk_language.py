"""The reception kiosk in the resident's language: the resident presses a language button, the kiosk
asks for that language's words (translations/<lang>.csv) and sends `_lang` with its calls, so that
the server's answers come in it too. The words are the kiosk script's own (`words_html("…")` and
`words_text("…")` literals, read from the script) and the active purposes' names."""

import functools
import re
from pathlib import Path

import frappe
from frappe import _

from mynumber_card import resident_language
from mynumber_card.core import queue as q
from mynumber_card.core import resident_languages as languages
from mynumber_card.resident_words import purpose_names
from mynumber_card.roles import only_kiosk

KIOSK_SCRIPT = (
	Path(__file__).parent.parent / "mynumber_card" / "page" / "reception_kiosk" / "reception_kiosk.js"
)
_KIOSK_WORD = re.compile(r"""words_(?:html|text)\(\s*(["'])((?:\\.|(?!\1).)*)\1""", re.S)


@functools.cache
def kiosk_sources() -> tuple[str, ...]:
	text = KIOSK_SCRIPT.read_text(encoding="utf-8")
	return tuple(dict.fromkeys(m[2] for m in _KIOSK_WORD.finditer(text)))


@frappe.whitelist(methods=["GET"])
def words(lang: str) -> dict:
	only_kiosk()
	offered = resident_language.offered()
	code = languages.taken(lang, offered)
	return {
		"lang": code,
		"html_lang": resident_language.html_lang_of(code),
		"languages": [
			{**row, "lang": resident_language.html_lang_of(row["code"])}
			for row in languages.switcher(code, offered)
		],
		"words": {
			source: _(source, lang=code)
			for source in (*kiosk_sources(), *purpose_names(), *q.KIND_LABELS_JA.values())
		},
	}
