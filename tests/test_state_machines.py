"""The three state machines share one shape (core/state_machine): every entry of each table does what it
says through its owner's own function, and an action a table does not have is refused, not defaulted."""

from datetime import datetime

import pytest

from mynumber_card.core import booking_states
from mynumber_card.core import lifecycle as lc
from mynumber_card.core import queue as q
from mynumber_card.core.state_machine import Machine, Move, MoveRefused

NINE = datetime(2026, 5, 12, 9, 0)
MACHINES = {"lifecycle": lc.MACHINE, "booking": booking_states.MACHINE, "queue": q.MACHINE}


def ticket_in(state: str, move: Move) -> q.Ticket:
	"""A ticket in the move's state that meets its guard: called at counter 1, the town's calls used or not."""
	calls = q.Rules().skip_after_calls if move.when == "calls_used_up" else 1
	return q.Ticket(state=state, queue_key=NINE, checked_in_at=NINE, counter=1, call_count=calls)


@pytest.mark.parametrize("move", q.MOVES, ids=lambda m: f"{m.state}-{m.action}-{m.when or ''}")
def test_each_queue_move_ends_where_the_table_says(move):
	moved = q.move(ticket_in(move.state, move), move.action, NINE, counter=2)
	assert moved.state == move.next_state
	assert q.can_move(move.state, move.next_state)


@pytest.mark.parametrize("name", MACHINES)
def test_each_entry_is_found_by_its_state_and_action(name):
	machine = MACHINES[name]
	for move in machine.moves:
		found = machine.step(move.state, move.action, lambda guard, move=move: guard == move.when)
		assert (found.state, found.action) == (move.state, move.action)
		assert move.next_state in machine.next_states(move.state)
		# twins (Cancel Booking, Hold Disposal) share an action: the guard or the caller picks
		assert (
			found.next_state == move.next_state
			or len([m for m in machine.moves if (m.state, m.action) == (move.state, move.action)]) > 1
		)


@pytest.mark.parametrize("name", MACHINES)
def test_an_unknown_action_is_refused_in_every_state(name):
	machine = MACHINES[name]
	for state in machine.states():
		with pytest.raises(MoveRefused):
			machine.step(state, "Teleport")


def test_an_action_from_the_wrong_state_is_refused_by_the_queue():
	done = q.Ticket(state=q.DONE, queue_key=NINE, checked_in_at=NINE)
	for action in q.ACTIONS:
		with pytest.raises(q.QueueError) as refused:
			q.move(done, action, NINE, counter=1)
		assert refused.value.key == "not_allowed"
	with pytest.raises(q.QueueError):
		q.move(ticket_in(q.CALLED, q.MOVES[0]), "Teleport", NINE, counter=1)  # once the Cancel default


def test_a_recall_ends_in_skipped_by_the_table_not_by_code():
	recalls = [m for m in q.MOVES if (m.state, m.action) == (q.CALLED, q.RECALL)]
	assert {m.next_state for m in recalls} == {q.CALLED, q.SKIPPED}
	assert all(m.when for m in recalls)


def test_the_engine_applies_effects_in_order_and_refuses_an_unknown_guard_outcome():
	machine = Machine(
		[Move("a", "go", "b", effects=("double", "add_one")), Move("b", "go", "c", when="ready")]
	)
	move = machine.step("a", "go")
	assert machine.apply(move, 3, {"double": lambda n: n * 2, "add_one": lambda n: n + 1}) == 7
	with pytest.raises(MoveRefused):
		machine.step("b", "go", lambda guard: False)
	assert machine.step("b", "go", lambda guard: guard == "ready").next_state == "c"
	with pytest.raises(KeyError):
		machine.apply(move, 3, {"double": lambda n: n * 2})  # an effect the owner does not define
