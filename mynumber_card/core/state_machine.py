"""The one shape of the app's three state machines (a card's lifecycle, a booking, a queue ticket): a
table of moves, (state, action) → (next state, effects), read by one small engine.

A move may carry a guard (`when`): of two moves for one state and action, the one whose guard holds
applies (a recall past the town's limit ends in 不在, said by the table, not patched in by code). An
action the table does not have for a state is refused, never defaulted."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Move:
	state: str
	action: str
	next_state: str
	roles: tuple[str, ...] = ()  # who may take it (the lifecycle's Workflow); empty: every staff role
	condition: str | None = None  # the Frappe Workflow's condition between twin moves
	effects: tuple[str, ...] = ()  # named steps the owner applies, in order
	when: str | None = None  # a named guard that must hold for this move to apply


class MoveRefused(ValueError):
	"""No move in the table for this state and action (or none whose guard holds)."""

	def __init__(self, state: str, action: str):
		super().__init__(f"{state} {action}")
		self.state, self.action = state, action


class Machine:
	def __init__(self, moves: Iterable[Move]):
		self.moves = tuple(moves)
		self._by_key: dict[tuple[str, str], list[Move]] = {}
		for move in self.moves:
			self._by_key.setdefault((move.state, move.action), []).append(move)

	def step(self, state: str, action: str, holds: Callable[[str], bool] = lambda _guard: True) -> Move:
		"""The move the action makes from the state: the first whose guard holds; MoveRefused if none."""
		for move in self._by_key.get((state, action), ()):
			if move.when is None or holds(move.when):
				return move
		raise MoveRefused(state, action)

	def apply(self, move: Move, subject, effects: Mapping[str, Callable]):
		"""The subject after the move's effects, each a function of the subject returning the new one.
		An effect the owner does not define is an error in the table, raised at once."""
		for name in move.effects:
			subject = effects[name](subject)
		return subject

	def find(self, state: str, next_state: str) -> Move | None:
		"""The first move from one state to the other (the Workflow's view: states, not actions)."""
		return next((m for m in self.moves if m.state == state and m.next_state == next_state), None)

	def can_move(self, state: str, next_state: str) -> bool:
		return self.find(state, next_state) is not None

	def next_states(self, state: str) -> list[str]:
		return [m.next_state for m in self.moves if m.state == state]

	def actions(self) -> tuple[str, ...]:
		return tuple(dict.fromkeys(m.action for m in self.moves))

	def states(self) -> tuple[str, ...]:
		return tuple(dict.fromkeys(s for m in self.moves for s in (m.state, m.next_state)))
