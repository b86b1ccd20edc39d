from datetime import date, datetime, time

import pytest

from mynumber_card.core.closing_days import closed_reason, is_year_end
from mynumber_card.core.slots import BookingWindow, SlotTemplate, generate_slots, missing_slots

PURPOSES = ("申請サポート", "カード受取")


def weekday_templates():
	"""Mon–Fri 9:00–12:00 in 30-minute slots of 2 at the counter; Sunday mornings at a branch."""
	rows = [SlotTemplate("本庁舎", time(9), time(12), 30, 2, PURPOSES, weekday=d) for d in range(5)]
	rows.append(SlotTemplate("支所", time(9), time(11), 60, 1, ("カード受取",), weekday=6))
	return rows


def test_closed_reasons():
	assert closed_reason(date(2026, 1, 12)) == "成人の日"
	assert closed_reason(date(2026, 12, 29)) == "年末年始"
	assert closed_reason(date(2027, 1, 3)) == "年末年始"
	assert closed_reason(date(2027, 1, 4)) is None
	assert closed_reason(date(2026, 6, 1), {date(2026, 6, 1): "システム保守"}) == "システム保守"
	assert is_year_end(date(2026, 12, 31)) and not is_year_end(date(2026, 12, 28))


def test_a_whole_year_respects_holidays_year_end_and_closing_days():
	closing = {date(2026, 6, 1): "システム保守", date(2026, 9, 13): "庁舎点検"}
	slots = generate_slots(weekday_templates(), date(2026, 4, 1), date(2027, 3, 31), closing)
	days = {s.day for s in slots}
	assert all(closed_reason(d, closing) is None for d in days)
	assert date(2026, 5, 4) not in days  # みどりの日 (Monday)
	assert date(2026, 12, 29) not in days and date(2027, 1, 4) in days
	assert date(2026, 6, 1) not in days and date(2026, 9, 13) not in days  # a Monday and a Sunday
	assert date(2026, 6, 2) in days
	assert not any(d.weekday() == 5 for d in days)  # no Saturday template
	monday = [s for s in slots if s.day == date(2026, 6, 8)]
	assert [(s.start, s.end) for s in monday] == [
		(time(9), time(9, 30)),
		(time(9, 30), time(10)),
		(time(10), time(10, 30)),
		(time(10, 30), time(11)),
		(time(11), time(11, 30)),
		(time(11, 30), time(12)),
	]
	sunday = [s for s in slots if s.day == date(2026, 6, 7)]
	assert [(s.location, s.start, s.capacity) for s in sunday] == [
		("支所", time(9), 1),
		("支所", time(10), 1),
	]
	# Each working day has its six slots; a year has about 240 of them.
	assert len([s for s in slots if s.location == "本庁舎"]) == 6 * len(
		{s.day for s in slots if s.location == "本庁舎"}
	)
	assert 230 <= len({s.day for s in slots if s.location == "本庁舎"}) <= 250


def test_generation_is_idempotent():
	first = generate_slots(weekday_templates(), date(2026, 4, 1), date(2027, 3, 31))
	again = generate_slots(weekday_templates(), date(2026, 4, 1), date(2027, 3, 31))
	assert first == again
	assert len({s.key for s in first}) == len(first)
	existing = {s.key for s in first[:100]}
	assert missing_slots(again, existing) == first[100:]
	assert missing_slots(again, {s.key for s in first}) == []


def test_duplicate_templates_do_not_duplicate_slots():
	template = SlotTemplate("本庁舎", time(9), time(10), 30, 2, PURPOSES, weekday=0)
	assert len(generate_slots([template, template], date(2026, 6, 8), date(2026, 6, 8))) == 2


def test_last_slot_must_fit():
	template = SlotTemplate("本庁舎", time(9), time(10, 15), 30, 2, PURPOSES, weekday=0)
	assert [s.end for s in generate_slots([template], date(2026, 6, 8), date(2026, 6, 8))] == [
		time(9, 30),
		time(10),
	]


@pytest.mark.parametrize(
	"kwargs",
	[
		{"weekday": 7},
		{"slot_minutes": 0},
		{"capacity": 0},
		{"end": time(8)},
		{"purposes": ()},
	],
)
def test_bad_templates_refused(kwargs):
	values = {
		"weekday": 0,
		"location": "本庁舎",
		"start": time(9),
		"end": time(12),
		"slot_minutes": 30,
		"capacity": 2,
		"purposes": PURPOSES,
	}
	with pytest.raises(ValueError):
		SlotTemplate(**{**values, **kwargs})


def test_range_limits():
	with pytest.raises(ValueError):
		generate_slots(weekday_templates(), date(2026, 4, 2), date(2026, 4, 1))
	with pytest.raises(ValueError):
		generate_slots(weekday_templates(), date(2026, 1, 1), date(2028, 1, 1))


def test_booking_window():
	window = BookingWindow(opens_days_ahead=30, closes_hours_before=24)
	now = datetime(2026, 6, 8, 10, 0)
	assert not window.contains(datetime(2026, 6, 9, 9, 30), now)  # less than 24 hours ahead
	assert window.contains(datetime(2026, 6, 9, 10, 0), now)
	assert window.contains(datetime(2026, 7, 8, 16, 0), now)
	assert not window.contains(datetime(2026, 7, 9, 9, 0), now)  # more than 30 days ahead
	assert window.date_range(now) == (date(2026, 6, 9), date(2026, 7, 8))


def test_offered_days_leave_out_full_and_closing_slots_and_group_by_day():
	window = BookingWindow(opens_days_ahead=30, closes_hours_before=24)
	now = datetime(2026, 4, 1, 9, 0)

	def row(name, starts_at):
		return (starts_at, str(starts_at.date()), f"label {starts_at.date()}", {"slot": name})

	listed = [
		row("closing", datetime(2026, 4, 2, 8, 0)),  # within 24 hours: closed to residents
		row("a", datetime(2026, 4, 3, 9, 0)),
		row("full", datetime(2026, 4, 3, 10, 0)),
		row("b", datetime(2026, 4, 3, 11, 0)),
		row("c", datetime(2026, 4, 6, 9, 0)),
		row("late", datetime(2026, 5, 20, 9, 0)),  # beyond the 30 days
	]
	days = window.offered_days(listed, {"full"}, now)
	assert [(d["date"], [s["slot"] for s in d["slots"]]) for d in days] == [
		("2026-04-03", ["a", "b"]),
		("2026-04-06", ["c"]),
	]
	assert days[0]["label"] == "label 2026-04-03"
