from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mynumber_card.core import validity
from mynumber_card.core.dates import add_months, age_on, anniversary, wareki
from mynumber_card.core.validity import (
	Certificates,
	card_expiry,
	card_validity,
	certificate_expiry,
	certificates_carried,
	renewal_kind,
)


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


def test_worked_example_adult_counts_from_issue_date_not_handover():
	# born 1990-02-10, 発行日 2026-01-20, handed over 2026-03-01: the hand-over day plays no part
	result = card_validity(date(1990, 2, 10), date(2026, 1, 20))
	assert result.card == date(2035, 2, 10)
	assert result.certificate == date(2030, 2, 10)


def test_worked_example_seventeen_on_issue_date_gets_a_five_year_card():
	# born 2008-03-10, 発行日 2026-02-20 (17 that day), handed over at 18 on 2026-03-15
	result = card_validity(date(2008, 3, 10), date(2026, 2, 20))
	assert result.card == date(2030, 3, 10)
	assert result.certificate == date(2030, 3, 10)


def test_before_april_2022_the_line_was_twenty():
	# 19 on a 発行日 in 2021: a minor then, a 5-year card
	assert card_expiry(date(2002, 6, 1), date(2021, 9, 1)) == date(2026, 6, 1)
	# 19 on 2022-04-01: of age under the new rule, a 10-year card
	assert card_expiry(date(2002, 6, 1), date(2022, 4, 1)) == date(2031, 6, 1)
	# 20 on a 発行日 in 2021: of age
	assert card_expiry(date(2001, 6, 1), date(2021, 9, 1)) == date(2031, 6, 1)
	assert card_expiry(date(2002, 6, 1), date(2021, 9, 1)) != card_expiry(date(2002, 6, 1), date(2022, 4, 1))


def test_foreign_resident_card_ends_with_period_of_stay():
	result = card_validity(date(1995, 8, 1), date(2026, 4, 1), stay=validity.Stay(date(2028, 7, 31)))
	assert result.card == date(2028, 7, 31)
	assert result.certificate == date(2028, 7, 31)  # never past the card
	# a period of stay longer than the card changes nothing
	assert card_expiry(date(1995, 8, 1), date(2026, 4, 1), validity.Stay(date(2040, 1, 1))) == date(
		2035, 8, 1
	)


def test_holder_without_certificates():
	carried = certificates_carried(date(1990, 2, 10), date(2026, 1, 20), declined=True)
	assert carried == Certificates(signing=False, user=False)
	result = card_validity(date(1990, 2, 10), date(2026, 1, 20), certificates=carried)
	assert result.card == date(2035, 2, 10)
	assert result.certificate is None


def test_signing_certificate_from_fifteen_and_never_on_face_auth_cards():
	assert certificates_carried(date(2012, 5, 1), date(2026, 4, 30)) == Certificates(signing=False, user=True)
	assert certificates_carried(date(2011, 5, 1), date(2026, 5, 1)) == Certificates(signing=True, user=True)
	assert certificates_carried(date(1960, 1, 1), date(2026, 1, 5), face_auth=True) == Certificates(
		signing=False, user=True
	)


def test_printed_expiry_wins_and_is_flagged_when_it_differs():
	same = card_validity(date(1990, 2, 10), date(2026, 1, 20), printed_expiry=date(2035, 2, 10))
	assert same.card == date(2035, 2, 10) and not same.printed_differs
	other = card_validity(date(1990, 2, 10), date(2026, 1, 20), printed_expiry=date(2035, 2, 9))
	assert other.card == date(2035, 2, 9) and other.printed_differs
	assert other.certificate == date(2030, 2, 10)


def test_certificate_renewal_runs_five_birthdays_capped_by_card():
	card = date(2030, 3, 10)
	assert certificate_expiry(date(1990, 2, 10), date(2029, 12, 1), card) == card
	# renewed on 2030-01-05: 1st birthday after is 2030-02-10, the 5th 2034-02-10
	assert certificate_expiry(date(1990, 2, 10), date(2030, 1, 5), date(2035, 2, 10)) == date(2034, 2, 10)


@given(
	birth=st.dates(min_value=date(1905, 1, 1), max_value=date(2026, 11, 26)),
	days_after_birth=st.integers(min_value=0, max_value=110 * 366),
	residence=st.one_of(st.none(), st.integers(min_value=1, max_value=15 * 366)),
)
def test_expiry_is_a_birthday_after_issue_and_certificate_never_outlives_card(
	birth, days_after_birth, residence
):
	from datetime import timedelta

	issue = birth + timedelta(days=days_after_birth)
	residence_expiry = issue + timedelta(days=residence) if residence else None
	result = card_validity(birth, issue, stay=validity.Stay(residence_expiry))
	assert result.card > issue
	assert result.certificate is not None and result.certificate <= result.card
	if residence_expiry is None or residence_expiry >= card_expiry(birth, issue):
		# a birthday (28 Feb standing in for 29 Feb in common years), 5 or 10 years on
		assert (result.card.month, result.card.day) == (birth.month, birth.day) or (
			(birth.month, birth.day) == (2, 29) and (result.card.month, result.card.day) == (2, 28)
		)
		assert result.card.year - issue.year in (4, 5, 6, 9, 10, 11)
	else:
		assert result.card == residence_expiry


def test_certificate_expiry_is_fifth_birthday_for_everyone():
	assert certificate_expiry(date(1980, 4, 1), date(2026, 3, 31)) == date(2030, 4, 1)
	assert certificate_expiry(date(2015, 7, 7), date(2026, 7, 8)) == date(2031, 7, 7)
	assert certificate_expiry(date(1980, 2, 29), date(2026, 6, 1)) == date(2031, 2, 28)


def test_renewal_kind_within_the_window_or_expired():
	today = date(2026, 11, 26)
	# the card and its certificate with fewer than three months left: one renewal of both. Expiring
	# 2027-02-26, the remaining 11/27–2/26 is exactly three months: not yet (「三月未満」, 民法140・143;
	# tests/test_validity_rules.py has the window's edges)
	assert renewal_kind(date(2027, 2, 25), date(2027, 2, 25), today) == "Card and Certificate"
	assert renewal_kind(date(2027, 2, 26), date(2027, 2, 26), today) is None
	# the certificate alone (5 years) while the card runs on (10 years)
	assert renewal_kind(date(2031, 5, 1), date(2026, 12, 1), today) == "Certificate"
	# already expired still counts
	assert renewal_kind(date(2036, 1, 1), date(2025, 1, 1), today) == "Certificate"
	# no certificates (declined): only the card
	assert renewal_kind(date(2027, 1, 10), None, today) == "Card"
	assert renewal_kind(None, None, today) is None
	assert renewal_kind(date(2027, 6, 1), None, today, months_ahead=7) == "Card"


def test_wareki():
	assert wareki(date(2026, 11, 26)) == "令和8年11月26日"
	assert wareki(date(2019, 5, 1)) == "令和元年5月1日"
	assert wareki(date(2019, 4, 30)) == "平成31年4月30日"
	assert wareki(date(1989, 1, 7)) == "昭和64年1月7日"
	assert wareki(date(2026, 11, 26), with_weekday=True) == "令和8年11月26日（木）"
	assert wareki(None) == ""


def test_wareki_takes_what_templates_hand_over():
	assert wareki("2026-11-26") == "令和8年11月26日"  # frappe.utils.today()
	assert wareki(datetime(2026, 11, 26, 9, 30)) == "令和8年11月26日"
	assert wareki("") == wareki("not a date") == ""


def test_plausible_birth_date():
	from mynumber_card.core.dates import plausible_birth_date

	today = date(2026, 11, 26)
	assert plausible_birth_date(date(1958, 6, 15), today)
	assert plausible_birth_date(today, today)
	assert not plausible_birth_date(date(2026, 11, 27), today)
	assert not plausible_birth_date(date(1899, 12, 31), today)
	assert not plausible_birth_date(None, today)


@pytest.mark.parametrize(
	"value",
	[
		"1980-04-01",
		"昭和55年4月1日",
		"S55.4.1",
		"Ｓ５５．４．１",
		date(1980, 4, 1),
		datetime(1980, 4, 1, 0, 0),
	],
)
def test_birth_date_is_read_one_way_everywhere(value):
	from mynumber_card.core.dates import parse_birth_date

	assert parse_birth_date(value, date(2026, 11, 26)) == date(1980, 4, 1)


@pytest.mark.parametrize(
	"value", [None, "", "1980-02-30", "昭和65年1月1日", "2026-11-27", "1899-12-31", "abc", [], {}]
)
def test_unreadable_or_impossible_birth_dates_are_none(value):
	from mynumber_card.core.dates import parse_birth_date

	assert parse_birth_date(value, date(2026, 11, 26)) is None
