"""Signed links and codes: a resident sees and changes their own booking, and nothing else.

Three kinds, each signed with HMAC-SHA256 under the site's secret and its own purpose, so that one is
never taken for the other:

- the manage link's token (`/my-booking?token=…`): the booking's name, the link version and an
  expiry, URL-safe base64;
- the check-in code in the confirmation's QR (`MNC-CI.…`): the booking's name, the link version and
  the visit day, written in the letters A–P only. Scanners type what they read as keystrokes and the
  scan rules upper-case it, and a code without digits can never look like a 12-digit 個人番号;
- the queue ticket's link (`/queue-ticket?token=…`, in the QR of the kiosk's ticket): the ticket's
  name and its day, good on that day only; its MAC cut to 128 bits like the check-in code's, for a
  small QR on an 80 mm receipt.

All hold no personal data. Tampering, another purpose or a passed expiry makes them worthless; the
booking's version lets it revoke every link and code made before (a cancel or a move raises it)."""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, datetime

MANAGE = "booking"  # the manage link's purpose (the tokens mailed before versions existed used it too)
CHECK_IN = "check-in"
CHECK_IN_PREFIX = "MNC-CI"
QUEUE_TICKET = "queue-ticket"
_LETTERS = "ABCDEFGHIJKLMNOP"  # one letter a half byte
# The QR's signature: HMAC-SHA256 cut to 128 bits (NIST SP 800-107 allows truncation; a code is good for
# one day). Half the letters of the full MAC: a smaller QR that a kiosk camera reads from a phone.
CHECK_IN_MAC_BYTES = 16
CHECK_IN_CODE_RE = re.compile(
	rf"{CHECK_IN_PREFIX}\.(?:[A-P]{{2}})+\.[A-P]{{{2 * CHECK_IN_MAC_BYTES}}}", re.ASCII
)
MAX_VERSION_DIGITS = 9
TICKET_MAC_BYTES = 16


class InvalidToken(ValueError):
	pass


class ExpiredToken(InvalidToken):
	pass


@dataclass(frozen=True)
class LinkClaims:
	"""What a valid manage token says: whose booking, and which version of its links."""

	name: str
	version: int


@dataclass(frozen=True)
class CheckInClaims:
	"""What a valid check-in code says: whose booking, which version, and the visit day."""

	name: str
	version: int
	day: date


def _b64(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
	return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _letters(data: bytes) -> str:
	return "".join(_LETTERS[byte >> 4] + _LETTERS[byte & 15] for byte in data)


def _unletters(text: str) -> bytes:
	if len(text) % 2 or any(ch not in _LETTERS for ch in text):
		raise InvalidToken("not a letter code")
	return bytes(
		_LETTERS.index(a) << 4 | _LETTERS.index(b) for a, b in zip(text[::2], text[1::2], strict=True)
	)


def _mac(payload: str, secret: str, purpose: str) -> bytes:
	if not secret:
		raise ValueError("a secret is required")
	return hmac.new(secret.encode(), f"{purpose}:{payload}".encode(), hashlib.sha256).digest()


def _same(given: str, expected: str) -> bool:
	# bytes: compare_digest refuses str with characters outside ASCII (a tampered link)
	return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode())


def _version(text: str) -> int:
	if not text.isdigit() or not text.isascii() or len(text) > MAX_VERSION_DIGITS:
		raise InvalidToken("bad version")
	return int(text)


def _check_version(version: int) -> int:
	if not isinstance(version, int) or isinstance(version, bool) or not 0 <= version < 10**MAX_VERSION_DIGITS:
		raise ValueError("the link version is a whole number from 0")
	return version


def make_token(name: str, expires_at: datetime, secret: str, purpose: str = MANAGE, version: int = 0) -> str:
	payload = _b64(f"{name}|{_check_version(version)}|{int(expires_at.timestamp())}".encode())
	return f"{payload}.{_b64(_mac(payload, secret, purpose))}"


def read_link(token: str, secret: str, now: datetime, purpose: str = MANAGE) -> LinkClaims:
	"""The booking and link version the token was made for; raises InvalidToken or ExpiredToken."""
	try:
		payload, signature = (token or "").strip().split(".")
		if not _same(signature, _b64(_mac(payload, secret, purpose))):
			raise InvalidToken("bad signature")
		parts = _unb64(payload).decode().split("|")
		if len(parts) == 2:  # mailed before links had versions: version 0, the booking's first
			parts.insert(1, "0")
		name, version, expires = parts
		claims = LinkClaims(name, _version(version))
		expires_at = int(expires)
	except (ValueError, UnicodeDecodeError) as error:
		if isinstance(error, InvalidToken):
			raise
		raise InvalidToken("malformed token") from error
	if now.timestamp() > expires_at:
		raise ExpiredToken("expired")
	return claims


def read_token(token: str, secret: str, now: datetime, purpose: str = MANAGE) -> str:
	"""The name the token was made for; raises InvalidToken or ExpiredToken."""
	return read_link(token, secret, now, purpose).name


def _check_in_signature(payload: str, secret: str) -> str:
	return _letters(_mac(payload, secret, CHECK_IN)[:CHECK_IN_MAC_BYTES])


def make_check_in_code(name: str, version: int, day: date, secret: str) -> str:
	payload = _letters(f"{name}|{_check_version(version)}|{day:%Y%m%d}".encode())
	return f"{CHECK_IN_PREFIX}.{payload}.{_check_in_signature(payload, secret)}"


def read_check_in_code(code: str, secret: str) -> CheckInClaims:
	"""What a check-in code says, once its signature is good; raises InvalidToken. Which day it may
	be used on is the caller's rule (the visit day only, at the kiosk)."""
	code = (code or "").strip()
	if not CHECK_IN_CODE_RE.fullmatch(code):
		raise InvalidToken("not a check-in code")
	_prefix, payload, signature = code.split(".")
	if not _same(signature, _check_in_signature(payload, secret)):
		raise InvalidToken("bad signature")
	try:
		name, version, day = _unletters(payload).decode().split("|")
		return CheckInClaims(name, _version(version), datetime.strptime(day, "%Y%m%d").date())
	except (ValueError, UnicodeDecodeError) as error:  # signed by us, so only a bug gets here
		raise InvalidToken("malformed check-in code") from error


def _ticket_signature(payload: str, secret: str) -> str:
	return _b64(_mac(payload, secret, QUEUE_TICKET)[:TICKET_MAC_BYTES])


def make_ticket_token(name: str, day: date, secret: str) -> str:
	"""The queue ticket page's token: the ticket and its day."""
	if not name or "|" in name:
		raise ValueError("a ticket name without |")
	payload = _b64(f"{name}|{day:%Y%m%d}".encode())
	return f"{payload}.{_ticket_signature(payload, secret)}"


def read_ticket_token(token: str, secret: str, today: date) -> str:
	"""The ticket the token was made for; raises InvalidToken, or ExpiredToken once its day is over."""
	try:
		payload, signature = (token or "").strip().split(".")
		if not _same(signature, _ticket_signature(payload, secret)):
			raise InvalidToken("bad signature")
		name, day_text = _unb64(payload).decode().split("|")
		day = datetime.strptime(day_text, "%Y%m%d").date()
	except (ValueError, UnicodeDecodeError) as error:
		if isinstance(error, InvalidToken):
			raise
		raise InvalidToken("malformed ticket token") from error
	if day < today:
		raise ExpiredToken("the ticket's day is over")
	if day > today:  # never made: a ticket is issued on its day
		raise InvalidToken("a day to come")
	return name
