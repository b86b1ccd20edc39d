"""Residents' contact details as typed on a phone: full-width digits, hyphens of every kind."""

import re

from mynumber_card.core.text import normalize, normalize_code

_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")


def normalize_phone(value: str | None) -> str | None:
	"""A Japanese phone number (10 or 11 digits, leading 0) keeping the resident's hyphens."""
	text = normalize_code(value).replace("(", "-").replace(")", "-").strip("-")
	digits = text.replace("-", "")
	if (
		not digits.isascii()
		or not digits.isdigit()
		or not digits.startswith("0")
		or len(digits) not in (10, 11)
	):
		return None
	return re.sub("-+", "-", text)


def normalize_email(value: str | None) -> str | None:
	text = normalize(value).lower()
	return text if len(text) <= 140 and _EMAIL_RE.match(text) else None
