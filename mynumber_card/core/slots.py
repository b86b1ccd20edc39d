"""Booking slots from weekly templates and opening sessions, and when a slot can be booked.

Generation is a pure function of the templates, the opening sessions, the date range and the closing
days, so that regenerating is idempotent: a slot is identified by its key (location, date, start time).
A weekly template runs on the days the counter is open; an opening session runs on the dates it
names, closed or not (休日開庁), and only its own hours open a closed day."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mynumber_card.core import opening_days
from mynumber_card.core.closing_days import closed_reason

MAX_RANGE_DAYS = 400


def _check_hours(start: time, end: time, slot_minutes: int, capacity: int, purposes: tuple):
	if slot_minutes <= 0 or capacity <= 0:
		raise ValueError("slot length and capacity must be positive")
	if end <= start:
		raise ValueError("a session must end after it starts")
	if not purposes:
		raise ValueError("a session must serve at least one purpose")


@dataclass(frozen=True)
class Hours:
	"""Opening hours at one office, cut into slots of `slot_minutes` with `capacity` places each."""

	location: str
	start: time
	end: time
	slot_minutes: int
	capacity: int
	purposes: tuple[str, ...]

	def __post_init__(self):
		_check_hours(self.start, self.end, self.slot_minutes, self.capacity, self.purposes)


@dataclass(frozen=True)
class SlotTemplate(Hours):
	weekday: int  # 0 = Monday

	def __post_init__(self):
		if not 0 <= self.weekday <= 6:
			raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
		super().__post_init__()

	def runs_on(self, day: date, closed: str | None) -> bool:
		return closed is None and day.weekday() == self.weekday


@dataclass(frozen=True)
class OpeningSession(Hours):
	"""Hours on chosen dates beside the weekly templates: one date (last_day None), or the dates of a
	period the day and week rules pick (e.g. the evenings of Monday to Friday of one week, or the
	2nd and 4th Sundays of a year). It opens holidays, 年末年始 and the town's closing days for its
	own hours and purposes unless skip_closed_days (an evening extension that follows the counter)."""

	first_day: date
	last_day: date | None = None
	days: str = opening_days.EVERY_DAY
	weeks: str = opening_days.EVERY_WEEK
	skip_closed_days: bool = False
	note: str = ""

	def __post_init__(self):
		super().__post_init__()
		opening_days.check_rules(self.days, self.weeks)
		if self.until < self.first_day:
			raise ValueError("the period ends before it starts")
		if (self.until - self.first_day).days > MAX_RANGE_DAYS:
			raise ValueError("a period covers at most about a year")

	@property
	def until(self) -> date:
		return self.last_day or self.first_day

	def runs_on(self, day: date, closed: str | None) -> bool:
		if not self.first_day <= day <= self.until:
			return False
		if closed is not None and self.skip_closed_days:
			return False
		return opening_days.day_matches(day, self.days, self.weeks)


@dataclass(frozen=True)
class SlotSpec:
	location: str
	day: date
	start: time
	end: time
	capacity: int
	purposes: tuple[str, ...]
	note: str = ""  # the opening session's note, shown to staff on the slot

	@property
	def key(self) -> str:
		return slot_key(self.location, self.day, self.start)


def slot_key(location: str, day: date, start: time) -> str:
	return f"{location}|{day.isoformat()}|{start.strftime('%H:%M')}"


def generate_slots(
	templates: Iterable[SlotTemplate],
	start_date: date,
	end_date: date,
	closing_days: dict[date, str] | None = None,
	sessions: Iterable[OpeningSession] = (),
) -> list[SlotSpec]:
	"""Every slot the templates (on open days) and the opening sessions (on their dates) give from
	start_date to end_date. Where two give the same slot key the template's slot is kept;
	`session_clashes` refuses such settings before they are saved."""
	if end_date < start_date:
		raise ValueError("the end date is before the start date")
	if (end_date - start_date).days > MAX_RANGE_DAYS:
		raise ValueError("generate at most about a year at a time")
	runs = [*templates, *sessions]
	specs: dict[str, SlotSpec] = {}
	day = start_date
	while day <= end_date:
		closed = closed_reason(day, closing_days)
		for run in runs:
			if run.runs_on(day, closed):
				for spec in _slots_of_day(run, day):
					specs.setdefault(spec.key, spec)
		day += timedelta(days=1)
	return sorted(specs.values(), key=lambda s: (s.day, s.start, s.location))


def _slots_of_day(run: SlotTemplate | OpeningSession, day: date) -> Iterator[SlotSpec]:
	step = timedelta(minutes=run.slot_minutes)
	start = datetime.combine(day, run.start)
	last = datetime.combine(day, run.end)
	while start + step <= last:
		yield SlotSpec(
			run.location,
			day,
			start.time(),
			(start + step).time(),
			run.capacity,
			tuple(run.purposes),
			getattr(run, "note", ""),
		)
		start += step


@dataclass(frozen=True)
class Clash:
	session: int  # index in the sessions given
	day: date
	location: str
	other: int | None  # the earlier session it meets, or None: the weekly template


def session_clashes(
	templates: Iterable[SlotTemplate],
	sessions: list[OpeningSession],
	closing_days: dict[date, str] | None = None,
) -> list[Clash]:
	"""Sessions whose hours meet, on a day both run and at one location, a weekly template's or an
	earlier session's: two sets of slots for the same counter and time. To take more residents at
	those hours staff raise the slots' capacity; a second counter is a location of its own."""
	templates = list(templates)
	clashes = []
	for index, session in enumerate(sessions):
		for day in opening_days.dates_between(session.first_day, session.until, session.days, session.weeks):
			closed = closed_reason(day, closing_days)
			if not session.runs_on(day, closed):
				continue
			others = [(None, t) for t in templates if t.runs_on(day, closed)]
			others += [(i, s) for i, s in enumerate(sessions[:index]) if s.runs_on(day, closed)]
			for other_index, other in others:
				if other.location == session.location and _meet(session, other):
					clashes.append(Clash(index, day, session.location, other_index))
					break
	return clashes


def _meet(one, other) -> bool:
	return one.start < other.end and other.start < one.end


def closed_days_opened(
	sessions: Iterable[OpeningSession], closing_days: dict[date, str] | None = None
) -> list[tuple[date, str]]:
	"""The closed days (holiday, 年末年始, the town's) the sessions open, with why each is closed:
	what the card manager confirms before slots are made."""
	opened = {}
	for session in sessions:
		for day in opening_days.dates_between(session.first_day, session.until, session.days, session.weeks):
			closed = closed_reason(day, closing_days)
			if closed is not None and session.runs_on(day, closed):
				opened[day] = closed
	return sorted(opened.items())


def session_days(session: OpeningSession, closing_days: dict[date, str] | None = None) -> list[date]:
	"""The dates a session runs on (none: its dates and rules pick no day — a mistake to report)."""
	return [
		day
		for day in opening_days.dates_between(session.first_day, session.until, session.days, session.weeks)
		if session.runs_on(day, closed_reason(day, closing_days))
	]


def missing_slots(specs: Iterable[SlotSpec], existing_keys: set[str]) -> list[SlotSpec]:
	"""What regeneration adds: slots whose key is not there yet. Existing slots, booked or not,
	are never touched, so nothing is duplicated and no booking loses its slot."""
	return [spec for spec in specs if spec.key not in existing_keys]


@dataclass(frozen=True)
class BookingWindow:
	opens_days_ahead: int
	closes_hours_before: int

	def contains(self, slot_start: datetime, now: datetime) -> bool:
		"""A slot can be booked from N days ahead until M hours before it starts."""
		if slot_start - timedelta(hours=self.closes_hours_before) < now:
			return False
		return slot_start.date() <= now.date() + timedelta(days=self.opens_days_ahead)

	def date_range(self, now: datetime) -> tuple[date, date]:
		earliest = (now + timedelta(hours=self.closes_hours_before)).date()
		return earliest, now.date() + timedelta(days=self.opens_days_ahead)

	def offered_days(self, listed: list[tuple], full: set[str], now: datetime) -> list[dict]:
		"""The residents' list by day: of the listed (starts_at, date, day label, entry) rows, the slots
		not full and bookable now (the hours before a slot close it, even within the day)."""
		days: dict = {}
		for starts_at, date_text, label, entry in listed:
			if entry["slot"] not in full and self.contains(starts_at, now):
				day = days.setdefault(date_text, {"date": date_text, "label": label, "slots": []})
				day["slots"].append(entry)
		return list(days.values())
