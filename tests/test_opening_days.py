"""Opening days and extra sessions (休日開庁, evening sessions in a rush week): the days a session
picks, the slots it adds beside the weekly templates, and the settings refused before slots are made."""

from datetime import date, time

import pytest

from mynumber_card.core.closing_days import day_label, holiday_name
from mynumber_card.core.opening_days import DAY_RULES, WEEK_RULES, dates_between, week_of_month
from mynumber_card.core.slots import (
	Clash,
	OpeningSession,
	SlotTemplate,
	closed_days_opened,
	generate_slots,
	missing_slots,
	session_clashes,
	session_days,
)

EVERY = ("申請サポート", "カード受取", "更新")
PICKUP = ("カード受取",)
COUNTER = "本庁舎"


def weekday_mornings():
	"""Mon–Fri 9:00–12:00 at the counter in 30-minute slots of 2: the town's weekly templates."""
	return [SlotTemplate(COUNTER, time(9), time(12), 30, 2, EVERY, weekday=d) for d in range(5)]


def session(first, last=None, start=time(9), end=time(12), purposes=EVERY, **values):
	return OpeningSession(
		first_day=first,
		last_day=last,
		location=values.pop("location", COUNTER),
		start=start,
		end=end,
		slot_minutes=values.pop("slot_minutes", 30),
		capacity=values.pop("capacity", 2),
		purposes=purposes,
		**values,
	)


SUNDAY_HOLIDAY = session(date(2026, 5, 3), note="休日開庁（憲法記念日）")
PICKUPS_AT_YEAR_END = session(date(2026, 12, 29), start=time(9), end=time(11), purposes=PICKUP)
RUSH_WEEK_EVENINGS = session(
	date(2026, 3, 2), date(2026, 3, 8), start=time(17, 30), end=time(19, 30), days="Monday to Friday"
)


MORNING = [(f"{h:02d}:{m:02d}", EVERY) for h in (9, 10, 11) for m in (0, 30)]
EVENING = [("17:30", EVERY), ("18:00", EVERY), ("18:30", EVERY), ("19:00", EVERY)]


def hours(slots, day):
	return [(s.start.strftime("%H:%M"), s.purposes) for s in slots if s.day == day]


# The weeks looked at, each with the session opened in it: (sessions, from, to)
GOLDEN_WEEK = ([SUNDAY_HOLIDAY], date(2026, 5, 1), date(2026, 5, 7))
YEAR_END = ([PICKUPS_AT_YEAR_END], date(2026, 12, 28), date(2027, 1, 4))
RUSH_WEEKS = ([RUSH_WEEK_EVENINGS], date(2026, 3, 1), date(2026, 3, 14))

# case -> (the weeks, the day looked at, the slots of that day as (start, purposes))
CASES = {
	"憲法記念日, a Sunday, opened 9:00–12:00": (GOLDEN_WEEK, date(2026, 5, 3), MORNING),
	"みどりの日 (a Monday) not opened: the weekly template does not run on it": (
		GOLDEN_WEEK,
		date(2026, 5, 4),
		[],
	),
	"12/29 opened for pickups only: only that purpose, only those hours": (
		YEAR_END,
		date(2026, 12, 29),
		[("09:00", PICKUP), ("09:30", PICKUP), ("10:00", PICKUP), ("10:30", PICKUP)],
	),
	"12/30 stays closed beside an opened 12/29": (YEAR_END, date(2026, 12, 30), []),
	"a rush-week evening: the weekly morning and the evening session": (
		RUSH_WEEKS,
		date(2026, 3, 4),
		MORNING + EVENING,
	),
	"the Saturday of the rush week: Monday to Friday leaves it out": (RUSH_WEEKS, date(2026, 3, 7), []),
	"the Monday after the rush week: mornings only": (RUSH_WEEKS, date(2026, 3, 9), MORNING),
}


@pytest.mark.parametrize(("weeks", "day", "expected"), CASES.values(), ids=CASES)
def test_sessions_open_their_days_and_hours(weeks, day, expected):
	sessions, first, last = weeks
	slots = generate_slots(weekday_mornings(), first, last, sessions=sessions)
	assert hours(slots, day) == expected


def test_evening_sessions_make_slots_only_on_those_evenings():
	slots = generate_slots(
		weekday_mornings(), date(2026, 2, 23), date(2026, 3, 15), sessions=[RUSH_WEEK_EVENINGS]
	)
	evenings = sorted({s.day for s in slots if s.start >= time(17)})
	assert evenings == [date(2026, 3, d) for d in (2, 3, 4, 5, 6)]


def test_a_session_opens_a_town_closing_day_for_its_own_hours_only():
	closing = {date(2026, 6, 1): "システム保守"}  # a Monday
	evening = session(date(2026, 6, 1), start=time(17), end=time(18), note="保守明けの夜間窓口")
	slots = generate_slots(weekday_mornings(), date(2026, 6, 1), date(2026, 6, 2), closing, [evening])
	assert hours(slots, date(2026, 6, 1)) == [("17:00", EVERY), ("17:30", EVERY)]
	assert {s.note for s in slots if s.day == date(2026, 6, 1)} == {"保守明けの夜間窓口"}
	assert {s.note for s in slots if s.day == date(2026, 6, 2)} == {""}  # the template's slots


def test_second_and_fourth_sundays_of_a_quarter():
	second_fourth = session(date(2026, 4, 1), date(2026, 6, 30), days="Sunday", weeks="2nd and 4th")
	slots = generate_slots([], date(2026, 4, 1), date(2026, 6, 30), sessions=[second_fourth])
	assert sorted({s.day for s in slots}) == [
		date(2026, 4, 12),
		date(2026, 4, 26),
		date(2026, 5, 10),
		date(2026, 5, 24),
		date(2026, 6, 14),
		date(2026, 6, 28),
	]


def test_weekends_and_holidays_of_golden_week():
	# 加古川市's card centre: 土日祝日 10:00–18:00
	weekends = session(
		date(2026, 4, 27),
		date(2026, 5, 8),
		start=time(10),
		end=time(18),
		days="Saturday, Sunday and Holidays",
	)
	assert session_days(weekends) == [
		date(2026, 4, 29),  # 昭和の日
		date(2026, 5, 2),
		date(2026, 5, 3),
		date(2026, 5, 4),
		date(2026, 5, 5),
		date(2026, 5, 6),  # 振替休日
	]


def test_an_extension_that_follows_the_counter_skips_the_holiday():
	# the week of 春分の日 (Friday 2026-03-20): evenings until 19:00 on the days the counter is open
	evenings = {"start": time(17), "end": time(19), "days": "Monday to Friday"}
	extension = session(date(2026, 3, 16), date(2026, 3, 20), skip_closed_days=True, **evenings)
	assert session_days(extension) == [date(2026, 3, d) for d in (16, 17, 18, 19)]
	assert closed_days_opened([extension]) == []
	opening = session(date(2026, 3, 16), date(2026, 3, 20), **evenings)
	assert session_days(opening)[-1] == date(2026, 3, 20)
	assert closed_days_opened([opening]) == [(date(2026, 3, 20), "春分の日")]


def test_closed_days_opened_names_why_each_is_closed():
	closing = {date(2026, 6, 1): "システム保守"}
	sessions = [SUNDAY_HOLIDAY, PICKUPS_AT_YEAR_END, session(date(2026, 6, 1)), session(date(2026, 6, 2))]
	assert closed_days_opened(sessions, closing) == [
		(date(2026, 5, 3), "憲法記念日"),
		(date(2026, 6, 1), "システム保守"),
		(date(2026, 12, 29), "年末年始"),
	]


def test_generating_twice_makes_nothing_twice():
	sessions = [SUNDAY_HOLIDAY, PICKUPS_AT_YEAR_END, RUSH_WEEK_EVENINGS]
	first = generate_slots(weekday_mornings(), date(2026, 2, 1), date(2027, 1, 31), sessions=sessions)
	again = generate_slots(weekday_mornings(), date(2026, 2, 1), date(2027, 1, 31), sessions=sessions)
	assert first == again
	assert len({s.key for s in first}) == len(first)
	assert missing_slots(again, {s.key for s in first}) == []
	# a range that covers only part of a session's period makes only the slots inside it
	part = generate_slots([], date(2026, 3, 4), date(2026, 3, 4), sessions=[RUSH_WEEK_EVENINGS])
	assert {s.day for s in part} == {date(2026, 3, 4)}


# (case, sessions, the clashes as (session, day, other))
CLASH_CASES = [
	("an evening beside the morning template", [RUSH_WEEK_EVENINGS], []),
	("a holiday: the template does not run", [SUNDAY_HOLIDAY], []),
	(
		"a working day's morning at the template's counter",
		[session(date(2026, 6, 3), start=time(11), end=time(13))],
		[(0, date(2026, 6, 3), None)],
	),
	(
		"the same morning at another counter",
		[session(date(2026, 6, 3), location="支所")],
		[],
	),
	(
		"two sessions meeting on the one day both run",
		[
			session(date(2026, 5, 3)),
			session(date(2026, 5, 2), date(2026, 5, 6), start=time(11, 30), end=time(13), days="Holidays"),
		],
		[(1, date(2026, 5, 3), 0)],
	),
	(
		"back to back sessions do not meet",
		[session(date(2026, 5, 3)), session(date(2026, 5, 3), start=time(12), end=time(13))],
		[],
	),
]


@pytest.mark.parametrize(("case", "sessions", "expected"), CLASH_CASES, ids=[c[0] for c in CLASH_CASES])
def test_sessions_that_meet_other_hours_at_the_same_counter(case, sessions, expected):
	clashes = session_clashes(weekday_mornings(), sessions)
	assert [(c.session, c.day, c.other) for c in clashes] == expected
	assert all(isinstance(c, Clash) and c.location == sessions[c.session].location for c in clashes)


def test_a_session_that_picks_no_day():
	assert session_days(session(date(2026, 3, 2), date(2026, 3, 6), days="Sunday")) == []
	skipped = session(date(2026, 5, 4), start=time(17), end=time(18), skip_closed_days=True)
	assert session_days(skipped) == []


@pytest.mark.parametrize(
	"values",
	[
		{"last": date(2026, 5, 2)},
		{"last": date(2027, 6, 30)},
		{"days": "Weekdays"},
		{"weeks": "6th"},
		{"end": time(8)},
		{"purposes": ()},
		{"slot_minutes": 0},
		{"capacity": 0},
	],
)
def test_bad_sessions_refused(values):
	with pytest.raises(ValueError):
		session(date(2026, 5, 3), **values)


@pytest.mark.parametrize(
	("day", "week"),
	[
		(date(2026, 3, 1), 1),
		(date(2026, 3, 7), 1),
		(date(2026, 3, 8), 2),
		(date(2026, 3, 28), 4),
		(date(2026, 3, 29), 5),
	],
)
def test_week_of_month(day, week):
	assert week_of_month(day) == week


def test_every_rule_picks_days_of_a_year():
	for days in DAY_RULES:
		for weeks in WEEK_RULES:
			picked = list(dates_between(date(2026, 1, 1), date(2026, 12, 31), days, weeks))
			assert picked, (days, weeks)
	assert len(list(dates_between(date(2026, 1, 1), date(2026, 12, 31), "Holidays"))) == 18


@pytest.mark.parametrize(
	("day", "label"),
	[
		(date(2026, 5, 3), "令和8年5月3日（日）憲法記念日"),
		(date(2026, 5, 6), "令和8年5月6日（水）振替休日"),
		(date(2026, 5, 7), "令和8年5月7日（木）"),
		(date(2026, 12, 29), "令和8年12月29日（火）"),
	],
)
def test_the_residents_day_label_names_the_holiday(day, label):
	assert day_label(day) == label


def test_holiday_name():
	assert holiday_name(date(2026, 5, 3)) == "憲法記念日"
	assert holiday_name(date(2026, 5, 6)) == "振替休日"  # jpholiday: 憲法記念日 振替休日
	assert holiday_name(date(2026, 9, 22)) == "国民の休日"
	assert holiday_name(date(2026, 5, 7)) is None
