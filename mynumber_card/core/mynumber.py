"""The 12-digit 個人番号: recognised only to be refused. It is never stored, logged or echoed.

Check digit (総務省令第85号第5条): weights 6,5,4,3,2,7,6,5,4,3,2 on the first 11 digits from the
left, r = sum mod 11, check digit = 0 when r <= 1, else 11 - r.

One normaliser finds every spelling (`digit_sequences`): after NFKC (full-width digits and dashes)
and with invisible characters dropped, a written number is a run of digits in which neighbours are
joined by nothing or by up to three separators: spaces, dashes of every kind (ー too: the IME gives
it for a hyphen), dots, slashes and middle dots. So `1234-5678 9018`, `1234.5678.9018`,
`1234/5678/9018` and `1 2 3 4 5 6 7 8 9 0 1 8` are each one number of 12 digits. A number of more
than 12 digits (a 23-digit 申請書ID, `1234-5678-9018-0000`) is not a 個人番号, unless a run of exactly
12 digits with nothing between them stands inside it. A number right after `+` is an international
phone number (Frappe's Phone field stores `+81-9012345678`: 12 digits) and never counts. Only a valid
check digit makes a 個人番号: a Japanese phone number has 10 or 11 digits and never trips it alone.

Known limit: a phone number and another small number joined only by a space (`090-1234-5678 2`)
make 12 digits, refused when the check digit happens to fit (1 in 11): the message asks to rewrite.
"""

import html
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
MASK = "************"
LENGTH = 12

# What may stand between two digits of one written number (after NFKC: full-width forms are these).
SEPARATORS = " -‐‑‒–—―−ー.・·/"
MAX_GAP = 3
_SEP = f"[{re.escape(SEPARATORS)}]"
# A written number of 12 digits or more (shorter ones never matter), from its first digit: the
# lookbehinds (fixed widths, one per gap length) keep the search from starting again inside a number.
_SEQUENCE_RE = re.compile(
	"".join(f"(?<![0-9]{_SEP}{{{gap}}})" for gap in range(MAX_GAP + 1))
	+ rf"[0-9](?:{_SEP}{{0,{MAX_GAP}}}[0-9]){{11,}}"
)
_RUN_RE = re.compile(r"[0-9]+")
# Line breaks end a number; every other control or format character (zero-width, bidi, tab) is dropped.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Format characters outside the first plane (Unicode 15): Kaithi, Egyptian, shorthand, music, tags.
_CF_BEYOND_BMP = (
	0x110BD,
	0x110CD,
	*range(0x13430, 0x13440),
	*range(0x1BCA0, 0x1BCA4),
	*range(0x1D173, 0x1D17B),
)
_CF_BEYOND_BMP += (0xE0001, *range(0xE0020, 0xE0080))
# HTML (a comment, a mail): block tags end a line, other tags vanish, entities are decoded.
_BLOCK_TAG_RE = re.compile(
	r"<\s*(?:br|/?\s*(?:p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|pre|section))\b[^>]*>", re.I
)
_TAG_RE = re.compile(r"<[^>]*>")


def check_digit(first_eleven: str) -> int:
	if len(first_eleven) != 11 or not first_eleven.isdigit():
		raise ValueError("check_digit needs exactly 11 digits")
	remainder = sum(int(d) * w for d, w in zip(first_eleven, _WEIGHTS, strict=True)) % 11
	return 0 if remainder <= 1 else 11 - remainder


def _valid(digits: str) -> bool:
	return (
		len(digits) == LENGTH
		and digits.isascii()
		and digits.isdigit()
		and check_digit(digits[:11]) == int(digits[11])
	)


@cache
def _dropped() -> re.Pattern:
	"""Every control and format character but line breaks, as one character class of ranges (fast on
	the megabytes of an uploaded text file)."""
	codes = [
		c
		for c in (*range(0x10000), *_CF_BEYOND_BMP)
		if unicodedata.category(chr(c)) in ("Cc", "Cf") and chr(c) not in _LINE_BREAKS
	]
	ranges, start = [], codes[0]
	for previous, code in zip(codes, [*codes[1:], None], strict=True):
		if code != previous + 1:
			ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
			start = code
	return re.compile("[" + "".join(ranges) + "]")


def prepare(text: str | None) -> str:
	"""The text as the guard reads it: NFKC, no invisible characters, line breaks kept."""
	return _dropped().sub("", unicodedata.normalize("NFKC", "" if text is None else str(text)))


def digit_sequences(prepared: str) -> Iterator[re.Match]:
	"""Every written number of 12 digits or more in the prepared text (see the module docstring),
	international phone numbers left out."""
	for match in _SEQUENCE_RE.finditer(prepared):
		if match.start() and prepared[match.start() - 1] == "+":
			continue
		yield match


def _spans(prepared: str) -> Iterator[tuple[int, int]]:
	"""Where the 個人番号 of the prepared text stand."""
	for match in digit_sequences(prepared):
		digits = "".join(_RUN_RE.findall(match[0]))
		if len(digits) == LENGTH:
			if _valid(digits):
				yield match.span()
			continue
		if len(digits) > LENGTH:
			for run in _RUN_RE.finditer(match[0]):
				if _valid(run[0]):
					yield match.start() + run.start(), match.start() + run.end()


def is_individual_number(value: str | None) -> bool:
	"""True when the whole value is one 12-digit number with a valid 個人番号 check digit."""
	prepared = prepare(value).strip()
	match = _SEQUENCE_RE.fullmatch(prepared)
	return bool(match) and _valid("".join(_RUN_RE.findall(prepared)))


def contains_individual_number(text: str | None) -> bool:
	"""True when the text holds a 個人番号 anywhere, in any of the spellings above."""
	return next(_spans(prepare(text)), None) is not None


def html_text(value: str | None) -> str:
	"""What an HTML value shows as text: `<p>1234&nbsp;5678&nbsp;9018</p>` is `1234 5678 9018`."""
	text = _BLOCK_TAG_RE.sub("\n", "" if value is None else str(value))
	return html.unescape(_TAG_RE.sub("", text))


def holds_individual_number(value) -> bool:
	"""contains_individual_number for a stored value of any kind: as written and, when it may be HTML
	or hold entities (a comment, a mail, a rich-text field), as it would show."""
	if value is None or isinstance(value, bool):
		return False
	text = str(value)
	if contains_individual_number(text):
		return True
	return ("<" in text or "&" in text) and contains_individual_number(html_text(text))


def _mask_once(prepared: str) -> str:
	out, end = [], 0
	for start, stop in _spans(prepared):
		out.append(prepared[end:start])
		out.append(MASK)
		end = stop
	out.append(prepared[end:])
	return "".join(out)


def redact(text: str | None) -> str:
	"""The text (normalised) with every 個人番号 in it replaced by a mask: safe to log. Masking a run
	inside a longer number can leave 12 digits standing on one side: masked again until none is left."""
	masked = prepare(text)
	while True:
		again = _mask_once(masked)
		if again == masked:
			return masked.strip()
		masked = again


def mask_long_numbers(text: str | None) -> str:
	"""Every written number of 12 digits or more masked, valid or not: for text that will be cut
	short (a 13-digit number cut at 12 could become a 個人番号)."""
	return _SEQUENCE_RE.sub(MASK, prepare(text)).strip()
