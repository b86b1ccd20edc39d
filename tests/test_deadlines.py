from datetime import date

import pytest

from mynumber_card.core import lifecycle as lc
from mynumber_card.core.deadlines import DisposalRules, disposal_deadline, is_overdue, renotice_due

RULES = DisposalRules(months_after_notice=12, months_after_renotice=3, renotice_after_days=60)


def test_deadline_is_the_later_of_the_two():
	notice = date(2026, 1, 15)
	assert disposal_deadline(RULES, notice, None) == date(2027, 1, 15)
	# a re-notice late in the year pushes the deadline out
	assert disposal_deadline(RULES, notice, date(2026, 12, 1)) == date(2027, 3, 1)
	# an early re-notice does not bring it forward
	assert disposal_deadline(RULES, notice, date(2026, 3, 16)) == date(2027, 1, 15)
	assert disposal_deadline(RULES, None, None) is None


def test_other_town_rules():
	rules = DisposalRules(months_after_notice=6, months_after_renotice=6)
	assert disposal_deadline(rules, date(2026, 8, 31), None) == date(2027, 2, 28)


def test_rules_must_be_sane():
	with pytest.raises(ValueError):
		DisposalRules(months_after_notice=-1)


def test_overdue_only_while_awaiting_pickup():
	deadline = date(2027, 1, 15)
	assert not is_overdue(lc.NOTICE_SENT, deadline, deadline)
	assert is_overdue(lc.NOTICE_SENT, deadline, date(2027, 1, 16))
	assert is_overdue(lc.RENOTICE_SENT, deadline, date(2027, 1, 16))
	assert not is_overdue(lc.BOOKED, deadline, date(2027, 1, 16))
	assert not is_overdue(lc.ISSUED, deadline, date(2027, 1, 16))
	assert not is_overdue(lc.NOTICE_SENT, None, date(2027, 1, 16))


def test_renotice_due():
	notice = date(2026, 1, 1)
	assert not renotice_due(RULES, lc.NOTICE_SENT, notice, date(2026, 3, 1))
	assert renotice_due(RULES, lc.NOTICE_SENT, notice, date(2026, 3, 2))
	assert not renotice_due(RULES, lc.RENOTICE_SENT, notice, date(2026, 6, 1))
	assert not renotice_due(DisposalRules(renotice_after_days=0), lc.NOTICE_SENT, notice, date(2027, 1, 1))
