"""The resident's side of the counter queue (窓口の呼出): the ticket on a phone, the message when the turn
is near and when it is called, the public waits per purpose, and the checks of what comes from outside
(a Web Push subscription from a phone, the town's lists of origins).

Everything here is numbers and states: no name ever enters, none leaves."""

import base64
import binascii
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from urllib.parse import urlsplit

from mynumber_card.core import queue as q

NEAR_DEFAULT = 3  # the town's setting: tell the resident when this many are ahead

# How often a phone without a live socket asks for its ticket. FAST_POLL_S keeps a call on the phone
# within 3 s of the clerk's press; a ticket far back asks less often (500 phones in a hall).
FAST_POLL_S = 2
SLOW_POLL_S = 10

# What the ticket page says, by the ticket's state.
STATUS_WAITING = "waiting"
STATUS_CALLED = "called"
STATUS_SERVING = "serving"
STATUS_DONE = "done"
STATUS_ABSENT = "absent"  # 不在: called and not there; a clerk may put it back
STATUS_TO_STAFF = "to_staff"
STATUS_CANCELLED = "cancelled"
STATUSES = {
	q.WAITING: STATUS_WAITING,
	q.CALLED: STATUS_CALLED,
	q.SERVING: STATUS_SERVING,
	q.DONE: STATUS_DONE,
	q.SKIPPED: STATUS_ABSENT,
	q.TO_STAFF: STATUS_TO_STAFF,
	q.CANCELLED: STATUS_CANCELLED,
}
# A ticket in these states is over: its alerts (and the phone or mail they hold) go.
ENDED = (q.DONE, q.CANCELLED)

# The alerts a resident may ask for on the ticket page.
NEAR = "near"
CALLED = "called"

# The public waits page.
BEFORE_HOURS = "before"
OPEN = "open"
ENDED_FOR_TODAY = "ended"  # 本日の受付は終了しました
CLOSED_TODAY = "closed"


def status(state: str) -> str:
	return STATUSES.get(state, STATUS_CANCELLED)


def call_key(number: str, last_called_at) -> str:
	"""One key per call and recall of a ticket: a phone tells each one once."""
	return f"{number}@{last_called_at.isoformat()}" if last_called_at else ""


def line_estimates(
	purposes: Sequence[str], medians: Mapping[str, float], default_minutes: float, counters: int
) -> list[int]:
	"""The wait told to each waiting ticket, in the order they will be called: q.estimate_wait of the
	tickets before it, rounded as residents are told (q.rounded_wait), for the whole line at once."""
	waits = []
	total = 0.0
	for purpose in purposes:
		waits.append(q.rounded_wait(math.ceil(total / max(counters, 1))))
		total += medians.get(purpose, default_minutes)
	return waits


def poll_seconds(ahead: int | None, near: int, counters: int) -> int:
	"""A waiting ticket the next few calls may reach, and every ticket called or served, asks every
	FAST_POLL_S; one further back every SLOW_POLL_S (it is told again when it comes closer)."""
	if ahead is None or ahead <= max(near, 0) + max(counters, 1):
		return FAST_POLL_S
	return SLOW_POLL_S


@dataclass(frozen=True)
class AlertMarks:
	"""What an alert has told so far: the near message, and the last call (by its call_key)."""

	near_sent: bool = False
	called_key: str = ""


def due_alerts(marks: AlertMarks, state: str, ahead: int | None, key: str, near: int) -> tuple[str, ...]:
	"""What to tell now: the call (each call and recall once), or that the turn is near (once, when at
	most `near` are ahead). A call also counts as near: no near message comes after it."""
	if state == q.CALLED and key and key != marks.called_key:
		return (CALLED,)
	if state == q.WAITING and ahead is not None and ahead <= near and not marks.near_sent:
		return (NEAR,)
	return ()


@dataclass(frozen=True)
class WaitRow:
	"""One row of the public waits page."""

	location: str | None  # None while the queue is one per site
	purpose: str
	waiting: int
	minutes: int  # the wait of a resident who takes a ticket now


def waits(
	waiting: Iterable[tuple[str | None, str]],
	purposes: Sequence[str],
	medians: Mapping[str, float],
	default_minutes: float,
	counters: int | Mapping[str | None, int],
) -> list[WaitRow]:
	"""Per location and purpose, how many wait and the wait of a resident arriving now. One queue per
	location: everyone waiting there is ahead of a new ticket, whatever its purpose (as the kiosk
	estimates it). `waiting` holds (location, purpose) per waiting ticket; each location seen gets a row
	for every purpose offered (a purpose nobody waits for shows 0), and a site with no location data
	one location, None. `counters`: the open counters, one number for all or one per location."""
	by_location: dict[str | None, list[str]] = {}
	for location, purpose in waiting:
		by_location.setdefault(location, []).append(purpose)
	if not by_location:
		by_location[None] = []
	rows = []
	for location in sorted(by_location, key=lambda name: (name is not None, name or "")):
		line = by_location[location]
		open_here = counters.get(location, 1) if isinstance(counters, Mapping) else counters
		minutes = q.rounded_wait(q.estimate_wait(line, medians, default_minutes, open_here))
		shown = list(purposes) + sorted(set(line) - set(purposes))
		rows.extend(WaitRow(location, purpose, line.count(purpose), minutes) for purpose in shown)
	return rows


def reception(now: time, opens: time, closes: time, open_today: bool) -> str:
	"""Whether tickets are taken now: before the opening time, open, ended for the day (from the closing
	time on), or a day the counter does not open."""
	if not open_today:
		return CLOSED_TODAY
	if now < opens:
		return BEFORE_HOURS
	if now >= closes:
		return ENDED_FOR_TODAY
	return OPEN


# What comes from outside ----------------------------------------------------------------------------


class Refused(ValueError):
	"""Input the queue pages refuse; `key` names the reason for the shell's message."""

	def __init__(self, key: str):
		super().__init__(key)
		self.key = key


@dataclass(frozen=True)
class PushSubscription:
	"""A browser's Web Push subscription (PushSubscription.toJSON()): where to post, and the keys the
	message is encrypted for (RFC 8291)."""

	endpoint: str
	p256dh: str
	auth: str


MAX_ENDPOINT = 1000
P256DH_BYTES = 65  # an uncompressed P-256 point
AUTH_BYTES = 16
_B64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")
_HOST = (
	r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
ORIGIN_RE = re.compile(rf"(https?)://((?:\*\.)?{_HOST}|\[[0-9A-Fa-f:.]+\])(?::([0-9]{{1,5}}))?", re.ASCII)


def _key_bytes(value, length: int) -> bytes:
	if not isinstance(value, str) or not _B64URL.fullmatch(value):
		raise Refused("bad_subscription")
	try:
		raw = base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
	except (binascii.Error, ValueError):
		raise Refused("bad_subscription") from None
	if len(raw) != length:
		raise Refused("bad_subscription")
	return raw


def origin_of(url: str) -> str | None:
	"""scheme://host[:port] of a plain http(s) URL without user or password; None otherwise."""
	try:
		parts = urlsplit(url)
		port = parts.port
	except ValueError:
		return None
	if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
		return None
	host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
	return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def origin_allowed(origin: str, allowed: Collection[str]) -> bool:
	"""An exact origin of the list, or a subdomain of a `https://*.example` entry (same scheme, port)."""
	if origin in allowed:
		return True
	match = ORIGIN_RE.fullmatch(origin)
	if not match:
		return False
	scheme, host, port = match.groups()
	for entry in allowed:
		wild = ORIGIN_RE.fullmatch(entry)
		if not wild or not wild[2].startswith("*.") or (wild[1], wild[3]) != (scheme, port):
			continue
		if host.lower().endswith(wild[2][1:].lower()):
			return True
	return False


def checked_subscription(data, allowed_origins: Collection[str]) -> PushSubscription:
	"""The subscription a phone sent, once it is one and its endpoint is a push service the town
	lists: the site posts to that address, so no other address may be given (a request forged to
	reach the town's own network)."""
	if not isinstance(data, Mapping) or not isinstance(data.get("keys"), Mapping):
		raise Refused("bad_subscription")
	endpoint = data.get("endpoint")
	if not isinstance(endpoint, str) or not endpoint.isascii() or len(endpoint) > MAX_ENDPOINT:
		raise Refused("bad_subscription")
	if any(ch.isspace() or ord(ch) < 32 for ch in endpoint):
		raise Refused("bad_subscription")
	origin = origin_of(endpoint)
	if not origin:
		raise Refused("bad_subscription")
	if not origin_allowed(origin, allowed_origins):
		raise Refused("push_service")
	p256dh, auth = data["keys"].get("p256dh"), data["keys"].get("auth")
	if _key_bytes(p256dh, P256DH_BYTES)[0] != 4:
		raise Refused("bad_subscription")
	_key_bytes(auth, AUTH_BYTES)
	return PushSubscription(endpoint, p256dh, auth)


def origin_lines(text: str | None) -> tuple[list[str], list[tuple[int, str]]]:
	"""The origins of a setting written one a line (blank lines skipped): the good ones, and the
	others with their line numbers. An origin is `https://host[:port]`, `https://*.host` for every
	subdomain, or http:// for a town's test site."""
	good, bad = [], []
	for number, line in enumerate((text or "").splitlines(), start=1):
		entry = line.strip().rstrip("/")
		if not entry:
			continue
		if ORIGIN_RE.fullmatch(entry) and entry.isascii():
			good.append(entry.lower())
		else:
			bad.append((number, line.strip()))
	return list(dict.fromkeys(good)), bad
