import dataclasses
from datetime import date, datetime, timedelta

import pytest

from mynumber_card.core import queue as q
from mynumber_card.core.furigana import ruby_segments

NINE = datetime(2026, 5, 12, 9, 0)


def minutes(n: float) -> timedelta:
	return timedelta(minutes=n)


def waiting(**values) -> q.Ticket:
	return q.Ticket(state=q.WAITING, queue_key=NINE, checked_in_at=NINE, **values)


def test_numbers_per_kind_and_day():
	assert q.ticket_number(q.BOOKED, 1) == "A-001"
	assert q.ticket_number(q.WALK_IN, 12) == "B-012"
	assert q.ticket_number(q.BOOKED, 1000) == "A-1000"
	assert q.series_key(date(2026, 5, 12), q.WALK_IN) == "MNC-QUEUE-20260512-B"
	assert q.series_key(date(2026, 5, 12), q.BOOKED) != q.series_key(date(2026, 5, 13), q.BOOKED)
	day = date(2026, 5, 12)
	assert q.calls_key(day) not in {q.series_key(day, kind) for kind in (q.BOOKED, q.WALK_IN)}
	assert q.calls_key(day) != q.calls_key(date(2026, 5, 13))
	with pytest.raises(q.QueueError):
		q.ticket_number("VIP", 1)
	with pytest.raises(q.QueueError):
		q.ticket_number(q.BOOKED, 0)


def test_a_ticket_from_waiting_to_done_is_stamped():
	called = q.move(waiting(), q.CALL, NINE + minutes(12), counter=3)
	assert (called.state, called.counter, called.call_count) == (q.CALLED, 3, 1)
	assert called.called_at == called.last_called_at == NINE + minutes(12)
	serving = q.move(called, q.START, NINE + minutes(13))
	done = q.move(serving, q.FINISH, NINE + minutes(20))
	assert (done.state, done.serving_at, done.done_at) == (q.DONE, NINE + minutes(13), NINE + minutes(20))
	assert q.wait_minutes(done) == 12
	assert q.service_minutes(done) == 8  # called → done
	assert q.service_minutes(called) is None


@pytest.mark.parametrize(
	"state, action",
	[(q.WAITING, q.FINISH), (q.DONE, q.CALL), (q.CANCELLED, q.REINSTATE), (q.SERVING, q.SKIP)],
)
def test_moves_outside_the_table_are_refused(state, action):
	ticket = q.Ticket(state=state, queue_key=NINE, checked_in_at=NINE)
	with pytest.raises(q.QueueError) as error:
		q.move(ticket, action, NINE, counter=1)
	assert error.value.key == "not_allowed"


@pytest.mark.parametrize("bad", [None, "x", 0, 100, -1])
def test_a_counter_that_does_not_exist_is_refused(bad):
	with pytest.raises(q.QueueError) as error:
		q.move(waiting(), q.CALL, NINE, counter=bad)
	assert error.value.key == "bad_counter"


def test_recall_counts_and_skips_after_n_calls():
	rules = q.Rules(skip_after_calls=3)
	ticket = q.move(waiting(), q.CALL, NINE, counter=1, rules=rules)
	ticket = q.move(ticket, q.RECALL, NINE + minutes(1), rules=rules)
	ticket = q.move(ticket, q.RECALL, NINE + minutes(2), rules=rules)
	assert (ticket.state, ticket.call_count, ticket.last_called_at) == (q.CALLED, 3, NINE + minutes(2))
	assert ticket.called_at == NINE  # the wait ended at the first call
	skipped = q.move(ticket, q.RECALL, NINE + minutes(3), rules=rules)
	assert skipped.state == q.SKIPPED
	# the resident comes back: first in line again, called afresh
	back = q.move(skipped, q.REINSTATE, NINE + minutes(9))
	assert (back.state, back.call_count, back.counter, back.queue_key) == (q.WAITING, 0, None, NINE)
	again = q.move(back, q.CALL, NINE + minutes(10), counter=2)
	assert (again.counter, again.called_at, again.last_called_at) == (2, NINE, NINE + minutes(10))


def test_skip_and_put_back():
	called = q.move(waiting(), q.CALL, NINE, counter=1)
	assert q.move(called, q.SKIP, NINE).state == q.SKIPPED
	back = q.move(called, q.PUT_BACK, NINE)
	assert (back.state, back.counter, back.call_count) == (q.WAITING, None, 0)


def test_transfer_waits_for_the_other_counter_only():
	serving = q.move(q.move(waiting(), q.CALL, NINE, counter=1), q.START, NINE)
	moved = q.move(serving, q.TRANSFER, NINE + minutes(5), counter=4)
	assert (moved.state, moved.for_counter, moved.transferred_from, moved.queue_key) == (
		q.WAITING,
		4,
		1,
		NINE,
	)
	assert moved.serving_at is None
	with pytest.raises(q.QueueError) as error:
		q.move(moved, q.CALL, NINE, counter=2)
	assert error.value.key == "other_counter"
	assert q.move(moved, q.CALL, NINE, counter=4).counter == 4
	with pytest.raises(q.QueueError) as error:
		q.move(serving, q.TRANSFER, NINE, counter=1)
	assert error.value.key == "same_counter"


def test_cancel_and_close():
	for state in q.OPEN:
		ticket = q.Ticket(state=state, queue_key=NINE, checked_in_at=NINE)
		assert q.move(ticket, q.CANCEL, NINE).state == q.CANCELLED
	closed = q.move(waiting(), q.CLOSE, NINE + minutes(30))
	assert closed.state == q.DONE and q.service_minutes(closed) is None and q.wait_minutes(closed) is None


def test_check_in_window():
	ten = datetime(2026, 5, 12, 10, 0)
	rules = q.Rules(early_minutes=30, late_minutes=15, late_rule=q.END_OF_QUEUE)
	too_early = q.place_booking(ten, ten - minutes(31), rules)
	assert (too_early.outcome, too_early.state, too_early.opens_at) == ("too_early", None, ten - minutes(30))
	early = q.place_booking(ten, ten - minutes(30), rules)
	assert (early.outcome, early.state, early.queue_key) == (
		"early",
		q.WAITING,
		ten,
	)  # keeps the booked place
	on_time = q.place_booking(ten, ten + minutes(15), rules)
	assert (on_time.outcome, on_time.queue_key) == ("on_time", ten)
	late = q.place_booking(ten, ten + minutes(16), rules)
	assert (late.outcome, late.state, late.queue_key) == (
		"late",
		q.WAITING,
		ten + minutes(16),
	)  # end of queue
	to_staff = q.Rules(late_rule=q.TO_STAFF_RULE, late_minutes=15)
	assert q.place_booking(ten, ten + minutes(16), to_staff).state == q.TO_STAFF
	# a clerk checking in is never turned away and does not send the resident to themselves
	assert q.place_booking(ten, ten - minutes(90), rules, by_staff=True).state == q.WAITING
	assert q.place_booking(ten, ten + minutes(40), to_staff, by_staff=True).state == q.WAITING


def test_estimated_wait_from_measured_medians():
	rows = [("カード受取", 4), ("カード受取", 6), ("カード受取", 5), ("申請サポート", 20), ("更新", 9)]
	medians = q.service_medians([*rows, ("申請サポート", 30), ("申請サポート", 25), ("更新", None)])
	assert medians == {"カード受取": 5, "申請サポート": 25}  # 更新: too few measured
	ahead = ["カード受取", "申請サポート", "更新", "カード受取"]
	assert q.estimate_wait(ahead, medians, default_minutes=10, counters=3) == 15  # (5+25+10+5)/3
	assert q.estimate_wait(ahead, medians, default_minutes=10, counters=0) == 45
	assert q.estimate_wait([], medians, default_minutes=10, counters=2) == 0
	assert [q.rounded_wait(m) for m in (0, 1, 5, 6, 44)] == [0, 5, 5, 10, 45]


def test_summary_of_measured_minutes():
	assert q.summary([]) == {"count": 0, "median": None, "p90": None}
	assert q.summary([None, 4]) == {"count": 1, "median": 4, "p90": 4}
	values = list(range(1, 11))  # 1..10
	assert q.summary(values) == {"count": 10, "median": 5.5, "p90": 9}


def test_announcement_and_labels():
	assert q.announcement("A-012", 3) == "A-012 番の方 3番窓口へどうぞ"
	assert set(q.STATE_LABELS_JA) == set(q.STATES)
	assert set(q.ACTIONS) >= {q.CALL, q.RECALL, q.SKIP, q.TRANSFER, q.FINISH}


def test_ruby_for_purpose_buttons():
	assert ruby_segments("カード受取") == [("カード", None), ("受取", "うけとり")]
	assert ruby_segments("電子証明書の更新") == [
		("電子証明書", "でんししょうめいしょ"),
		("の", None),
		("更新", "こうしん"),
	]
	assert ruby_segments("申請サポート") == [("申請", "しんせい"), ("サポート", None)]
	assert ruby_segments("") == []
	assert "".join(part for part, _r in ruby_segments("再交付の申請")) == "再交付の申請"


def test_core_rules_equal_the_settings_defaults():
	from tests.app_files import doctypes

	fields = {f["fieldname"]: f for f in doctypes()["MyNumber Card Settings"]["fields"]}
	rules = q.Rules()
	assert int(fields["queue_early_minutes"]["default"]) == rules.early_minutes
	assert int(fields["queue_late_minutes"]["default"]) == rules.late_minutes
	assert fields["queue_late_rule"]["default"] == rules.late_rule
	assert fields["queue_late_rule"]["options"].split("\n") == list(q.LATE_RULES)
	assert int(fields["queue_skip_after_calls"]["default"]) == rules.skip_after_calls
	assert int(fields["queue_counters"]["default"]) == rules.counters
	assert int(fields["queue_default_service_minutes"]["default"]) == rules.default_service_minutes
	ticket = doctypes()["Queue Ticket"]
	options = {f["fieldname"]: f.get("options", "") for f in ticket["fields"]}
	assert options["state"].split("\n") == list(q.STATES)
	assert options["kind"].split("\n") == list(q.KINDS)
	# every field of the core ticket is a field of the doctype
	assert {f.name for f in dataclasses.fields(q.Ticket)} <= set(options)


def test_rules_from_the_settings_keep_a_counter_a_call_and_a_known_late_rule():
	numbers = dict(
		early_minutes=20, late_minutes=10, skip_after_calls=0, counters=0, default_service_minutes=8
	)
	rules = q.Rules.from_settings("Somewhere Else", **numbers)
	assert (rules.skip_after_calls, rules.counters, rules.late_rule) == (1, 1, q.END_OF_QUEUE)
	assert (rules.early_minutes, rules.late_minutes, rules.default_service_minutes) == (20, 10, 8)
	assert q.Rules.from_settings(q.TO_STAFF_RULE, **{**numbers, "counters": 4}).late_rule == q.TO_STAFF_RULE


def test_can_move_follows_the_transitions():
	assert q.can_move(q.WAITING, q.CALLED)
	assert q.can_move(q.CALLED, q.SKIPPED)  # a recall past the limit
	assert q.can_move(q.SERVING, q.DONE)
	assert not q.can_move(q.DONE, q.WAITING)
	assert not q.can_move(q.WAITING, q.SERVING)
