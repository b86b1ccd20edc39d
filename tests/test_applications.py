"""The application (申請): the 特急 window, its states, and what a delivered card takes from it."""

from datetime import date

import pytest

from mynumber_card.core import applications as ap
from mynumber_card.core import lifecycle, reasons

LOST = "Lost Card"


def test_the_under_one_reason_is_in_the_express_reasons():
	assert ap.UNDER_ONE in reasons.EXPRESS_REASONS
	assert LOST in reasons.EXPRESS_REASONS


# 明和町, ふじみ野市, さぬき市: 「紛失届をした日から30日以内」 and the like; 30 days counted from the
# day after the event (民法140条).
@pytest.mark.parametrize(
	"applied_on, problem",
	[
		(date(2026, 3, 1), None),  # the day of the loss report
		(date(2026, 3, 31), None),  # the 30th day after it
		(date(2026, 4, 1), ap.WINDOW_PASSED),
		(date(2026, 2, 28), ap.EVENT_AFTER_APPLICATION),  # applied before the event: no
	],
)
def test_express_within_30_days_of_the_event(applied_on, problem):
	assert ap.express_problem(LOST, applied_on, date(2026, 3, 1), date(1980, 5, 5)) == problem


def test_express_30_days_across_a_month_end():
	assert ap.express_last_day(LOST, date(2026, 1, 31), None) == date(2026, 3, 2)


# 山都町 「1歳の誕生日の前日まで」, 能美市 「満1歳の誕生日前日まで申請できます」: no event date needed.
@pytest.mark.parametrize(
	"birth, applied_on, problem",
	[
		(date(2025, 6, 10), date(2026, 6, 9), None),
		(date(2025, 6, 10), date(2026, 6, 10), ap.WINDOW_PASSED),  # one year old on the birthday
		(date(2024, 2, 29), date(2025, 2, 28), None),  # born on 29 February: one from 1 March
		(date(2024, 2, 29), date(2025, 3, 1), ap.WINDOW_PASSED),
	],
)
def test_express_for_a_child_until_the_day_before_the_first_birthday(birth, applied_on, problem):
	assert ap.express_problem(ap.UNDER_ONE, applied_on, None, birth) == problem


def test_express_needs_its_reason_and_dates():
	assert ap.express_problem(None, date(2026, 3, 1), date(2026, 3, 1), None) == ap.NO_REASON
	assert ap.express_problem(LOST, date(2026, 3, 1), None, date(1980, 1, 1)) == ap.NO_EVENT_DATE
	assert ap.express_problem(ap.UNDER_ONE, date(2026, 3, 1), None, None) == ap.NO_BIRTH_DATE
	assert ap.express_last_day(LOST, None, None) is None


def test_card_arrived_only_with_a_card_and_for_good():
	assert ap.status_problem(ap.APPLIED, False) is None
	assert ap.status_problem(ap.WITHDRAWN, False) is None
	assert ap.status_problem(ap.CARD_ARRIVED, False) == ap.ARRIVED_NEEDS_CARD
	assert ap.status_problem(ap.CARD_ARRIVED, True) is None
	assert ap.status_problem(ap.WITHDRAWN, True) == ap.CARD_ALREADY_ARRIVED


def test_dates_in_order():
	today = date(2026, 5, 1)
	assert ap.date_problems(date(2026, 4, 1), date(2026, 4, 3), date(1990, 1, 1), today) == []
	assert ap.date_problems(date(2026, 5, 2), None, None, today) == [ap.APPLIED_IN_FUTURE]
	assert ap.date_problems(date(2026, 4, 1), date(2026, 3, 31), None, today) == [ap.RECEIVED_BEFORE_APPLIED]
	assert ap.date_problems(date(1989, 1, 1), None, date(1990, 1, 1), today) == [ap.APPLIED_BEFORE_BIRTH]


def test_the_card_issue_method_follows_the_application():
	assert ap.card_issue_method(ap.IDENTITY_AT_APPLICATION) == lifecycle.MAILED_BY_TOWN
	assert ap.card_issue_method(ap.EXPRESS) == lifecycle.EXPRESS
	assert {ap.card_issue_method(m) for m in (ap.COUNTER_SUPPORT, ap.OFF_SITE, ap.BY_POST, ap.ONLINE)} == {
		lifecycle.COUNTER
	}
	assert set(map(ap.card_issue_method, ap.METHODS)) == set(lifecycle.ISSUE_METHODS)


APPLICATION = {
	"method": ap.COUNTER_SUPPORT,
	"received_on": date(2022, 3, 20),
	"full_name": "番号 花子",
	"full_name_kana": "バンゴウ ハナコ",
	"birth_date": date(2003, 1, 1),
	"residence_expiry_date": None,
}


def test_a_scanned_card_takes_the_holder_and_the_received_date():
	values = ap.card_values(APPLICATION, {"application_id": "1" * 23, "issue_method": "Counter"}, True)
	assert values == {
		"application_received_date": date(2022, 3, 20),
		"full_name": "番号 花子",
		"full_name_kana": "バンゴウ ハナコ",
		"birth_date": date(2003, 1, 1),
	}


def test_a_card_keeps_its_own_values():
	card = {
		"full_name": "番号 華子",
		"application_received_date": date(2022, 3, 22),
		"issue_method": "Counter",
	}
	values = ap.card_values(APPLICATION, card, True)
	assert "full_name" not in values and "application_received_date" not in values
	assert values["birth_date"] == date(2003, 1, 1)


def test_a_card_the_town_mails_after_identity_was_checked_at_application():
	application = {
		**APPLICATION,
		"method": ap.IDENTITY_AT_APPLICATION,
		"residence_expiry_date": date(2027, 3, 31),
	}
	values = ap.card_values(application, {"issue_method": "Counter"}, True)
	assert values["issue_method"] == lifecycle.MAILED_BY_TOWN
	assert values["residence_expiry_date"] == date(2027, 3, 31)  # 対馬市: the 在留期間 at application
	# a card already in the ledger keeps its method
	assert "issue_method" not in ap.card_values(application, {"issue_method": "Counter"}, False)


def test_a_completed_support_visit_leaves_one_application_per_person():
	booking = {
		"name": "BK-2026-00001",
		"slot_date": date(2026, 4, 10),
		"full_name": "番号 太郎",
		"full_name_kana": "バンゴウ タロウ",
		"birth_date": date(1980, 4, 1),
	}
	members = [
		{"full_name": "番号 一郎", "full_name_kana": None, "birth_date": date(2015, 7, 7)},
		{"full_name": "（削除済）", "birth_date": None},  # anonymised: nothing to apply for
	]
	made = ap.from_booking(booking, members, date(2026, 4, 10))
	assert [(a["full_name"], a["birth_date"]) for a in made] == [
		("番号 太郎", date(1980, 4, 1)),
		("番号 一郎", date(2015, 7, 7)),
	]
	assert {(a["method"], a["applied_on"], a["booking"]) for a in made} == {
		(ap.COUNTER_SUPPORT, date(2026, 4, 10), "BK-2026-00001")
	}
	# recorded as done before the booked day: applied today, never in the future
	assert ap.from_booking(booking, [], date(2026, 4, 9))[0]["applied_on"] == date(2026, 4, 9)


def test_applications_by_month_and_method():
	rows = ap.by_month(
		[
			(2026, 5, ap.OFF_SITE, 12),
			(2026, 4, ap.COUNTER_SUPPORT, 30),
			(2026, 4, ap.OFF_SITE, 8),
			(2026, 5, ap.COUNTER_SUPPORT, 25),
		]
	)
	assert [(r["month"], r[ap.COUNTER_SUPPORT], r[ap.OFF_SITE], r[ap.EXPRESS], r["total"]) for r in rows] == [
		(date(2026, 4, 1), 30, 8, 0, 38),
		(date(2026, 5, 1), 25, 12, 0, 37),
	]
	assert ap.by_month([]) == []


def test_an_off_site_application_names_the_place_and_a_withdrawal_its_day():
	assert ap.missing(ap.OFF_SITE, ap.APPLIED, "School", "第一中学校", None) == []
	assert ap.missing(ap.OFF_SITE, ap.APPLIED, "School", "", None) == [ap.NO_PLACE]
	assert ap.missing(ap.COUNTER_SUPPORT, ap.WITHDRAWN, None, None, None) == [ap.NO_WITHDRAWN_DATE]
	assert ap.missing(ap.COUNTER_SUPPORT, ap.WITHDRAWN, None, None, date(2026, 5, 1)) == []
