from datetime import date

import pytest

from mynumber_card.core.dates import add_months, age_on, anniversary, wareki
from mynumber_card.core.validity import card_expiry, certificate_expiry, renewal_due


def test_add_months_clamps_to_month_end():
	assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
	assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
	assert add_months(date(2026, 12, 15), 12) == date(2027, 12, 15)


def test_leap_day_anniversary_and_age():
	born = date(2008, 2, 29)
	assert anniversary(born, 18) == date(2026, 2, 28)
	assert anniversary(born, 20) == date(2028, 2, 29)
	assert age_on(born, date(2026, 2, 28)) == 17
	assert age_on(born, date(2026, 3, 1)) == 18
	assert age_on(born, date(2028, 2, 29)) == 20


@pytest.mark.parametrize(
	"birth, issue, expected",
	[
		# 18 on the issue day: ten birthdays
		(date(2008, 5, 10), date(2026, 5, 10), date(2036, 5, 10)),
		# the day before the 18th birthday: still 17, five birthdays
		(date(2008, 5, 10), date(2026, 5, 9), date(2030, 5, 10)),
		# adult, issue day is a birthday: it does not count
		(date(1980, 4, 1), date(2026, 4, 1), date(2036, 4, 1)),
		(date(1980, 4, 1), date(2026, 3, 31), date(2035, 4, 1)),
		# leap-day birthday: 28 Feb in common years
		(date(1980, 2, 29), date(2026, 6, 1), date(2036, 2, 29)),
		(date(1981, 3, 1), date(2026, 6, 1), date(2036, 3, 1)),
		(date(1980, 2, 29), date(2027, 6, 1), date(2037, 2, 28)),
		# leap-day 17-year-old on 28 Feb of a common year: not yet 18
		(date(2008, 2, 29), date(2026, 2, 28), date(2031, 2, 28)),
		(date(2008, 2, 29), date(2026, 3, 1), date(2036, 2, 29)),
	],
)
def test_card_expiry(birth, issue, expected):
	assert card_expiry(birth, issue) == expected


def test_certificate_expiry_is_fifth_birthday_for_everyone():
	assert certificate_expiry(date(1980, 4, 1), date(2026, 3, 31)) == date(2030, 4, 1)
	assert certificate_expiry(date(2015, 7, 7), date(2026, 7, 8)) == date(2031, 7, 7)
	assert certificate_expiry(date(1980, 2, 29), date(2026, 6, 1)) == date(2031, 2, 28)


def test_renewal_due_window():
	today = date(2026, 11, 26)
	assert renewal_due(date(2027, 2, 26), today)
	assert not renewal_due(date(2027, 2, 27), today)
	assert not renewal_due(date(2026, 11, 25), today)
	assert not renewal_due(None, today)


def test_wareki():
	assert wareki(date(2026, 11, 26)) == "令和8年11月26日"
	assert wareki(date(2019, 5, 1)) == "令和元年5月1日"
	assert wareki(date(2019, 4, 30)) == "平成31年4月30日"
	assert wareki(date(1989, 1, 7)) == "昭和64年1月7日"
	assert wareki(date(2026, 11, 26), with_weekday=True) == "令和8年11月26日（木）"
	assert wareki(None) == ""


def test_plausible_birth_date():
	from mynumber_card.core.dates import plausible_birth_date

	today = date(2026, 11, 26)
	assert plausible_birth_date(date(1958, 6, 15), today)
	assert plausible_birth_date(today, today)
	assert not plausible_birth_date(date(2026, 11, 27), today)
	assert not plausible_birth_date(date(1899, 12, 31), today)
	assert not plausible_birth_date(None, today)
