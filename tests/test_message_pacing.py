from datetime import datetime, timedelta

import pytest

from mynumber_card.core.message_pacing import held_back_due, may_send

SENT = datetime(2026, 12, 6, 9, 0)


@pytest.mark.parametrize(
	("now", "minutes", "expected"),
	[
		(SENT + timedelta(minutes=1), 10, False),
		(SENT + timedelta(minutes=9, seconds=59), 10, False),
		(SENT + timedelta(minutes=10), 10, True),
		(SENT + timedelta(hours=3), 10, True),
		(SENT, 0, True),  # the town switched pacing off
		(SENT, -5, True),
	],
)
def test_a_message_goes_at_most_once_in_the_interval(now, minutes, expected):
	assert may_send(SENT, now, minutes) is expected


def test_the_first_message_always_goes():
	assert may_send(None, SENT, 10)


def test_the_cut_off_agrees_with_may_send():
	now = SENT + timedelta(minutes=10)
	assert held_back_due(now, 10) == SENT and may_send(SENT, now, 10)
	assert not may_send(SENT + timedelta(seconds=1), now, 10)
	assert held_back_due(now, 0) == now
