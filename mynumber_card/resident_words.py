"""The words the residents' pages' scripts show, translated for the page (translations/<lang>.csv), and
the translated texts of the web forms that Frappe itself leaves as written (the introduction, the HTML
fields). The scripts' words are read from the scripts themselves (every literal `__("…")`), so a word
added to a script is served with no list to keep."""

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import frappe
from frappe import _
from markupsafe import escape

from mynumber_card import resident_language
from mynumber_card.core.resident_languages import RESIDENT_SCRIPTS

_JS_WORD = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""", re.S)


@functools.cache
def script_sources() -> tuple[str, ...]:
	folder = Path(__file__).parent / "public" / "js"
	found = []
	for name in RESIDENT_SCRIPTS:
		text = (folder / name).read_text(encoding="utf-8")
		found += [m[2].replace("\\'", "'").replace('\\"', '"') for m in _JS_WORD.finditer(text)]
	return tuple(dict.fromkeys(found))


def purpose_names() -> list[str]:
	"""The purposes' names are the town's data, shown through __(): the standard ones are translated."""
	return frappe.get_all("Booking Purpose", filters={"is_active": 1}, pluck="name")


def page_words() -> dict[str, str]:
	return {source: _(source) for source in (*script_sources(), *purpose_names())}


def words_json() -> str:
	"""For a page's data-mnc-words attribute (Jinja escapes it)."""
	return json.dumps(page_words(), ensure_ascii=False)


_AFTER_TAG = re.compile(r"(</(?:strong|em|b|a)>)(?=[^\s<.,:;)!?])")
_BEFORE_TAG = re.compile(r"([^\s>(])(<(?:strong|em|b|a)\b)")


class _Texts(HTMLParser):
	"""Rebuilds a piece of the app's own HTML with each text run translated and escaped."""

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.out = []

	def handle_starttag(self, tag, attrs):
		attrs_html = "".join(f' {k}="{escape(v or "")}"' for k, v in attrs)
		self.out.append(f"<{tag}{attrs_html}>")

	def handle_endtag(self, tag):
		self.out.append(f"</{tag}>")

	def handle_data(self, data):
		text = data.strip()
		if not text:
			self.out.append(data)
			return
		lead = data[: len(data) - len(data.lstrip())]
		trail = data[len(data.rstrip()) :]
		self.out.append(f"{lead}{escape(_(text))}{trail}")


def translated_html(html: str | None) -> str:
	"""The app's own HTML (a web form's introduction or HTML field, from its JSON), its texts translated."""
	if not html:
		return html or ""
	parser = _Texts()
	parser.feed(html)
	parser.close()
	out = "".join(parser.out)
	if (getattr(frappe.local, "lang", None) or "ja").split("-")[0] not in ("ja", "zh"):
		# a run's translation loses its edge spaces (Frappe strips them): words around <strong> get one
		out = _BEFORE_TAG.sub(r"\1 \2", _AFTER_TAG.sub(r"\1 ", out))
	return out


def add_to_web_form(context):
	"""A web form's words in the page's language: Frappe translates the labels and descriptions itself."""
	doc = context.get("web_form_doc")
	if not doc:
		return
	context.title = _(context.get("title") or "")  # the page's <title>; Frappe translates its heading only
	context.introduction_text = translated_html(context.get("introduction_text"))
	for field in doc.get("web_form_fields") or []:
		if field.get("fieldtype") == "HTML":
			field["options"] = translated_html(field.get("options"))
	doc["mnc_words"] = page_words()
	doc["mnc_lang"] = resident_language.current()
	doc["mnc_languages"] = resident_language.switcher_links()
