"""Words on the residents' pages and mails, translated, as safe HTML: `{{ mnc_t("…") }}` in a template.

The source is the Japanese the page showed before it had other languages, with its furigana written
the Aozora Bunko way, ｜漢字《かんじ》, so a Japanese page keeps its ruby and a translation
(translations/<lang>.csv) carries none. The text is escaped first; only the ruby marks become markup,
and each {0}, {1} … takes an argument (escaped unless it is markup already, e.g. a number in <strong>)."""

import re

import frappe
from frappe import _
from markupsafe import Markup, escape

_RUBY = re.compile(r"｜([^｜《》]+)《([^《》]+)》")


def ruby_html(text: str) -> Markup:
	"""Escaped text with ｜base《reading》 as <ruby>base<rt>reading</rt></ruby>."""
	return Markup(_RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", str(escape(text))))


def plain(text: str) -> str:
	"""The text without its readings (for a title, an alt text or a script's words)."""
	return _RUBY.sub(r"\1", text)


def mnc_t(source: str, *args, context: str | None = None) -> Markup:
	"""`context` tells two uses of the same words apart (Frappe's translation context, the CSV's third
	column): "{0} 様" heads a mail (Dear …,) but only follows the name on the booking page."""
	html = str(ruby_html(_(source, context=context)))
	for index, arg in enumerate(args):
		# str.replace: Markup's own replace would escape the argument's markup a second time
		html = html.replace(f"{{{index}}}", str(escape(arg)))
	return Markup(html)


def mnc_plain(source: str, *args) -> str:
	"""The translated words as plain text (Jinja escapes it as any value)."""
	text = plain(_(source))
	for index, arg in enumerate(args):
		text = text.replace(f"{{{index}}}", str(arg))
	return text


def mnc_words(text) -> str:
	"""A value from the town's data (a purpose's or a document's name) in the page's language when the
	translation files know it (the standard ones), else as written."""
	return _(text) if text else ""


def mnc_list(items) -> str:
	"""Items joined as the page's language lists them: 、 in Japanese and Chinese, a comma elsewhere."""
	separator = "、" if (getattr(frappe.local, "lang", None) or "ja").split("-")[0] in ("ja", "zh") else ", "
	return separator.join(str(item) for item in items or ())


def mnc_tag(tag: str, css_class: str = "", text="") -> Markup:
	"""A number or a word set in its own element inside translated words (the script finds it by its
	class to keep it live): <strong class="mnc-qt-ahead-n">3</strong>."""
	if tag not in ("strong", "span"):
		raise ValueError(tag)
	class_html = f' class="{escape(css_class)}"' if css_class else ""
	return Markup(f"<{tag}{class_html}>{escape(text)}</{tag}>")
