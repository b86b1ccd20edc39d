"""The 12-digit 個人番号: recognised only to be refused. It is never stored, logged or echoed.

Check digit (総務省令第85号第5条): weights 6,5,4,3,2,7,6,5,4,3,2 on the first 11 digits from the
left, r = sum mod 11, check digit = 0 when r <= 1, else 11 - r.
"""

import re

from mynumber_card.core.text import normalize

_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
MASK = "************"

# Twelve digits, plain or in 4-4-4 groups, that are not part of a longer number.
_CANDIDATE_RE = re.compile(r"(?<![\d])(?<!\d[ -])(\d{4})([ -]?)(\d{4})\2(\d{4})(?![ -]?\d)")


def check_digit(first_eleven: str) -> int:
	if len(first_eleven) != 11 or not first_eleven.isdigit():
		raise ValueError("check_digit needs exactly 11 digits")
	remainder = sum(int(d) * w for d, w in zip(first_eleven, _WEIGHTS, strict=True)) % 11
	return 0 if remainder <= 1 else 11 - remainder


def is_individual_number(value: str | None) -> bool:
	"""True for a 12-digit number whose last digit is a valid 個人番号 check digit."""
	digits = normalize(value).replace("-", "").replace(" ", "")
	if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
		return False
	return check_digit(digits[:11]) == int(digits[11])


def contains_individual_number(text: str | None) -> bool:
	"""True when free text holds a 個人番号 anywhere (full-width digits and 4-4-4 groups included)."""
	for match in _CANDIDATE_RE.finditer(normalize(text)):
		if is_individual_number(match[1] + match[3] + match[4]):
			return True
	return False


def redact(text: str | None) -> str:
	"""The text with every 個人番号 in it replaced by a mask: safe to log."""
	normalized = normalize(text)

	def _mask(match: re.Match) -> str:
		return MASK if is_individual_number(match[1] + match[3] + match[4]) else match[0]

	return _CANDIDATE_RE.sub(_mask, normalized)
