"""How often a changed booking's mail and SMS may go out.

Each move of a booking would send its confirmation again: moved back and forth, a booking becomes a
way to flood someone's mailbox or phone (the address is whatever the form was given). So a booking's
messages go at most once in the town's interval; a change made inside it is held back, and the
newest state goes when the interval is up (the link in it is then the only one that works)."""

from datetime import datetime, timedelta


def may_send(last_sent: datetime | None, now: datetime, minutes: int) -> bool:
	"""True when a message may go now: none was sent yet, the interval is off (0), or it is over."""
	return minutes <= 0 or last_sent is None or now >= last_sent + timedelta(minutes=minutes)


def held_back_due(now: datetime, minutes: int) -> datetime:
	"""Messages last sent at or before this time may go again now (the scheduler's cut-off)."""
	return now - timedelta(minutes=max(minutes, 0))
