import pytest

from mynumber_card.core import lifecycle as lc


def test_every_transition_joins_known_states():
	for t in lc.TRANSITIONS:
		assert t.state in lc.STATES and t.next_state in lc.STATES
		assert t.roles


def moves(table: dict) -> list[tuple[str, str]]:
	"""(state, next state) for each move a table lists by the state it leaves."""
	return [(state, next_state) for state, next_states in table.items() for next_state in next_states]


# state -> the states a clerk moves a card on to: along the counter, and the paths off it (mail, suspension)
CLERK_MOVES = {
	lc.RECEIVED: (lc.PREPARED,),
	lc.PREPARED: (lc.NOTICE_SENT, lc.MAILED),
	lc.NOTICE_SENT: (lc.RENOTICE_SENT,),
	lc.BOOKED: (lc.ISSUED,),
	lc.ISSUED: (lc.RETURNED, lc.SUSPENDED, lc.REVOKED),
	lc.MAILED: (lc.ISSUED, lc.MAIL_RETURNED),
	lc.MAIL_RETURNED: (lc.MAILED, lc.NOTICE_SENT),
	lc.SUSPENDED: (lc.ISSUED, lc.REVOKED),
}


@pytest.mark.parametrize("state, next_state", moves(CLERK_MOVES))
def test_clerk_moves_cards_along(state, next_state):
	assert lc.check_transition(state, next_state, [lc.CLERK]).next_state == next_state


@pytest.mark.parametrize(
	"state, next_state",
	[
		(lc.PENDING_DISPOSAL, lc.DISPOSED),
		(lc.NOTICE_SENT, lc.ISSUED),
		(lc.NOTICE_SENT, lc.PENDING_DISPOSAL),
	],
)
def test_manager_only(state, next_state):
	with pytest.raises(lc.TransitionNotAllowed):
		lc.check_transition(state, next_state, [lc.CLERK])
	assert lc.check_transition(state, next_state, [lc.MANAGER])


# state -> states no one may move a card on to, not even the system
OUTSIDE_THE_TABLE = {
	lc.RECEIVED: (lc.ISSUED, lc.NOTICE_SENT),
	lc.ISSUED: (lc.NOTICE_SENT,),
	lc.DISPOSED: (lc.ISSUED,),
	lc.NOTICE_SENT: (lc.DISPOSED,),
	lc.PREPARED: (lc.BOOKED,),
}


@pytest.mark.parametrize("state, next_state", moves(OUTSIDE_THE_TABLE))
def test_outside_the_table_refused_for_everyone(state, next_state):
	with pytest.raises(lc.TransitionNotAllowed):
		lc.check_transition(state, next_state, [lc.CLERK, lc.MANAGER], system=True)


def test_system_transitions_need_the_system_flag():
	with pytest.raises(lc.TransitionNotAllowed):
		lc.check_transition(lc.NOTICE_SENT, lc.BOOKED, [lc.MANAGER])
	assert lc.check_transition(lc.NOTICE_SENT, lc.BOOKED, [], system=True).action == "Book"
	assert lc.check_transition(lc.RENOTICE_SENT, lc.PENDING_DISPOSAL, [], system=True)
	# the system flag does not open human-only moves
	with pytest.raises(lc.TransitionNotAllowed):
		lc.check_transition(lc.PENDING_DISPOSAL, lc.DISPOSED, [], system=True)


def test_cancelled_booking_returns_to_previous_state():
	assert lc.state_after_cancelled_booking(lc.RENOTICE_SENT, None) == lc.RENOTICE_SENT
	assert lc.state_after_cancelled_booking(lc.NOTICE_SENT, None) == lc.NOTICE_SENT
	assert lc.state_after_cancelled_booking(None, "2026-01-01") == lc.RENOTICE_SENT
	assert lc.state_after_cancelled_booking(None, None) == lc.NOTICE_SENT


def test_two_staff_rule():
	assert lc.check_two_staff(lc.DISPOSED, "a@x", "b@x") is None
	assert lc.check_two_staff(lc.DISPOSED, "a@x", "a@x") == "two_staff_same"
	assert lc.check_two_staff(lc.RETURNED, "a@x", None) == "two_staff_missing"
	assert lc.check_two_staff(lc.ISSUED, None, None) is None
	# the old card taken back at a renewal hand-over is recorded by the clerk at that counter
	assert lc.check_two_staff(lc.RETURNED, "a@x", None, return_reason="Renewal") is None
	assert lc.check_two_staff(lc.RETURNED, "a@x", None, return_reason="Death") == "two_staff_missing"


def test_every_state_has_japanese_label_and_date_field():
	assert set(lc.STATE_LABELS_JA) == set(lc.STATES) == set(lc.STATE_DATE_FIELDS)


@pytest.mark.parametrize(
	"state", [lc.RECEIVED, lc.PREPARED, lc.NOTICE_SENT, lc.RENOTICE_SENT, lc.MAIL_RETURNED]
)
def test_any_card_before_handover_can_go_to_disposal_on_a_managers_decision(state):
	with pytest.raises(lc.TransitionNotAllowed):
		lc.check_transition(state, lc.PENDING_DISPOSAL, [lc.CLERK])
	assert lc.check_transition(state, lc.PENDING_DISPOSAL, [lc.MANAGER])
	assert state in lc.BEFORE_HANDOVER


def test_hold_returns_the_card_to_waiting_for_its_holder():
	assert lc.check_transition(lc.PENDING_DISPOSAL, lc.NOTICE_SENT, [lc.MANAGER]).action == "Hold Disposal"
	assert (
		lc.check_transition(lc.PENDING_DISPOSAL, lc.RENOTICE_SENT, [lc.MANAGER]).condition
		== "doc.renotice_date"
	)
	with pytest.raises(lc.TransitionNotAllowed):
		lc.check_transition(lc.PENDING_DISPOSAL, lc.NOTICE_SENT, [lc.CLERK])


def test_cards_cannot_skip_the_post_nor_come_back_from_the_end():
	for state, next_state in [
		(lc.RECEIVED, lc.MAILED),
		(lc.MAILED, lc.PENDING_DISPOSAL),
		(lc.REVOKED, lc.ISSUED),
		(lc.SUSPENDED, lc.RETURNED),
		(lc.DISPOSED, lc.NOTICE_SENT),
	]:
		with pytest.raises(lc.TransitionNotAllowed):
			lc.check_transition(state, next_state, [lc.CLERK, lc.MANAGER], system=True)


def test_express_cards_enter_as_mailed():
	assert lc.initial_state(lc.EXPRESS) == lc.MAILED
	assert lc.initial_state(lc.COUNTER) == lc.RECEIVED
	assert lc.initial_state(None) == lc.RECEIVED
	assert lc.initial_state(lc.MAILED_BY_TOWN) == lc.RECEIVED
	assert lc.initial_state(lc.COUNTER, from_records=True) == lc.ISSUED


def test_each_move_off_the_path_records_its_cause():
	assert lc.missing_for_move(lc.NOTICE_SENT, lc.PENDING_DISPOSAL, {}) == ["disposal_cause"]
	assert lc.missing_for_move(lc.NOTICE_SENT, lc.PENDING_DISPOSAL, {"disposal_cause": "Declined"}) == []
	assert lc.missing_for_move(lc.ISSUED, lc.SUSPENDED, {}) == ["loss_reported_via"]
	assert lc.missing_for_move(lc.SUSPENDED, lc.REVOKED, {}) == ["revoke_reason"]
	assert lc.missing_for_move(lc.ISSUED, lc.RETURNED, {"return_reason": "Death"}) == []
	assert lc.missing_for_move(lc.PENDING_DISPOSAL, lc.NOTICE_SENT, {}) == ["disposal_hold_until"]
	assert lc.missing_for_move(None, lc.MAILED, {}) == ["express_reason"]
	assert lc.missing_for_move(lc.PREPARED, lc.NOTICE_SENT, {}) == []


def test_workflow_rows_carry_the_condition_that_picks_between_twin_actions():
	holds = [row for row in lc.human_transitions() if row[1] == "Hold Disposal"]
	assert {row[4] for row in holds} == {"doc.renotice_date", "not doc.renotice_date"}


def test_only_cards_meant_for_the_post_are_mailed():
	assert lc.method_problem(lc.MAILED, lc.COUNTER) == "counter_card_not_mailed"
	assert lc.method_problem(lc.MAILED, None) == "counter_card_not_mailed"
	assert lc.method_problem(lc.MAILED, lc.MAILED_BY_TOWN) is None
	assert lc.method_problem(lc.NOTICE_SENT, lc.COUNTER) is None
