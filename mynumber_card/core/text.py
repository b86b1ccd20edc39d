"""Japanese text normalisation for what residents type and scanners send as keystrokes."""

import re
import unicodedata

# Dash-like characters that a scanner, an IME or a copy-paste turns a hyphen into.
_DASHES = "‐‑‒–—―−ｰ－ー"
_DASH_RE = re.compile(f"[{_DASHES}]")
_KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30fa\u30fc\uff66-\uff9f]")
_SPACES_RE = re.compile(r"[\s\u3000・･]+")


def strip_control(value: str) -> str:
	"""Remove control and format characters (scanner prefixes, stray tabs, zero-width spaces)."""
	return "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf"))


def normalize(value: str | None) -> str:
	"""NFKC (full-width digits and letters, half-width kana), no control characters, trimmed."""
	if not value:
		return ""
	return strip_control(unicodedata.normalize("NFKC", str(value))).strip()


def normalize_code(value: str | None) -> str:
	"""A scanned or typed identifier: normalised, hyphens unified, upper case, no inner spaces."""
	text = _DASH_RE.sub("-", str(value or ""))
	text = normalize(text)
	return re.sub(r"\s+", "", text).upper()


def has_kana(value: str | None) -> bool:
	"""True when the Japanese IME turned scanner keystrokes into kana."""
	return bool(_KANA_RE.search(value or ""))


def to_katakana(value: str | None) -> str:
	"""Hiragana and half-width katakana become full-width katakana."""
	text = normalize(value)
	return "".join(chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch for ch in text)


def kana_key(value: str | None) -> str:
	"""Comparison key for furigana: katakana, no spaces or middle dots."""
	return _SPACES_RE.sub("", to_katakana(value))


def name_key(value: str | None) -> str:
	"""Comparison key for a name in kanji: normalised, no spaces."""
	return _SPACES_RE.sub("", normalize(value))


def is_kana_only(value: str | None) -> bool:
	"""Furigana may hold katakana, hiragana, spaces and the long-vowel mark only."""
	text = kana_key(value)
	return bool(text) and all("\u30a1" <= ch <= "\u30fc" for ch in text)
