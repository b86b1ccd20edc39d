"""The 住基 list of deaths and moves: reading it, refusing 個人番号, matching rows to cards (no site)."""

import io
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from mynumber_card.core import lifecycle
from mynumber_card.core import resident_events as re_
from mynumber_card.core.card_import import ImportFileError
from mynumber_card.core.mynumber import check_digit
from mynumber_card.core.spreadsheet import iter_rows

TODAY = date(2026, 12, 6)
HEADER = ("氏名", "フリガナ", "生年月日", "異動事由", "異動日")
MY_NUMBER = "12345678901" + str(check_digit("12345678901"))


def read(*rows, header=HEADER):
	found_header, checked = re_.read_list([header, *rows], TODAY)
	return found_header, list(checked)


def card(name="MNC-1", state=lifecycle.ISSUED, **values):
	values.setdefault("issued_date", date(2026, 3, 1) if state in lifecycle.HELD else None)
	return re_.CardOnFile(
		name=name,
		name_key=values.pop("name_key", "番号太郎"),
		birth_date=values.pop("birth_date", date(1950, 5, 1)),
		state=state,
		**values,
	)


def event(name="番号 太郎", birth=date(1950, 5, 1), kind=re_.DIED, day=date(2026, 4, 10), kana=""):
	return re_.Event(name, birth, kind, day, kana)


def plan_for(rows, cards):
	return re_.plan(rows, lambda events: list(cards))


# Reading the list ------------------------------------------------------------------------------


def test_a_list_with_japanese_headers_and_wareki_dates_is_read():
	_header, rows = read(
		("番号 太郎", "バンゴウ タロウ", "S25.5.1", "死亡", "R8.4.10"),
		("番号 花子", "", "1960/1/2", "転出", "2026-04-20"),
		("", "", "", "", ""),  # empty rows are skipped, row numbers kept
		("番号 次郎", "ばんごう じろう", "昭和40年3月3日", "国外転出", "令和8年5月1日"),
		("番号 三郎", "", "S41.1.1", "職権消除", "R8.6.1"),
	)
	assert [r.row for r in rows] == [2, 3, 5, 6]
	assert [r.event.event for r in rows] == [re_.DIED, re_.MOVED_OUT, re_.MOVED_ABROAD, re_.REMOVED_OTHER]
	assert rows[0].event == re_.Event(
		"番号 太郎", date(1950, 5, 1), re_.DIED, date(2026, 4, 10), "バンゴウ タロウ"
	)
	assert rows[2].event.full_name_kana == "バンゴウ ジロウ"


def test_header_aliases_a_title_above_and_other_columns_ignored():
	header, rows = re_.read_list(
		[
			("令和8年4月分 死亡・転出者一覧",),
			("名前", "住所", "生年月日", "異動区分", "死亡年月日"),
			("番号 太郎", "〇〇町1番地", "S25.5.1", "死亡届", "R8.4.10"),
		],
		TODAY,
	)
	rows = list(rows)
	assert header.row == 2 and header.ignored == ["住所"]
	assert rows[0].row == 3 and rows[0].event.event == re_.DIED


@pytest.mark.parametrize("title", ["個人番号", "マイナンバー", "My Number", "個人番号(12桁)"])
def test_a_column_for_individual_numbers_refuses_the_file(title):
	with pytest.raises(ImportFileError) as error:
		read(("番号 太郎", "", "S25.5.1", "死亡", "R8.4.10"), header=(*HEADER, title))
	assert error.value.code == "individual_number_column"


def test_missing_required_columns_refuse_the_file():
	with pytest.raises(ImportFileError) as error:
		read(header=("氏名", "生年月日", "異動日"))
	assert error.value.code == "missing_columns" and "異動事由" in error.value.detail
	with pytest.raises(ImportFileError) as error:
		read(header=("何か", "別のもの"))
	assert error.value.code == "no_header"


@pytest.mark.parametrize(
	"cell", [MY_NUMBER, f"{MY_NUMBER[:4]}-{MY_NUMBER[4:8]}-{MY_NUMBER[8:]}", int(MY_NUMBER), float(MY_NUMBER)]
)
def test_a_row_holding_an_individual_number_is_refused_and_nothing_of_it_kept(cell):
	_header, rows = read(("番号 太郎", "", "S25.5.1", "死亡", "R8.4.10", cell), header=(*HEADER, "備考"))
	(row,) = rows
	assert row.event is None
	assert [p.code for p in row.problems] == ["individual_number"]
	assert row.problems[0].letter == "F"
	outcome = plan_for(rows, [card()]).outcomes[0]
	assert outcome.outcome == re_.REFUSED and not outcome.changes
	assert MY_NUMBER not in repr(outcome)


@pytest.mark.parametrize(
	"cells, code",
	[
		(("番号 太郎", "", "S25.5.1", "引越し", "R8.4.10"), "bad_event"),
		(("番号 太郎", "", "S25.5.1", "死亡", "先月"), "bad_date"),
		(("番号 太郎", "", "", "死亡", "R8.4.10"), "missing"),
		(("=HYPERLINK(1)", "", "S25.5.1", "死亡", "R8.4.10"), "name_start"),
		(("番号 太郎", "abc", "S25.5.1", "死亡", "R8.4.10"), "bad_kana"),
		(("番号 太郎", "", "2030-01-01", "死亡", "R8.4.10"), "implausible_birth_date"),
		(("番号 太郎", "", "2026-05-01", "死亡", "2026-04-10"), "event_before_birth"),
		(("番号 太郎", "", "S25.5.1", "転出", "2027-03-01"), "event_far_ahead"),
		(("番号 太郎", "", "S25.5.1", "死亡", "2010-01-01"), "before_mynumber_cards"),
	],
)
def test_unreadable_or_impossible_rows_are_refused(cells, code):
	_header, (row,) = read(cells)
	assert row.event is None and code in [p.code for p in row.problems]


def test_a_moving_out_date_a_little_ahead_is_accepted():
	# a 転出届 is made before the move, with its 転出予定日
	_header, (row,) = read(("番号 太郎", "", "S25.5.1", "転出", "2026-12-20"))
	assert row.event.event_date == date(2026, 12, 20)


@pytest.mark.parametrize(
	"word, code",
	[
		("死亡", re_.DIED),
		(" 死 亡 ", re_.DIED),
		("転出届", re_.MOVED_OUT),
		("市外転出", re_.MOVED_OUT),
		("国外転出", re_.MOVED_ABROAD),
		("海外転出", re_.MOVED_ABROAD),
		("住民票消除（その他）", re_.REMOVED_OTHER),
		("職権消除", re_.REMOVED_OTHER),
		("Moved Out", re_.MOVED_OUT),
		("転入", None),
		("", None),
	],
)
def test_event_words(word, code):
	assert re_.event_code(word) == code


def test_the_template_reads_back_as_its_own_header():
	workbook = openpyxl.load_workbook(io.BytesIO(re_.template_xlsx()))
	assert [c.value for c in workbook.active[1]] == [c.header for c in re_.COLUMNS]
	header, rows = re_.read_list(iter_rows("t.csv", re_.template_csv()), TODAY)
	assert len(header.mapped) == len(re_.COLUMNS) and list(rows) == []


# Matching ---------------------------------------------------------------------------------------


def test_exactly_one_holder_gets_the_event():
	outcome = re_.decide(event(), 2, [card()])
	assert outcome.outcome == re_.RECORDED
	assert outcome.changes == [re_.Change("MNC-1", re_.DIED, date(2026, 4, 10))]


def test_no_card_of_that_name_and_birth_date():
	assert re_.decide(event(), 2, [card(birth_date=date(1950, 5, 2))]).outcome == re_.NOT_FOUND
	assert re_.decide(event(name="番号 次郎"), 2, [card()]).outcome == re_.NOT_FOUND
	assert re_.decide(event(), 2, []).outcome == re_.NOT_FOUND


def test_the_name_is_compared_without_spaces_and_width():
	assert re_.decide(event(name="番号　太郎"), 2, [card()]).outcome == re_.RECORDED
	assert re_.decide(event(name="番号太郎"), 2, [card()]).outcome == re_.RECORDED


def test_two_holders_with_the_same_name_and_birth_date_change_nothing():
	outcome = re_.decide(event(), 2, [card("MNC-1"), card("MNC-2")])
	assert outcome.outcome == re_.AMBIGUOUS and outcome.holders == 2 and not outcome.changes


def test_the_kana_tells_two_holders_apart_when_both_have_it():
	cards = [card("MNC-1", kana_key="バンゴウタロウ"), card("MNC-2", kana_key="ツガイタロウ")]
	outcome = re_.decide(event(kana="ばんごう たろう"), 2, cards)
	assert outcome.outcome == re_.RECORDED and [c.card for c in outcome.changes] == ["MNC-1"]
	# a card without kana still matches: the row's kana cannot rule it out
	outcome = re_.decide(
		event(kana="バンゴウ タロウ"), 2, [card("MNC-1"), card("MNC-2", kana_key="ツガイタロウ")]
	)
	assert [c.card for c in outcome.changes] == ["MNC-1"]


def test_a_renewal_card_and_the_card_it_replaces_are_one_holder():
	old = card("MNC-1")
	new = card("MNC-2", state=lifecycle.NOTICE_SENT, replaces_card="MNC-1")
	outcome = re_.decide(event(), 2, [old, new])
	assert outcome.outcome == re_.RECORDED
	assert [(c.card, c.disposal_cause, c.not_handed_over) for c in outcome.changes] == [
		("MNC-1", None, False),
		("MNC-2", "Holder Died", True),
	]


def test_a_card_not_yet_handed_over_gets_the_disposal_cause_unless_it_has_one():
	moved = event(kind=re_.MOVED_OUT)
	(change,) = re_.decide(moved, 2, [card(state=lifecycle.RENOTICE_SENT)]).changes
	assert change.disposal_cause == "Holder Moved Away" and change.not_handed_over
	pending = card(state=lifecycle.PENDING_DISPOSAL, disposal_cause="Deadline Passed")
	(change,) = re_.decide(moved, 2, [pending]).changes
	assert change.disposal_cause is None


def test_cards_already_returned_revoked_or_disposed_are_left_alone():
	cards = [
		card("MNC-1", state=lifecycle.RETURNED),
		card("MNC-2", state=lifecycle.DISPOSED, issued_date=None),
	]
	assert re_.decide(event(), 2, cards).outcome == re_.NO_LIVE_CARD
	# a returned old card beside the held one: only the held one changes, linked or not (an
	# uncollected card disposed, then a new application, has no link to the new card)
	for link in ("MNC-1", None):
		cards = [card("MNC-1", state=lifecycle.RETURNED), card("MNC-2", replaces_card=link)]
		assert [c.card for c in re_.decide(event(), 2, cards).changes] == ["MNC-2"]


def test_a_card_handed_over_after_the_event_is_not_changed():
	# 転出 in 2025, back in town, new card in 2026: the old list's row must not end it
	outcome = re_.decide(event(kind=re_.MOVED_OUT, day=date(2025, 6, 1)), 2, [card()])
	assert outcome.outcome == re_.ISSUED_AFTER and not outcome.changes
	# handed over on the day of the event: recorded (held for no day)
	outcome = re_.decide(event(day=date(2026, 3, 1)), 2, [card()])
	assert outcome.outcome == re_.RECORDED


def test_importing_the_same_event_again_changes_nothing():
	recorded = card(left_date=date(2026, 4, 10), left_reason=re_.DIED)
	assert re_.decide(event(), 2, [recorded]).outcome == re_.ALREADY


def test_another_event_already_on_the_card_is_left_for_staff():
	recorded = card(left_date=date(2026, 4, 1), left_reason=re_.MOVED_OUT)
	outcome = re_.decide(event(), 2, [recorded])
	assert outcome.outcome == re_.OTHER_EVENT and outcome.other == recorded and not outcome.changes


def test_the_same_holder_twice_in_one_list_is_decided_as_two_imports():
	_header, rows = read(
		("番号 太郎", "", "S25.5.1", "死亡", "R8.4.10"),
		("番号 太郎", "", "S25.5.1", "死亡", "R8.4.10"),
		("番号 太郎", "", "S25.5.1", "転出", "R8.4.20"),
	)
	result = plan_for(rows, [card()])
	assert [o.outcome for o in result.outcomes] == [re_.RECORDED, re_.ALREADY, re_.OTHER_EVENT]
	assert len(result.changes) == 1


def test_the_worked_example_and_its_counts():
	# three held cards; holder 1 died 04-10, holder 2 moved out 04-20, holder 3 not on the list,
	# a fourth row names nobody in the ledger
	cards = [
		card("MNC-1", name_key="番号一郎", birth_date=date(1950, 1, 1)),
		card("MNC-2", name_key="番号二郎", birth_date=date(1960, 2, 2)),
		card("MNC-3", name_key="番号三郎", birth_date=date(1970, 3, 3)),
	]
	_header, rows = read(
		("番号 一郎", "", "1950-01-01", "死亡", "2026-04-10"),
		("番号 二郎", "", "1960-02-02", "転出", "2026-04-20"),
		("番号 四郎", "", "1980-04-04", "転出", "2026-04-25"),
	)
	result = plan_for(rows, cards)
	assert [(c.card, c.event, c.event_date) for c in result.changes] == [
		("MNC-1", re_.DIED, date(2026, 4, 10)),
		("MNC-2", re_.MOVED_OUT, date(2026, 4, 20)),
	]
	assert result.counts()[re_.RECORDED] == 2 and result.counts()[re_.NOT_FOUND] == 1
	# importing it again, the cards now carrying the events: nothing more changes
	after = [
		replace(cards[0], left_date=date(2026, 4, 10), left_reason=re_.DIED),
		replace(cards[1], left_date=date(2026, 4, 20), left_reason=re_.MOVED_OUT),
		cards[2],
	]
	again = plan_for(rows, after)
	assert again.changes == [] and [o.outcome for o in again.outcomes] == [
		re_.ALREADY,
		re_.ALREADY,
		re_.NOT_FOUND,
	]


# The card itself ---------------------------------------------------------------------------------


def test_a_card_cannot_be_handed_over_from_the_day_its_holder_left():
	assert re_.no_longer_resident(date(2026, 4, 10), date(2026, 4, 10))
	assert not re_.no_longer_resident(date(2026, 4, 11), date(2026, 4, 10))  # a 転出予定日 ahead
	assert not re_.no_longer_resident(None, date(2026, 4, 10))


@pytest.mark.parametrize(
	"left, reason, birth, issued, problem",
	[
		(date(2026, 4, 10), re_.DIED, date(1950, 1, 1), date(2026, 3, 1), None),
		(None, None, date(1950, 1, 1), None, None),
		(date(2026, 4, 10), None, None, None, "left_incomplete"),
		(None, re_.DIED, None, None, "left_incomplete"),
		(date(2026, 4, 10), "Holiday", None, None, "left_unknown_reason"),
		(date(1949, 1, 1), re_.DIED, date(1950, 1, 1), None, "event_before_birth"),
		(date(2026, 2, 1), re_.MOVED_OUT, date(1950, 1, 1), date(2026, 3, 1), "left_before_issued"),
	],
)
def test_what_a_card_may_record(left, reason, birth, issued, problem):
	assert re_.left_problem(left, reason, birth, issued) == problem
