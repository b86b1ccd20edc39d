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


# Towns that also count from the application. 東松島市/あわら市: the re-notice's deadline passed 「かつ、
# カード申請日からおおむね1年を経過」; 三股町: 「再通知…から3カ月」 or 「…最初に発送したときから12カ月」,
# the later one. Settings: 12 months after the notice, 3 after the re-notice, 12 after the application.
APPLICATION_RULES = DisposalRules(months_after_notice=0, months_after_renotice=3, months_after_application=12)


def test_a_year_after_the_application_wins_when_it_is_later():
	applied, notice, renotice = date(2026, 2, 10), date(2026, 3, 20), date(2026, 6, 1)
	# re-notice + 3 months = 2026-09-01; application + 12 months = 2027-02-10: the later one
	assert disposal_deadline(APPLICATION_RULES, notice, renotice, None, applied) == date(2027, 2, 10)


def test_the_re_notice_wins_when_it_is_later_than_a_year_after_the_application():
	applied, notice, renotice = date(2025, 5, 1), date(2025, 6, 2), date(2026, 3, 15)
	assert disposal_deadline(APPLICATION_RULES, notice, renotice, None, applied) == date(2026, 6, 15)


def test_the_application_counts_only_when_the_town_says_so_and_only_after_a_notice():
	applied, notice = date(2026, 2, 10), date(2026, 3, 20)
	# the default rules (12 months after the notice, application not counted)
	assert disposal_deadline(RULES, notice, None, None, applied) == date(2027, 3, 20)
	# no notice yet: no deadline, whatever the application says
	assert disposal_deadline(APPLICATION_RULES, None, None, None, applied) is None
	# no application date known: the other candidates alone
	assert disposal_deadline(APPLICATION_RULES, notice, None, None, None) == date(2026, 3, 20)
	with pytest.raises(ValueError):
		DisposalRules(months_after_application=-1)


def test_counted_from_the_application_received_date_or_else_the_cards_arrival():
	from mynumber_card.core.deadlines import application_counted_from

	assert application_counted_from(date(2026, 2, 12), date(2026, 3, 10)) == date(2026, 2, 12)
	# unknown 申請受付日: the card's arrival in the town, later than any application: never early
	assert application_counted_from(None, date(2026, 3, 10)) == date(2026, 3, 10)
	assert application_counted_from(None, None) is None
