"""The counter's day as a queue (窓口の呼出): ticket numbers, the moves a ticket makes, when a booked
resident may check in, and the wait estimated from measured service times.

A ticket carries no personal data: a number (A-012), its kind, the purpose and the times."""

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from mynumber_card.core.state_machine import Machine, Move, MoveRefused

BOOKED = "Booked"  # 予約あり
WALK_IN = "Walk-in"  # 当日受付
KINDS = (BOOKED, WALK_IN)
# One number range per kind and day, so residents see at once who had a booking.
PREFIXES = {BOOKED: "A", WALK_IN: "B"}
KIND_LABELS_JA = {BOOKED: "予約", WALK_IN: "当日"}

WAITING = "Waiting"
CALLED = "Called"
SERVING = "Serving"
DONE = "Done"
SKIPPED = "Skipped"  # not there after being called (不在)
TO_STAFF = "To Staff"  # came late: a clerk decides (係員対応)
CANCELLED = "Cancelled"
STATES = (WAITING, CALLED, SERVING, DONE, SKIPPED, TO_STAFF, CANCELLED)
AT_COUNTER = (CALLED, SERVING)
# Tickets still in the hall: the clerk side lists them.
OPEN = (WAITING, CALLED, SERVING, SKIPPED, TO_STAFF)
STATE_LABELS_JA = {
	WAITING: "お待ち",
	CALLED: "呼出中",
	SERVING: "対応中",
	DONE: "完了",
	SKIPPED: "不在",
	TO_STAFF: "係員対応",
	CANCELLED: "取消",
}

CALL = "Call"
RECALL = "Recall"
START = "Start"
FINISH = "Finish"
SKIP = "Skip"
TRANSFER = "Transfer"
PUT_BACK = "Put Back"  # called by mistake: back to its place
REINSTATE = "Reinstate"  # a skipped resident came back: back to its place
ACCEPT = "Accept"  # a clerk lets a late resident into the queue
CANCEL = "Cancel"
CLOSE = "Close"  # served without being called (the booking was completed elsewhere)

# The ticket's moves: (state, action) → next state and the effects on the ticket (see move()).
MOVES = (
	Move(WAITING, CALL, CALLED, effects=("take_counter",)),
	Move(CALLED, RECALL, CALLED, effects=("count_call",), when="calls_left"),
	Move(CALLED, RECALL, SKIPPED, when="calls_used_up"),  # called often enough: 不在
	Move(CALLED, START, SERVING, effects=("start_service",)),
	Move(CALLED, FINISH, DONE, effects=("finish",)),
	Move(SERVING, FINISH, DONE, effects=("finish",)),
	Move(CALLED, SKIP, SKIPPED),
	# keeps its queue_key: first in line for the other counter
	Move(CALLED, TRANSFER, WAITING, effects=("transfer",)),
	Move(SERVING, TRANSFER, WAITING, effects=("transfer",)),
	Move(CALLED, PUT_BACK, WAITING, effects=("back_in_line",)),
	Move(SKIPPED, REINSTATE, WAITING, effects=("back_in_line",)),
	Move(TO_STAFF, ACCEPT, WAITING),
	*(Move(state, CANCEL, CANCELLED) for state in OPEN),
	*(Move(state, CLOSE, DONE, effects=("finish",)) for state in (WAITING, SKIPPED, TO_STAFF)),
)
MACHINE = Machine(MOVES)
ACTIONS = MACHINE.actions()

END_OF_QUEUE = "End of Queue"
TO_STAFF_RULE = "To Staff"
LATE_RULES = (END_OF_QUEUE, TO_STAFF_RULE)

MAX_COUNTER = 99


def can_move(state: str, next_state: str) -> bool:
	"""Whether some action takes a ticket from one state to the other."""
	return MACHINE.can_move(state, next_state)


class QueueError(ValueError):
	"""A move the queue does not allow; `key` says which, for the shell's message."""

	def __init__(self, key: str, detail: str = ""):
		super().__init__(f"{key}: {detail}" if detail else key)
		self.key = key


@dataclass(frozen=True)
class Rules:
	"""The town's settings for the queue (MyNumber Card Settings)."""

	early_minutes: int = 30  # a booked resident may check in this long before the booked time
	late_minutes: int = 15  # after the booked time plus this, the check-in is late
	late_rule: str = END_OF_QUEUE
	skip_after_calls: int = 3  # the next recall after this many calls marks the ticket 不在
	counters: int = 3
	default_service_minutes: int = 10  # until there are measured figures

	@classmethod
	def from_settings(cls, late_rule: str | None, **numbers: int) -> "Rules":
		"""The town's stored values; an unknown late rule is the end of the queue, and at least one
		counter and one call are kept."""
		numbers["skip_after_calls"] = max(numbers["skip_after_calls"], 1)
		numbers["counters"] = max(numbers["counters"], 1)
		return cls(late_rule=late_rule if late_rule in LATE_RULES else END_OF_QUEUE, **numbers)


@dataclass(frozen=True)
class Ticket:
	state: str
	queue_key: datetime  # the queue is ordered by this: booked time, or the time of arrival
	checked_in_at: datetime
	for_counter: int | None = None  # waits for this counter only (after a transfer)
	counter: int | None = None  # the counter that called it
	call_count: int = 0
	called_at: datetime | None = None  # first call: the end of the wait
	last_called_at: datetime | None = None
	serving_at: datetime | None = None
	done_at: datetime | None = None
	transferred_from: int | None = None


@dataclass(frozen=True)
class Placement:
	"""Where a booked resident's check-in puts them: outcome is early / on_time / late / too_early."""

	outcome: str
	state: str | None = None
	queue_key: datetime | None = None
	opens_at: datetime | None = None


def ticket_number(kind: str, sequence: int) -> str:
	"""A-001 … A-999, then A-1000: short enough to read out and to show from 5 m."""
	if kind not in PREFIXES or sequence < 1:
		raise QueueError("bad_number", f"{kind} {sequence}")
	return f"{PREFIXES[kind]}-{sequence:03d}"


def series_key(day: date, kind: str) -> str:
	"""The counter row each day's numbers are drawn from (one per kind)."""
	return f"MNC-QUEUE-{day:%Y%m%d}-{PREFIXES[kind]}"


def calls_key(day: date) -> str:
	"""The row whose lock puts the clerks' moves of a day one after another."""
	return f"MNC-QUEUE-{day:%Y%m%d}-CALLS"


def day_keys(day: date) -> list[str]:
	"""Every counter row a day's queue locks, to be made ahead of the day (see utils/series.py)."""
	return [*(series_key(day, kind) for kind in KINDS), calls_key(day)]


def valid_counter(value) -> int:
	try:
		counter = int(value)
	except (TypeError, ValueError):
		raise QueueError("bad_counter", str(value)) from None
	if not 1 <= counter <= MAX_COUNTER:
		raise QueueError("bad_counter", str(value))
	return counter


def place_booking(starts_at: datetime, now: datetime, rules: Rules, by_staff: bool = False) -> Placement:
	"""Early arrivals keep their booked place from `early_minutes` before it; a late one goes to
	the end of the queue or to a clerk, as the town decided. A clerk checking in is never turned
	away, and is the clerk a late resident would be sent to."""
	opens_at = starts_at - timedelta(minutes=rules.early_minutes)
	if now < opens_at and not by_staff:
		return Placement("too_early", opens_at=opens_at)
	if now <= starts_at + timedelta(minutes=rules.late_minutes):
		return Placement("early" if now < starts_at else "on_time", WAITING, starts_at)
	if rules.late_rule == TO_STAFF_RULE and not by_staff:
		return Placement("late", TO_STAFF, now)
	return Placement("late", WAITING, now)


def move(
	ticket: Ticket, action: str, now: datetime, counter: int | None = None, rules: Rules | None = None
) -> Ticket:
	"""The ticket after the action; raises QueueError when the action does not apply."""
	rules = rules or Rules()
	guards = {
		"calls_left": ticket.call_count < rules.skip_after_calls,
		"calls_used_up": ticket.call_count >= rules.skip_after_calls,
	}
	try:
		step = MACHINE.step(ticket.state, action, guards.__getitem__)
	except MoveRefused:
		raise QueueError("not_allowed", f"{ticket.state} {action}") from None
	moved = MACHINE.apply(step, ticket, _effects(now, counter))
	return replace(moved, state=step.next_state)


def _effects(now: datetime, counter: int | None) -> dict:
	"""What each named effect of MOVES does to a ticket."""

	def take_counter(ticket: Ticket) -> Ticket:
		called_by = valid_counter(counter)
		if ticket.for_counter and ticket.for_counter != called_by:
			raise QueueError("other_counter", str(ticket.for_counter))
		return replace(
			ticket, counter=called_by, call_count=1, called_at=ticket.called_at or now, last_called_at=now
		)

	def transfer(ticket: Ticket) -> Ticket:
		target = valid_counter(counter)
		if target == ticket.counter:
			raise QueueError("same_counter", str(target))
		return replace(
			ticket,
			for_counter=target,
			counter=None,
			call_count=0,
			serving_at=None,
			transferred_from=ticket.counter,
		)

	return {
		"take_counter": take_counter,
		"count_call": lambda t: replace(t, call_count=t.call_count + 1, last_called_at=now),
		"start_service": lambda t: replace(t, serving_at=now),
		"finish": lambda t: replace(t, done_at=now),
		"transfer": transfer,
		"back_in_line": lambda t: replace(t, counter=None, call_count=0),
	}


def minutes_between(start: datetime | None, end: datetime | None) -> float | None:
	if not start or not end or end < start:
		return None
	return round((end - start).total_seconds() / 60, 2)


def wait_minutes(ticket: Ticket) -> float | None:
	"""Waiting time: checked in → first called."""
	return minutes_between(ticket.checked_in_at, ticket.called_at)


def service_minutes(ticket: Ticket) -> float | None:
	"""Service time: first called → done. None for a ticket closed without a call."""
	if ticket.state != DONE:
		return None
	return minutes_between(ticket.called_at, ticket.done_at)


def service_medians(rows: Iterable[tuple[str, float]], min_samples: int = 3) -> dict[str, float]:
	"""Median service minutes per purpose, for purposes with enough measured tickets."""
	by_purpose: dict[str, list[float]] = {}
	for purpose, minutes in rows:
		if minutes is not None and minutes >= 0:
			by_purpose.setdefault(purpose, []).append(float(minutes))
	return {p: statistics.median(v) for p, v in by_purpose.items() if len(v) >= min_samples}


def summary(values: Iterable[float | None]) -> dict:
	"""Count, median and 90th percentile (nearest rank) of measured minutes; None when nothing measured."""
	measured = sorted(float(v) for v in values if v is not None)
	if not measured:
		return {"count": 0, "median": None, "p90": None}
	p90 = measured[max(math.ceil(0.9 * len(measured)) - 1, 0)]
	return {"count": len(measured), "median": round(statistics.median(measured), 1), "p90": round(p90, 1)}


def estimate_wait(
	ahead_purposes: Iterable[str], medians: dict[str, float], default_minutes: float, counters: int
) -> int:
	"""Minutes until called: the service time of everyone ahead, shared by the open counters."""
	total = sum(medians.get(purpose, default_minutes) for purpose in ahead_purposes)
	return math.ceil(total / max(counters, 1))


def rounded_wait(minutes: int, step: int = 5) -> int:
	"""The wait as told to residents: up to the next 5 minutes (0 stays 0)."""
	return 0 if minutes <= 0 else step * math.ceil(minutes / step)


def announcement(number: str, counter: int) -> str:
	"""What the calling display shows (and a screen reader reads) when a number is called."""
	return f"{number} 番の方 {counter}番窓口へどうぞ"
