"""Signed, expiring links: a resident sees and changes their own booking, and nothing else.

The token carries the booking's name and an expiry, signed with HMAC-SHA256 under the site's
secret. It holds no personal data; tampering or a passed expiry makes it worthless."""

import base64
import hashlib
import hmac
from datetime import datetime


class InvalidToken(ValueError):
	pass


class ExpiredToken(InvalidToken):
	pass


def _b64(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
	return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, secret: str, purpose: str) -> str:
	mac = hmac.new(secret.encode(), f"{purpose}:{payload}".encode(), hashlib.sha256)
	return _b64(mac.digest())


def make_token(name: str, expires_at: datetime, secret: str, purpose: str = "booking") -> str:
	if not secret:
		raise ValueError("a secret is required")
	payload = _b64(f"{name}|{int(expires_at.timestamp())}".encode())
	return f"{payload}.{_signature(payload, secret, purpose)}"


def read_token(token: str, secret: str, now: datetime, purpose: str = "booking") -> str:
	"""The name the token was made for; raises InvalidToken or ExpiredToken."""
	try:
		payload, signature = (token or "").strip().split(".")
		# bytes: compare_digest refuses str with characters outside ASCII (a tampered link)
		expected = _signature(payload, secret, purpose).encode()
		if not hmac.compare_digest(signature.encode("utf-8", "surrogatepass"), expected):
			raise InvalidToken("bad signature")
		name, expires = _unb64(payload).decode().rsplit("|", 1)
		expires_at = int(expires)
	except (ValueError, UnicodeDecodeError) as error:
		if isinstance(error, InvalidToken):
			raise
		raise InvalidToken("malformed token") from error
	if now.timestamp() > expires_at:
		raise ExpiredToken("expired")
	return name
