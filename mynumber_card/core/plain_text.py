"""What residents, staff and spreadsheets write is plain text: checked here on the way in.

Three rules, each answering with the text to store or a reason code (the shell turns the code into a
Japanese message naming the field and, where it helps, the character):

- a **name** (applicant, family members, proxy, holder in the card ledger) is letters of any script
  (kanji with 々〆ヶ, kana, Latin with accents, Cyrillic, Hangul...: Unicode categories L and M, so no
  hand-made ranges), spaces, and the marks names use: ・ ー - ' . It starts with a letter, so no
  spreadsheet formula (= + - @) can begin with it. Names have no digits: 住民票 names never do, and a
  digit in a name field is a typing slip (or a number typed into the wrong box).
- a **kana** name (furigana): kana, spaces and ・ only (core/text.is_kana_only), after the same
  refusal of control and invisible characters.
- **free text** (relationship, remarks, address, reasons): any printable text up to the caller's
  length, but no control characters (a newline only in multi-line fields), no invisible or
  direction-changing characters, no < or > and no template opener ({{ {%). `&` and quotes stay
  allowed: they are common in real text (Q&A, 「"至急"」, O'Neil) and harmless without < and >;
  escaping on output (the second wall) takes care of them in HTML attributes and mail.

Control and invisible characters are refused, never silently dropped: a name that looks right on the
screen must be the name that is stored. Everything is checked after NFKC (full-width ＜ is <).
"""

import unicodedata
from dataclasses import dataclass

from mynumber_card.core.text import is_kana_only, to_katakana

# Reason codes.
EMPTY = "empty"
TOO_LONG = "too_long"
CONTROL = "control"  # C0/C1 controls, line and paragraph separators
INVISIBLE = "invisible"  # zero-width, bidi overrides and other format characters
MARKUP = "markup"  # < > & " ` { } \ in a name; < > {{ {% in free text
START = "start"  # a name that does not begin with a letter (= + - @ ' ...)
DIGIT = "digit"
CHARACTER = "character"  # any other character a name cannot hold (! ? % emoji, private use...)
NOT_KANA = "not_kana"

# Format characters used to hide or reorder text: refused by category (Cf) and named here for the tests.
BIDI_AND_ZERO_WIDTH = (
	"\u200b\u200c\u200d\u200e\u200f"  # zero-width space/joiners, LRM, RLM
	"\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
	"\u2066\u2067\u2068\u2069"  # bidi isolates
	"\ufeff\u061c\u2060"  # BOM / zero-width no-break space, Arabic letter mark, word joiner
)
NAME_MARKS = " ・ー-'."
NAME_MARKUP = set('<>&"`{}\\')
TEXT_MARKUP = set("<>")
TEMPLATE_OPENERS = ("{{", "{%")
# Counted as letters: the ゲタ記号 (what town systems print for a 外字 their font lacks; earlier ledgers
# hold it) and 〇, a kanji in a few names (Unicode files it as a number, Nl).
KANJI_LIKE = "〓〇"
# Marks a typist or a word processor gives for the ASCII ones a name may hold.
_NAME_TRANSLATION = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})
_LINE_CONTROLS = {"\u2028", "\u2029"}  # Zl, Zp: line breaks that break JavaScript strings in old browsers


@dataclass(frozen=True)
class Checked:
	"""The outcome of a rule: the text to store, or why it is refused (and the first character at fault)."""

	value: str
	reason: str | None = None
	char: str | None = None

	@property
	def ok(self) -> bool:
		return self.reason is None

	@property
	def shown_char(self) -> str:
		"""The character for a message: itself when visible, its code point (U+202E) when not."""
		if not self.char:
			return ""
		if self.reason in (CONTROL, INVISIBLE) or not self.char.isprintable() or self.char.isspace():
			return f"U+{ord(self.char):04X}"
		return self.char


def _prepare(value) -> str:
	"""NFKC, other spaces as ASCII space, trimmed. Control characters are kept, to be refused."""
	text = unicodedata.normalize("NFKC", "" if value is None else str(value))
	text = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)
	return text.strip()


def _hidden(text: str, allow_newline: bool = False) -> Checked | None:
	"""The first control or invisible character in the text, as a refusal."""
	for ch in text:
		category = unicodedata.category(ch)
		if ch == "\n" and allow_newline:
			continue
		if category == "Cc" or ch in _LINE_CONTROLS:
			return Checked("", CONTROL, ch)
		if category == "Cf" or ch in BIDI_AND_ZERO_WIDTH:
			return Checked("", INVISIBLE, ch)
		if category == "Cs":  # a lone surrogate from a JSON \ud800: not text at all
			return Checked("", CHARACTER, ch)
	return None


def is_letter(ch: str) -> bool:
	return unicodedata.category(ch).startswith("L") or ch in KANJI_LIKE


def check_name(value, max_length: int, required: bool = True) -> Checked:
	"""A person's name as it will be stored (NFKC, trimmed), or why it cannot be."""
	text = _prepare(value).translate(_NAME_TRANSLATION)
	if not text:
		return Checked("", EMPTY if required else None)
	refused = _hidden(text)
	if refused:
		return refused
	markup = [ch for ch in text if ch in NAME_MARKUP]
	if markup:  # the tag brackets first: they tell staff most plainly what was tried
		return Checked("", MARKUP, next((ch for ch in "<>" if ch in markup), markup[0]))
	if not is_letter(text[0]):
		return Checked("", START, text[0])
	for ch in text:
		category = unicodedata.category(ch)
		if category == "Nd":
			return Checked("", DIGIT, ch)
		if not (is_letter(ch) or category.startswith("M") or ch in NAME_MARKS):
			return Checked("", CHARACTER, ch)
	if len(text) > max_length:
		return Checked("", TOO_LONG)
	return Checked(text)


def check_kana(value, max_length: int, required: bool = True) -> Checked:
	"""Furigana as it will be stored (full-width katakana), or why it cannot be."""
	text = _prepare(value)
	if not text:
		return Checked("", EMPTY if required else None)
	refused = _hidden(text)
	if refused:
		return refused
	kana = to_katakana(text)
	if not is_kana_only(kana):
		wrong = next((ch for ch in kana if not is_kana_only(ch) and not ch.isspace() and ch != "・"), None)
		return Checked("", NOT_KANA, wrong)
	if len(kana) > max_length:
		return Checked("", TOO_LONG)
	return Checked(kana)


def check_free_text(value, max_length: int, multiline: bool = False, required: bool = False) -> Checked:
	"""Free text as it will be stored (as typed, trimmed, line ends as \\n), or why it cannot be.

	The checks run on the NFKC form (so ＜ counts as <); the text itself is kept as typed, since free
	text may hold what NFKC would change (①, ㈱, full-width digits in an address)."""
	text = "" if value is None else str(value)
	text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
	if not text:
		return Checked("", EMPTY if required else None)
	folded = unicodedata.normalize("NFKC", text)
	refused = _hidden(folded, allow_newline=multiline)
	if refused:
		return refused
	for ch in folded:
		if ch in TEXT_MARKUP:
			return Checked("", MARKUP, ch)
	for opener in TEMPLATE_OPENERS:
		if opener in folded:
			return Checked("", MARKUP, opener[0])
	if len(text) > max_length:
		return Checked("", TOO_LONG)
	return Checked(text)
