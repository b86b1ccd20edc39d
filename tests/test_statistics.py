from datetime import date

import pytest

from mynumber_card.core import lifecycle
from mynumber_card.core.statistics import (
	AFTER_HANDOVER,
	HELD,
	UNCOLLECTED,
	EarlierFigure,
	held_until,
	monthly_issuance_rate,
	months,
)


def test_months_span_years():
	first_days = [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]
	assert months(date(2026, 11, 15), date(2027, 2, 1)) == first_days


def test_worked_example_by_hand():
	# A town of 8,373 with 4,000 cards issued before April; 150 in April, none in May, 321 in June.
	# April: 4,150 / 8,373 = 49.56… → 49.6 %; May: 49.6 %; June: 4,471 / 8,373 = 53.397… → 53.4 %
	rows = monthly_issuance_rate(
		{date(2026, 4, 1): 150, date(2026, 6, 1): 321}, date(2026, 4, 1), date(2026, 6, 30), 8373, 4000
	)
	assert [(r.issued, r.cumulative, r.rate) for r in rows] == [
		(150, 4150, 49.6),
		(0, 4150, 49.6),
		(321, 4471, 53.4),
	]


def test_population_must_be_known():
	with pytest.raises(ValueError):
		monthly_issuance_rate({}, date(2026, 4, 1), date(2026, 4, 30), 0)


def test_held_cards_leave_the_count_when_returned_or_revoked():
	# 40 before April, none of them ended. April: 3 issued; May: 1 returned, 1 revoked; June: 2 issued.
	# Held: April 43, May 41, June 43 of 100 people; issued stays cumulative.
	rows = monthly_issuance_rate(
		{date(2026, 4, 1): 3, date(2026, 6, 1): 2},
		date(2026, 4, 1),
		date(2026, 6, 30),
		100,
		40,
		ended_per_month={date(2026, 5, 1): 2},
	)
	assert [(r.cumulative, r.rate, r.held, r.held_rate) for r in rows] == [
		(43, 43.0, 43, 43.0),
		(43, 43.0, 41, 41.0),
		(45, 45.0, 43, 43.0),
	]


def test_cards_that_ended_before_the_period_are_not_held():
	(row,) = monthly_issuance_rate({}, date(2026, 4, 1), date(2026, 4, 30), 8373, 4000, ended_before=27)
	assert (row.cumulative, row.held, row.held_rate) == (4000, 3973, 47.5)


def test_state_groups_of_the_statistics():
	# Held cards were handed over; uncollected cards were not; no state is both.
	assert set(HELD) < set(AFTER_HANDOVER)
	assert set(UNCOLLECTED) <= set(lifecycle.BEFORE_HANDOVER)
	assert not set(UNCOLLECTED) & set(AFTER_HANDOVER)
	assert set(AFTER_HANDOVER) - set(HELD) == {lifecycle.RETURNED, lifecycle.REVOKED}
	assert {lifecycle.MAILED, lifecycle.MAIL_RETURNED} <= set(UNCOLLECTED)
	assert lifecycle.SUSPENDED in HELD and lifecycle.REVOKED not in HELD
	# Every state is counted somewhere, or is on the town's side of the counter before a notice.
	counted = set(UNCOLLECTED) | set(AFTER_HANDOVER)
	assert set(lifecycle.STATES) - counted == {lifecycle.RECEIVED, lifecycle.PREPARED, lifecycle.DISPOSED}


def test_a_card_is_held_until_returned_revoked_or_expired():
	assert held_until(None, None, date(2030, 3, 10)) == date(2030, 3, 11)  # held all through its last day
	assert held_until(date(2027, 1, 5), None, date(2030, 3, 10)) == date(2027, 1, 5)
	assert held_until(None, date(2026, 12, 1), None) == date(2026, 12, 1)
	assert held_until(None, None, None) is None


def test_a_card_is_no_longer_held_from_the_day_its_holder_left():
	# 死亡 or 転出: the holder leaves the town's 住基 on that day, whatever becomes of the card
	# (core/resident_events.py); the earliest end wins.
	expires = date(2030, 3, 10)
	assert held_until(None, None, expires, left=date(2026, 4, 10)) == date(2026, 4, 10)
	assert held_until(None, None, expires, left=None) == date(2030, 3, 11)
	assert held_until(date(2026, 4, 5), None, expires, left=date(2026, 4, 10)) == date(2026, 4, 5)
	assert held_until(None, date(2026, 5, 1), expires, left=date(2026, 4, 20)) == date(2026, 4, 20)
	assert held_until(None, None, date(2026, 4, 1), left=date(2026, 4, 20)) == date(2026, 4, 2)
	assert held_until(None, None, None, left=date(2026, 4, 20)) == date(2026, 4, 20)


def test_three_held_cards_two_holders_leave_in_april():
	# Hand count: 3 cards issued in March 2026, held at the end of March; holder 1 dies 04-10,
	# holder 2 moves out 04-20 → at the end of April 1 card is held, 3 stay issued (交付 is cumulative).
	ends = [
		held_until(None, None, date(2036, 1, 1), left=d) for d in (date(2026, 4, 10), date(2026, 4, 20), None)
	]
	ended = {}
	for end in ends:
		if end and end <= date(2026, 4, 30):
			ended[date(end.year, end.month, 1)] = ended.get(date(end.year, end.month, 1), 0) + 1
	rows = monthly_issuance_rate(
		{date(2026, 3, 1): 3}, date(2026, 3, 1), date(2026, 4, 30), 100, ended_per_month=ended
	)
	assert [(r.cumulative, r.held) for r in rows] == [(3, 3), (3, 1)]
	assert [r.held_rate for r in rows] == [3.0, 1.0]


def test_hand_worked_held_rate_with_earlier_records():
	# A town of 8,373. Its earlier records (outside the ledger): 4,000 issued and 3,900 still held at
	# the end of March 2026, 4,020 / 3,910 at the end of April. The ledger: 150 issued in April, of
	# which 10 expired or were returned in May; June: 321 issued.
	# April: issued 4,020 + 150 = 4,170 → 49.8 %; held 3,910 + 150 = 4,060 → 48.5 %
	# May: issued 4,170 → 49.8 %; held 4,060 − 10 = 4,050 → 48.4 %
	# June: issued 4,491 → 53.6 %; held 4,050 + 321 = 4,371 → 52.2 %
	earlier = [EarlierFigure(date(2026, 3, 1), 4000, 3900), EarlierFigure(date(2026, 4, 1), 4020, 3910)]
	rows = monthly_issuance_rate(
		{date(2026, 4, 1): 150, date(2026, 6, 1): 321},
		date(2026, 4, 1),
		date(2026, 6, 30),
		8373,
		ended_per_month={date(2026, 5, 1): 10},
		earlier=earlier,
	)
	assert [(r.issued, r.cumulative, r.rate, r.held, r.held_rate) for r in rows] == [
		(170, 4170, 49.8, 4060, 48.5),
		(0, 4170, 49.8, 4050, 48.4),
		(321, 4491, 53.6, 4371, 52.2),
	]
