"""The identifiers staff and residents handle: 申請書ID, 交付通知書番号 and our booking codes."""

import re

from mynumber_card.core.text import normalize_code

APPLICATION_ID_LENGTH = 23
_NOTICE_RE = re.compile(r"^([A-Z0-9]{3})-?(\d{6})$")


def normalize_application_id(value: str | None) -> str | None:
	"""The 23-digit 申請書ID without separators, or None when the value is not one."""
	digits = normalize_code(value).replace("-", "")
	if len(digits) == APPLICATION_ID_LENGTH and digits.isascii() and digits.isdigit():
		return digits
	return None


def normalize_notice_number(value: str | None) -> str | None:
	"""The 交付通知書番号 as printed (`ABC-123456`), or None when the value is not one."""
	match = _NOTICE_RE.match(normalize_code(value))
	if not match:
		return None
	return f"{match[1]}-{match[2]}"


def is_local_government_code(value: str | None) -> bool:
	"""全国地方公共団体コード: 5 digits and a check digit (weights 6,5,4,3,2; 11 - r, last digit)."""
	code = normalize_code(value)
	if len(code) != 6 or not code.isascii() or not code.isdigit():
		return False
	remainder = sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2), strict=True)) % 11
	return (11 - remainder) % 10 == int(code[5])
