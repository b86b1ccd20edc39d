"""A foreign resident's card and the end of their stay (core/residence.py): 有効期間変更, 特例期間, the
特定在留カード, the renewal letter's advice. Worked examples E1–E5 of the issue-22 findings."""

from datetime import date

import pytest

from mynumber_card.core import residence as rs
from mynumber_card.core import validity

OTHER_STATUS = "Mid- to Long-Term Resident (Other Status)"
PERMANENT = "Permanent Resident"

# E1: born 1990-05-10, 発行日 2024-02-01, stay to 2025-03-31 → the card to 2025-03-31; the cap (高崎市
# 「最長でもカード発行日から10回目…の誕生日まで」) is 2033-05-10.
E1_BIRTH, E1_ISSUED, E1_STAY = date(1990, 5, 10), date(2024, 2, 1), date(2025, 3, 31)


def e1_card(expires=E1_STAY, stay=E1_STAY, **changes) -> rs.Card:
	values = dict(
		birth_date=E1_BIRTH,
		issue_date=E1_ISSUED,
		expires=expires,
		residence_expiry=stay,
		status=OTHER_STATUS,
	)
	return rs.Card(**{**values, **changes})


def test_e1_the_card_as_made_ends_with_the_stay():
	made = validity.card_expiry(E1_BIRTH, E1_ISSUED, validity.Stay(E1_STAY, OTHER_STATUS))
	assert made == E1_STAY
	assert rs.birthday_cap(e1_card()) == date(2033, 5, 10)


def test_e1_validity_change_takes_the_new_end_of_stay_up_to_the_cap():
	card = e1_card()
	assert rs.changed_expiry(card, date(2025, 3, 10), date(2030, 3, 31), space_left=True) == date(2030, 3, 31)
	later = e1_card(expires=date(2030, 3, 31), stay=date(2030, 3, 31))
	# 対馬市 「最初のカード発行日から10回目の誕生日を超える更新はできません」
	assert rs.changed_expiry(later, date(2030, 3, 1), date(2035, 3, 31), space_left=True) == date(2033, 5, 10)
	at_cap = e1_card(expires=date(2033, 5, 10), stay=date(2035, 3, 31))
	with pytest.raises(rs.ResidenceRuleError) as caught:
		rs.changed_expiry(at_cap, date(2033, 3, 1), date(2040, 3, 31), space_left=True)
	assert caught.value.code == rs.AT_CAP  # a new card (更新) instead


def test_e1_no_change_once_the_card_has_expired():
	# 上板町 「マイナンバーカードが有効期限内であること」; after it a 再交付, paid (芦屋市, 高崎市)
	with pytest.raises(rs.ResidenceRuleError) as caught:
		rs.changed_expiry(e1_card(), date(2025, 4, 1), date(2030, 3, 31), space_left=True)
	assert caught.value.code == rs.CARD_EXPIRED
	# the expiry day itself still counts
	assert rs.changed_expiry(e1_card(), date(2025, 3, 31), date(2030, 3, 31), space_left=True)


@pytest.mark.parametrize(
	"kwargs, code",
	[
		# 上板町 「カードの券面（追記欄）に余白があること」, 安芸高田市: otherwise a new card
		(dict(new_end_of_stay=date(2030, 3, 31), space_left=False), rs.NO_SPACE),
		(dict(new_end_of_stay=None, space_left=True), rs.END_OF_STAY_MISSING),
		(dict(new_end_of_stay=date(2025, 3, 31), space_left=True), rs.NOT_LATER),
		(dict(new_end_of_stay=date(2024, 12, 31), space_left=True), rs.NOT_LATER),
	],
)
def test_validity_change_refusals(kwargs, code):
	with pytest.raises(rs.ResidenceRuleError) as caught:
		rs.changed_expiry(e1_card(), date(2025, 3, 10), **kwargs)
	assert caught.value.code == code


def test_a_change_to_permanent_residence_runs_to_the_cap():
	# 在留資格変更 to 永住者: no end of stay any more, the card runs to the birthday like a national's
	assert rs.changed_expiry(
		e1_card(), date(2025, 3, 10), None, space_left=True, new_status=PERMANENT
	) == date(2033, 5, 10)


def test_e2_special_period_two_months_once_then_the_grant():
	card = e1_card()
	# 葛城市 「現在の在留期間満了日から2ヵ月後まで延長…特例期間の再延長はできない」
	extended = rs.special_period_expiry(
		card, date(2025, 3, 20), proof=rs.PENDING_PROOFS[0], special_period_used=False
	)
	assert extended == date(2025, 5, 31)
	with pytest.raises(rs.ResidenceRuleError) as caught:
		rs.special_period_expiry(
			e1_card(expires=extended), date(2025, 5, 1), proof=rs.PENDING_PROOFS[0], special_period_used=True
		)
	assert caught.value.code == rs.SPECIAL_PERIOD_USED
	# the grant on 2025-05-10: a 有効期間変更 to the new end of stay
	granted = rs.changed_expiry(
		e1_card(expires=extended), date(2025, 5, 10), date(2028, 3, 31), space_left=True
	)
	assert granted == date(2028, 3, 31)


@pytest.mark.parametrize(
	"card_kwargs, on, proof, code",
	[
		(
			{},
			date(2025, 4, 1),
			rs.PENDING_PROOFS[1],
			rs.CARD_EXPIRED,
		),  # 東海市 「すでに切れている場合…できません」
		({}, date(2025, 3, 20), None, rs.PROOF_MISSING),  # 加西市: the stamp or the online receipt
		({"stay": None}, date(2025, 3, 20), rs.PENDING_PROOFS[0], rs.END_OF_STAY_MISSING),
		# the card ends at the birthday cap before the stay: nothing for a 特例 to bridge
		(
			{"expires": date(2025, 3, 31), "stay": date(2026, 3, 31)},
			date(2025, 3, 20),
			rs.PENDING_PROOFS[0],
			rs.NOT_LIMITED_BY_STAY,
		),
		({"status": PERMANENT}, date(2025, 3, 20), rs.PENDING_PROOFS[0], rs.NOT_LIMITED_BY_STAY),
	],
)
def test_special_period_refusals(card_kwargs, on, proof, code):
	with pytest.raises(rs.ResidenceRuleError) as caught:
		rs.special_period_expiry(e1_card(**card_kwargs), on, proof=proof, special_period_used=False)
	assert caught.value.code == code


def test_special_period_never_past_the_birthday_cap():
	# stay to 2033-04-30, cap 2033-05-10: two months on would be 2033-06-30
	card = e1_card(expires=date(2033, 4, 30), stay=date(2033, 4, 30))
	assert rs.special_period_expiry(
		card, date(2033, 4, 1), proof=rs.PENDING_PROOFS[0], special_period_used=False
	) == date(2033, 5, 10)


@pytest.mark.parametrize(
	"last_day, end",
	[
		(date(2025, 3, 31), date(2025, 5, 31)),  # E2
		(date(2025, 3, 15), date(2025, 5, 15)),
		(date(2025, 2, 28), date(2025, 4, 30)),  # from 3/1: ends the day before 5/1 (民法143条)
		(date(2025, 12, 30), date(2026, 2, 28)),  # from 12/31: no 2/31, the month's last day
		(date(2023, 12, 31), date(2024, 2, 29)),
	],
)
def test_two_months_past_the_end_of_stay(last_day, end):
	assert rs.period_end(last_day, 2) == end


def test_e3_permanent_resident_runs_to_the_tenth_birthday():
	# 山陽小野田市: 永住者 「カード発行日から10回目の誕生日まで」, whatever the stay
	birth, issued = date(2000, 8, 1), date(2024, 9, 1)
	assert validity.card_expiry(birth, issued, validity.Stay(date(2027, 1, 1), PERMANENT)) == date(2034, 8, 1)
	card = rs.Card(birth, issued, date(2034, 8, 1), status=PERMANENT, residence_expiry=None)
	assert rs.renewal_action(card) == rs.RENEW_CARD


def test_e4_under_eighteen_capped_at_the_fifth_birthday():
	# born 2010-01-15, 発行日 2024-03-01 (14): cap 2029-01-15 (東海市 「カード発行時未成年の方は5回目」)
	birth, issued = date(2010, 1, 15), date(2024, 3, 1)
	assert validity.card_expiry(birth, issued, validity.Stay(date(2031, 1, 1), OTHER_STATUS)) == date(
		2029, 1, 15
	)
	card = rs.Card(birth, issued, date(2026, 3, 31), residence_expiry=date(2026, 3, 31), status=OTHER_STATUS)
	assert rs.changed_expiry(card, date(2026, 3, 1), date(2031, 1, 1), space_left=True) == date(2029, 1, 15)


def test_e5_new_certificates_at_the_change():
	# 上板町 「電子証明書の有効期限は変更できない」: new ones run from the day they are issued, capped by
	# the new card expiry. With more than 3 months left on the old one: the 5th birthday (E5's 2029-05-10).
	assert rs.new_certificate_expiry(E1_BIRTH, date(2024, 12, 1), date(2030, 3, 31), E1_STAY) == date(
		2029, 5, 10
	)
	# E5 as the findings give it (2025-03-10, the old one to 2025-03-31): fewer than 3 months were left,
	# so the 6th birthday (東村山市, validity.renewed_in_window): 2030-05-10, capped by the card.
	assert rs.new_certificate_expiry(E1_BIRTH, date(2025, 3, 10), date(2030, 3, 31), E1_STAY) == date(
		2030, 3, 31
	)


def test_specified_residence_card_is_renewed_at_immigration():
	# 出入国在留管理庁 特定在留カード (from 2026-06-14): the town's 有効期間変更 does not apply
	card = e1_card(kind=rs.SPECIFIED_RESIDENCE_CARD)
	with pytest.raises(rs.ResidenceRuleError) as caught:
		rs.changed_expiry(card, date(2025, 3, 10), date(2030, 3, 31), space_left=True)
	assert caught.value.code == rs.WITH_RESIDENCE_CARD_KIND
	assert rs.renewal_action(card) == rs.RENEW_AT_IMMIGRATION
	# 特例期間 while 入管 decides: allowed (UNCONFIRMED, see the module's docstring)
	assert rs.special_period_expiry(
		card, date(2025, 3, 20), proof=rs.PENDING_PROOFS[0], special_period_used=False
	)


def test_renewal_letter_advice():
	# 松戸市, 敦賀市: J-LIS sends no notice to those whose card ends with their stay
	assert rs.renewal_action(e1_card()) == rs.CHANGE_VALIDITY
	assert rs.renewal_action(e1_card(expires=date(2025, 5, 31))) == rs.CHANGE_VALIDITY  # in a 特例期間
	at_cap = e1_card(expires=date(2033, 5, 10), stay=date(2035, 3, 31))
	assert rs.renewal_action(at_cap) == rs.RENEW_CARD
	assert rs.renewal_action(e1_card(stay=None, status=None, expires=date(2033, 5, 10))) == rs.RENEW_CARD
	assert rs.CARD_KINDS[0] == rs.MY_NUMBER_CARD
