import pytest

from mynumber_card.core import lifecycle as lc


def test_every_transition_joins_known_states():
	for t in lc.TRANSITIONS:
		assert t.state in lc.STATES and t.next_state in lc.STATES
		assert t.roles


@pytest.mark.parametrize(
	"state, next_state",
	[
		(lc.RECEIVED, lc.PREPARED),
		(lc.PREPARED, lc.NOTICE_SENT),
		(lc.NOTICE_SENT, lc.RENOTICE_SENT),
		(lc.BOOKED, lc.ISSUED),
		(lc.ISSUED, lc.RETURNED),
	],
)
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


@pytest.mark.parametrize(
	"state, next_state",
	[
		(lc.RECEIVED, lc.ISSUED),
		(lc.RECEIVED, lc.NOTICE_SENT),
		(lc.ISSUED, lc.NOTICE_SENT),
		(lc.DISPOSED, lc.ISSUED),
		(lc.NOTICE_SENT, lc.DISPOSED),
		(lc.PREPARED, lc.BOOKED),
	],
)
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


def test_every_state_has_japanese_label_and_date_field():
	assert set(lc.STATE_LABELS_JA) == set(lc.STATES) == set(lc.STATE_DATE_FIELDS)
