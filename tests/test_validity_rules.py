"""The validity rules of issue 22, worked examples from the sources cited beside each table:
the 2022-04-01 switch by 申請受付日, the renewal window 「三月未満」, a certificate renewed within the
window, 成年被後見人 without 署名用, the uncapped residence statuses, and the card generations."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mynumber_card.core.dates import add_months
from mynumber_card.core.validity import (
	CURRENT,
	GENERATION_CODES,
	NEXT,
	RESIDENCE_STATUS_CODES,
	UNCAPPED_STATUSES,
	Certificates,
	Stay,
	card_expiry,
	card_validity,
	certificate_expiry,
	certificates_carried,
	generation_for,
	renewal_kind,
	renewal_window_end,
	renewed_in_window,
)

# --- 1. the 2022-04-01 switch is chosen by the 申請受付日 (J-LIS received the application) ---------
# 政府広報 音声広報CD 2025-09: 「発行時に18歳未満のかたは5回目の誕生日まで。なお、申請受付日が2022年4月1日
# より前のかたは「18歳未満」を「20歳未満」と読み替え」; 米子市 「申請受付日が令和4年4月1日より前の場合は、
# 20歳以上のかたは…10回目」; 申請受付日 = 「J-LISがカードの申請情報を受理する日」 (行橋市, 大阪狭山市).


@pytest.mark.parametrize(
	"case, birth, received, issued, card, certificate",
	[
		# A (the issue's example): 19 on both days, applied under the old rule → 5th birthday
		("A", date(2003, 1, 1), date(2022, 3, 20), date(2022, 4, 15), date(2027, 1, 1), date(2027, 1, 1)),
		# B: 19, applied after the switch → of age at 18 → 10th birthday
		("B", date(2003, 1, 1), date(2022, 4, 2), date(2022, 4, 20), date(2032, 1, 1), date(2027, 1, 1)),
		# C: 16, a minor under either rule (control)
		("C", date(2005, 6, 1), date(2022, 3, 25), date(2022, 4, 10), date(2026, 6, 1), date(2026, 6, 1)),
	],
)
def test_the_age_line_is_chosen_by_the_application_received_date(
	case, birth, received, issued, card, certificate
):
	result = card_validity(birth, issued, application_date=received)
	assert (result.card, result.certificate) == (card, certificate), case
	assert not result.threshold_uncertain


def test_case_d_source_conflict_age_on_issue_date_not_on_application_date():
	# D: born 2002-04-10, 申請受付日 2022-03-20 (19 that day), 発行日 2022-04-15 (20 that day).
	# 政府広報/飯能市/三好市 take the age 「発行時に」: 20 ≥ 20 → 10th birthday, 2032-04-10 (coded).
	# 鴻巣市/大阪狭山市 read 「申請受付日において20歳未満」: 19 → 5th birthday, 2027-04-10 (not coded).
	# The statute's transitional clause was not found (UNCONFIRMED); this test pins the reading chosen.
	born, received, issued = date(2002, 4, 10), date(2022, 3, 20), date(2022, 4, 15)
	assert card_expiry(born, issued, application_date=received) == date(2032, 4, 10)
	assert card_expiry(born, issued, application_date=received) != date(2027, 4, 10)


def test_without_an_application_date_the_issue_date_stands_in_and_says_so():
	# an import without 申請受付日: 19 on a 発行日 after the switch reads as of age (10th birthday), and
	# the result is flagged because an application received before 2022-04-01 would give the 5th
	unknown = card_validity(date(2003, 1, 1), date(2022, 4, 15))
	assert unknown.card == date(2032, 1, 1)
	assert unknown.threshold_uncertain
	# no doubt for an adult, for a minor under both lines, or before the switch (only 20 in force)
	assert not card_validity(date(1990, 2, 10), date(2026, 1, 20)).threshold_uncertain
	assert not card_validity(date(2008, 3, 10), date(2026, 2, 20)).threshold_uncertain
	assert not card_validity(date(2002, 6, 1), date(2021, 9, 1)).threshold_uncertain
	# the next card knows one age line only
	assert not card_validity(date(2011, 6, 1), date(2029, 7, 1), generation=NEXT).threshold_uncertain


# --- 12b. the renewal window: due when fewer than 3 months remain --------------------------------
# 「有効期間が満了する日までの期間が三月未満となった場合」 (名古屋市 FAQ, 東村山市); 志賀町 「有効期限の3か月前の
# 翌日から」, 越谷市 「3か月前の翌日以降」. The remaining period starts the next day (初日不算入, 民法140条)
# and ends by 民法143条; the month-end rows are derived from 143条2項 (no official worked example found).


@pytest.mark.parametrize(
	"today, expiry, due",
	[
		(date(2026, 1, 15), date(2026, 4, 15), False),  # 1/16–4/15 is exactly three months
		(date(2026, 1, 16), date(2026, 4, 15), True),
		(date(2026, 2, 28), date(2026, 5, 31), False),  # 3/1–5/31: exactly three months
		(date(2026, 3, 1), date(2026, 5, 31), True),
		(date(2025, 11, 29), date(2026, 2, 28), False),  # 11/30–2/28: no 2/30, so three months
		(date(2025, 11, 30), date(2026, 2, 28), False),  # 12/1–2/28: three whole months
		(date(2025, 12, 1), date(2026, 2, 28), True),
		(date(2027, 11, 30), date(2028, 2, 29), False),
		(date(2027, 12, 1), date(2028, 2, 29), True),
		(date(2025, 12, 31), date(2026, 3, 31), False),
		(date(2026, 1, 1), date(2026, 3, 31), True),
		(date(2026, 1, 31), date(2026, 4, 30), False),  # 2/1–4/30: three whole months
		(date(2026, 2, 1), date(2026, 4, 30), True),
		(date(2026, 4, 15), date(2026, 4, 15), True),  # the last valid day
		(date(2026, 4, 16), date(2026, 4, 15), True),  # expired still counts
	],
)
def test_renewal_is_due_when_fewer_than_three_months_remain(today, expiry, due):
	assert (renewal_kind(expiry, None, today) == "Card") is due
	assert (renewal_kind(date(2036, 1, 1), expiry, today) == "Certificate") is due
	assert (expiry <= renewal_window_end(today)) is due


@given(
	expiry=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)).filter(lambda d: d.day <= 27)
)
def test_away_from_month_ends_due_from_the_day_after_three_months_before(expiry):
	# 志賀町's wording, exact whenever no month end is involved
	before = add_months(expiry, -3)
	assert renewal_kind(expiry, None, before) is None
	assert renewal_kind(expiry, None, before + timedelta(days=1)) == "Card"


@given(today=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)), months=st.integers(0, 12))
def test_the_window_never_moves_back(today, months):
	assert renewal_window_end(today + timedelta(days=1), months) >= renewal_window_end(today, months)
	assert renewal_window_end(today, months) >= today - timedelta(days=1)


# --- 12c. a certificate renewed within the window runs to the 6th birthday -------------------------
# J-LIS (jpki.go.jp) 「有効期間満了前に更新を行った場合は…電子証明書発行の日から6回目の誕生日まで」; 東村山市
# FAQ 「（有効期間が満了する日までの期間が3月未満となった場合に、発行の申請を行い…6回目）」; 宇治市.
BORN, OLD_CERTIFICATE, CARD = date(1980, 6, 1), date(2026, 6, 1), date(2036, 6, 1)


@pytest.mark.parametrize(
	"renewed, in_window, expected",
	[
		(date(2026, 2, 15), False, date(2030, 6, 1)),  # more than three months left: an ordinary issue
		(date(2026, 3, 1), False, date(2030, 6, 1)),  # 3/2–6/1 is exactly three months: not yet
		(date(2026, 3, 2), True, date(2031, 6, 1)),
		(date(2026, 4, 10), True, date(2031, 6, 1)),  # findings' example (the code gave 2030-06-01)
		(date(2026, 6, 1), True, date(2032, 6, 1)),  # the last valid day; the issue day does not count
		(date(2026, 6, 10), False, date(2031, 6, 1)),  # after expiry: the 5th birthday
	],
)
def test_certificate_renewed_within_the_window_gets_the_sixth_birthday(renewed, in_window, expected):
	assert renewed_in_window(OLD_CERTIFICATE, renewed) is in_window
	assert certificate_expiry(BORN, renewed, CARD, renewed_in_window=in_window) == expected


def test_a_renewed_certificate_never_outlives_the_card_and_a_new_one_is_no_renewal():
	assert certificate_expiry(BORN, date(2026, 4, 10), date(2030, 12, 31), renewed_in_window=True) == date(
		2030, 12, 31
	)
	assert not renewed_in_window(None, date(2026, 4, 10))  # certificates declined before: a new issue


# --- 8. 成年被後見人: no 署名用電子証明書 ---------------------------------------------------------------
# 世田谷区 「15歳未満の方、成年被後見人の方には原則発行されません」; 杉並区 「原則発行できません」; 鳴門市
# 「署名用電子証明書は15歳未満の人と成年被後見人には搭載されません」.


def test_a_ward_gets_the_user_certificate_only():
	adult = date(1960, 1, 1), date(2026, 1, 5)
	assert certificates_carried(*adult, under_guardianship=True) == Certificates(signing=False, user=True)
	assert certificates_carried(*adult) == Certificates(signing=True, user=True)
	assert certificates_carried(*adult, declined=True, under_guardianship=True) == Certificates(False, False)
	result = card_validity(*adult, certificates=certificates_carried(*adult, under_guardianship=True))
	assert result.certificate == date(2031, 1, 1)  # the user certificate keeps its 5th birthday


# --- 5. residence statuses: three are not capped by the end of stay ------------------------------
# 山陽小野田市: 永住者, 高度専門職第2号, 特別永住者 「カード発行日から10回目の誕生日まで（18歳未満は5回目）」;
# other 中長期在留者 to 在留期間の満了日; 一時庇護許可者 to the end of 上陸期間; 仮滞在許可者 to the end of 仮滞在期間;
# 経過滞在者 60 days after birth or loss of nationality. 三宅町: 「いずれか早い日」.


OTHER_STATUS = "Mid- to Long-Term Resident (Other Status)"
TRANSITIONAL = "Transitional Stay (Birth or Loss of Nationality)"
UNCAPPED = ("Permanent Resident", "Special Permanent Resident", "Highly Skilled Professional (ii)")


@pytest.mark.parametrize(
	"status, birth, issued, end_of_stay, expected",
	[
		# E1: 中長期在留者, stay to 2025-03-31 (the 10th birthday would be 2033-05-10)
		(OTHER_STATUS, date(1990, 5, 10), date(2024, 2, 1), date(2025, 3, 31), date(2025, 3, 31)),
		# E3: 永住者 and the other two (a 在留カード date entered by mistake changes nothing)
		*[
			(status, date(2000, 8, 1), date(2024, 9, 1), date(2031, 12, 31), date(2034, 8, 1))
			for status in UNCAPPED
		],
		# no status recorded (a card from before statuses): the end of stay caps, as before
		(None, date(2000, 8, 1), date(2024, 9, 1), date(2031, 12, 31), date(2031, 12, 31)),
		# E4: 14 on the 発行日: the 5th birthday comes before the end of stay
		(OTHER_STATUS, date(2010, 1, 15), date(2024, 3, 1), date(2031, 1, 1), date(2029, 1, 15)),
		("Provisional Stay Permit", date(1985, 1, 1), date(2026, 6, 1), date(2026, 8, 31), date(2026, 8, 31)),
		("Temporary Refuge Permit", date(1985, 1, 1), date(2026, 6, 1), date(2026, 7, 15), date(2026, 7, 15)),
		# 経過滞在者: born 2026-05-01, the end is the 60th day after birth
		(TRANSITIONAL, date(2026, 5, 1), date(2026, 5, 20), date(2026, 6, 30), date(2026, 6, 30)),
	],
)
def test_end_of_stay_caps_the_card_except_for_three_statuses(status, birth, issued, end_of_stay, expected):
	stay = Stay(end_of_stay, status)
	assert card_expiry(birth, issued, stay) == expected
	result = card_validity(birth, issued, stay=stay)
	assert result.card == expected and result.certificate <= expected


def test_the_three_uncapped_statuses():
	assert UNCAPPED_STATUSES == {
		"Permanent Resident",
		"Highly Skilled Professional (ii)",
		"Special Permanent Resident",
	}
	assert len(set(RESIDENCE_STATUS_CODES)) == len(RESIDENCE_STATUS_CODES) == 7


# --- 11. card generations -----------------------------------------------------------------------
# CURRENT: the card since 2016 (rules above). NEXT: a provisional draft, デジタル庁 次期個人番号カード
# タスクフォース 最終とりまとめ 2024-03-18 — certificates 10 years 「カードの有効期間にあわせて」, renewal from 1
# year before, validity to one month after the birthday (exact form UNCONFIRMED: the same day a month
# on, the month's last day when there is none; see core/validity.py).


@pytest.mark.parametrize(
	"birth, issued, current, next_card",
	[
		# adult: (card, certificate) per generation
		(
			date(1990, 2, 10),
			date(2029, 1, 20),
			(date(2038, 2, 10), date(2033, 2, 10)),
			(date(2038, 3, 10),) * 2,
		),
		# 13 on the 発行日: 5th birthday; the next card's 10-year certificate is capped by the card
		(date(2015, 7, 7), date(2029, 1, 10), (date(2033, 7, 7),) * 2, (date(2033, 8, 7),) * 2),
		# a birthday on the 31st: one month after 31 January is 28 February
		(
			date(1990, 1, 31),
			date(2029, 3, 1),
			(date(2039, 1, 31), date(2034, 1, 31)),
			(date(2039, 2, 28),) * 2,
		),
		# 18 on the 発行日, applied after 2022-04-01: of age in both
		(date(2011, 6, 1), date(2029, 7, 1), (date(2039, 6, 1), date(2034, 6, 1)), (date(2039, 7, 1),) * 2),
	],
)
def test_each_generation_gives_its_own_validity(birth, issued, current, next_card):
	for generation, expected in ((CURRENT, current), (NEXT, next_card)):
		result = card_validity(birth, issued, application_date=issued, generation=generation)
		assert (result.card, result.certificate) == expected, generation.code


def test_a_stay_caps_the_card_with_an_end_and_a_status_that_does_not_keep_it_to_the_birthday():
	end, later = date(2030, 1, 1), date(2031, 1, 1)
	assert [Stay(end, status).caps_card for status in RESIDENCE_STATUS_CODES] == [
		status not in UNCAPPED_STATUSES for status in RESIDENCE_STATUS_CODES
	]
	assert Stay(end).caps_card  # no status recorded: an older card, capped as before
	assert not Stay(None, OTHER_STATUS).caps_card and not Stay().caps_card
	assert (Stay(end, OTHER_STATUS).cap(later), Stay(end, OTHER_STATUS).cap(date(2029, 1, 1))) == (
		end,
		date(2029, 1, 1),
	)
	assert Stay(end, "Permanent Resident").cap(later) == later


def test_the_next_card_does_not_stretch_the_end_of_stay():
	assert card_expiry(
		date(1990, 2, 10), date(2029, 1, 20), Stay(date(2031, 3, 31)), generation=NEXT
	) == date(2031, 3, 31)


def test_the_next_card_renews_from_a_year_before():
	# expiring 2039-07-01: the next card from 2038-07-02 (one year, same 「未満」 shape), the current
	# card only from 2039-04-02
	expiry = date(2039, 7, 1)
	assert renewal_kind(expiry, expiry, date(2038, 7, 1), generation=NEXT) is None
	assert renewal_kind(expiry, expiry, date(2038, 7, 2), generation=NEXT) == "Card and Certificate"
	assert renewal_kind(expiry, expiry, date(2038, 7, 2), generation=CURRENT) is None
	assert renewal_kind(expiry, expiry, date(2039, 4, 1)) is None
	assert renewal_kind(expiry, expiry, date(2039, 4, 2)) == "Card and Certificate"
	# the next card's draft gives a renewed certificate no extra birthday (UNCONFIRMED)
	assert renewed_in_window(expiry, date(2039, 1, 1), NEXT)
	assert certificate_expiry(
		date(1990, 2, 10), date(2039, 1, 1), renewed_in_window=True, generation=NEXT
	) == certificate_expiry(date(1990, 2, 10), date(2039, 1, 1), generation=NEXT)


def test_signing_certificate_from_fifteen_in_both_generations():
	for generation in (CURRENT, NEXT):
		assert not certificates_carried(date(2014, 5, 2), date(2029, 5, 1), generation=generation).signing
		assert certificates_carried(date(2014, 5, 1), date(2029, 5, 1), generation=generation).signing


def test_generations_by_code():
	assert generation_for(None) is generation_for("") is CURRENT  # cards from before generations
	assert [generation_for(code) for code in GENERATION_CODES] == [CURRENT, NEXT]
	assert NEXT.provisional and not CURRENT.provisional
	assert "Provisional" in NEXT.code
	with pytest.raises(ValueError):
		generation_for("Third Card")
