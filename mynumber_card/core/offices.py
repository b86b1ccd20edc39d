"""Several offices (本庁・支所・出張所), each with its own line: which office a kiosk, a calling display
or a clerk works for, and the rules that keep one office's tickets out of another's queue. The shell
passes the town's active offices (Booking Location) in; nothing here reads a database."""

import hashlib
from collections.abc import Sequence
from datetime import date


class OfficeError(ValueError):
	"""An office rule refused the step; `key` says which, for the shell's message."""

	def __init__(self, key: str, office: str | None = None):
		super().__init__(f"{key}: {office}" if office else key)
		self.key = key
		self.office = office


def chosen_office(requested: str | None, active: Sequence[str]) -> str | None:
	"""The office a kiosk, display or clerk works for. With one active office it is that office, whatever
	was asked (a town of one office sets nothing); with several, the one asked for, or None when none was
	asked (the screen asks which). An office that is not active is refused, never taken for another."""
	requested = (requested or "").strip() or None
	if requested and requested not in active:
		raise OfficeError("unknown_office", requested)
	if len(active) == 1:
		return active[0]
	return requested


def ticket_office(booking_office: str | None, desk_office: str | None) -> str | None:
	"""The office a booked resident's ticket waits at: the office they booked. A kiosk or clerk of
	another office refuses the check-in (the resident is told where they booked) rather than move
	them to a line they did not choose."""
	if booking_office and desk_office and booking_office != desk_office:
		raise OfficeError("booked_elsewhere", booking_office)
	return booking_office or desk_office


def check_same_office(ticket: str | None, clerk: str | None):
	"""A clerk moves only their own office's tickets (a clerk set to no office, in a town of one office
	or one without offices, moves any)."""
	if clerk and ticket != clerk:
		raise OfficeError("other_office", ticket)


def check_transfer(ticket: str | None, target: str | None):
	"""A transfer goes to another counter of the same office; never to another office's line."""
	if target and target != ticket:
		raise OfficeError("transfer_between_offices", target)


def office_key(office: str) -> str:
	"""A short ASCII key for an office name (Japanese, any length) in counter-row names."""
	return hashlib.sha256(office.encode()).hexdigest()[:12]


def calls_key(day: date, office: str | None) -> str:
	"""The row whose lock puts one office's call-next and moves of a day one after another; the whole
	day's for a clerk of no office."""
	base = f"MNC-QUEUE-{day:%Y%m%d}-CALLS"
	return f"{base}-{office_key(office)}" if office else base
