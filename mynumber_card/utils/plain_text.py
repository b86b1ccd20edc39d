"""The plain-text rules of core/plain_text.py, applied to a field: the value to store, or a refusal in
plain Japanese that names the field and, when it helps, the character (escaped: messages are HTML)."""

import frappe
from frappe import _
from frappe.utils import escape_html

from mynumber_card.core import plain_text as rules

# Kinds of field (check_fields): a name, furigana, free text on one line, free text over several lines.
NAME = "name"
KANA = "kana"
TEXT = "text"
LINES = "lines"


def checked_name(
	value, label: str, max_length: int, error=frappe.ValidationError, required=True, missing=None
):
	"""The name to store. `label` is the field's translated label; `missing` replaces the message for
	an empty or too long value when the form has its own."""
	return _stored(rules.check_name(value, max_length, required), NAME, label, max_length, error, missing)


def checked_kana(
	value, label: str, max_length: int, error=frappe.ValidationError, required=True, missing=None
):
	"""The furigana to store, in full-width katakana."""
	return _stored(rules.check_kana(value, max_length, required), KANA, label, max_length, error, missing)


def checked_text(
	value,
	label: str,
	max_length: int,
	error=frappe.ValidationError,
	multiline=False,
	required=False,
	missing=None,
) -> str:
	"""The free text to store, as typed (trimmed, line ends as \\n)."""
	checked = rules.check_free_text(value, max_length, multiline, required)
	return _stored(checked, TEXT, label, max_length, error, missing)


def _stored(checked: rules.Checked, kind: str, label: str, max_length: int, error, missing) -> str:
	if checked.ok:
		return checked.value
	if missing and checked.reason in (rules.EMPTY, rules.TOO_LONG):
		frappe.throw(str(missing), error)  # a lazy translation (_lt) is translated here
	frappe.throw(refusal(checked, kind, label, max_length), error, title=_("Please check the entry"))


def refusal(checked: rules.Checked, kind: str, label: str, max_length: int) -> str:
	"""One sentence for the person typing: which field, what is wrong, what to do."""
	char = escape_html(checked.shown_char)
	reason = checked.reason
	if reason == rules.EMPTY:
		return _("Please enter {0}.").format(label)
	if reason == rules.TOO_LONG:
		return _("{0} is too long: up to {1} characters.").format(label, max_length)
	if reason == rules.CONTROL and checked.char == "\n":
		return _("Please write {0} on one line.").format(label)
	if reason == rules.CONTROL:
		return _(
			"{0} contains a control character ({1}) that cannot be entered. Please type it again."
		).format(label, char)
	if reason == rules.INVISIBLE:
		return _(
			"{0} contains an invisible character ({1}), such as a zero-width space or a text direction mark. Please type it again instead of pasting it."
		).format(label, char)
	if reason == rules.NOT_KANA and char:
		return _("Please enter {0} in katakana or hiragana ({1} cannot be used).").format(label, char)
	if reason == rules.NOT_KANA:
		return _("Please enter {0} in katakana or hiragana.").format(label)
	if reason == rules.START:
		return _("{0} must begin with a letter ({1} cannot come first).").format(label, char)
	if reason == rules.DIGIT:
		return _("{0} cannot contain digits ({1}).").format(label, char)
	if kind == TEXT:
		return _(
			"{0} contains a character that cannot be entered ({1}). Angle brackets cannot be used."
		).format(label, char)
	return _("{0} contains a character that cannot be used in a name ({1}).").format(label, char)


def changed(doc, fieldname: str) -> bool:
	"""Checked when new or changed: records saved before these rules (and the marks the retention
	job leaves) stay as they are until someone edits the field."""
	return doc.is_new() or doc.has_value_changed(fieldname)


def check_fields(doc, fields: dict[str, tuple[str, int]], error=frappe.ValidationError):
	"""Each listed field (fieldname -> (kind, maximum length)) that is new or changed, checked and
	stored in its normalised form. Empty fields stay empty: these rules do not make a field required."""
	for fieldname, (kind, max_length) in fields.items():
		if not doc.get(fieldname) or not changed(doc, fieldname):
			continue
		label = _(doc.meta.get_label(fieldname))
		value = doc.get(fieldname)
		if kind == NAME:
			stored = checked_name(value, label, max_length, error, required=False)
		elif kind == KANA:
			stored = checked_kana(value, label, max_length, error, required=False)
		else:
			stored = checked_text(value, label, max_length, error, multiline=kind == LINES)
		doc.set(fieldname, stored or None)
