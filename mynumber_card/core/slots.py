"""Booking slots from weekly templates, and when a slot can be booked.

Generation is a pure function of the templates, the date range and the closing days, so that
regenerating is idempotent: a slot is identified by its key (location, date, start time)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mynumber_card.core.closing_days import closed_reason

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_RANGE_DAYS = 400


@dataclass(frozen=True)
class SlotTemplate:
	weekday: int  # 0 = Monday
	location: str
	start: time
	end: time
	slot_minutes: int
	capacity: int
	purposes: tuple[str, ...]

	def __post_init__(self):
		if not 0 <= self.weekday <= 6:
			raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
		if self.slot_minutes <= 0 or self.capacity <= 0:
			raise ValueError("slot length and capacity must be positive")
		if self.end <= self.start:
			raise ValueError("a template must end after it starts")
		if not self.purposes:
			raise ValueError("a template must serve at least one purpose")


@dataclass(frozen=True)
class SlotSpec:
	location: str
	day: date
	start: time
	end: time
	capacity: int
	purposes: tuple[str, ...]

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
) -> list[SlotSpec]:
	"""Every slot the templates give from start_date to end_date, closed days left out."""
	if end_date < start_date:
		raise ValueError("the end date is before the start date")
	if (end_date - start_date).days > MAX_RANGE_DAYS:
		raise ValueError("generate at most about a year at a time")
	templates = list(templates)
	specs: dict[str, SlotSpec] = {}
	day = start_date
	while day <= end_date:
		if closed_reason(day, closing_days) is None:
			for template in templates:
				if template.weekday == day.weekday():
					for spec in _slots_of_day(template, day):
						specs.setdefault(spec.key, spec)
		day += timedelta(days=1)
	return sorted(specs.values(), key=lambda s: (s.day, s.start, s.location))


def _slots_of_day(template: SlotTemplate, day: date) -> Iterator[SlotSpec]:
	step = timedelta(minutes=template.slot_minutes)
	start = datetime.combine(day, template.start)
	last = datetime.combine(day, template.end)
	while start + step <= last:
		yield SlotSpec(
			template.location,
			day,
			start.time(),
			(start + step).time(),
			template.capacity,
			tuple(template.purposes),
		)
		start += step


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
