"""The life of a booking. Shipped as the Frappe Workflow "Card Booking Flow" (fixtures); a static
test keeps the two equal."""

from mynumber_card.core.roles import APP_ROLES
from mynumber_card.core.state_machine import Machine, Move

CONFIRMED = "Confirmed"
CHECKED_IN = "Checked In"
COMPLETED = "Completed"
CANCELLED = "Cancelled"
NO_SHOW = "No-show"

# Every state, in the order of a booking's life, with its Japanese name (ja.csv says the same).
STATE_LABELS_JA = {
	CONFIRMED: "予約確定",
	CHECKED_IN: "受付済",
	COMPLETED: "完了",
	CANCELLED: "取消",
	NO_SHOW: "来庁なし",
}
STATES = tuple(STATE_LABELS_JA)
ACTIVE = (CONFIRMED, CHECKED_IN)
# Leaving for these frees the place in the slot and gives a pickup card back to the ledger.
RELEASING = (CANCELLED, NO_SHOW)

# (state, action) → next state; every staff role may take each of them.
MOVES = (
	Move(CONFIRMED, "Check In", CHECKED_IN),
	Move(CHECKED_IN, "Complete", COMPLETED),
	Move(CHECKED_IN, "Undo Check-in", CONFIRMED),
	Move(CONFIRMED, "Cancel Booking", CANCELLED),
	Move(CONFIRMED, "Mark No-show", NO_SHOW),
)
MACHINE = Machine(MOVES)


def workflow_rows() -> list[tuple[str, str, str, str]]:
	return sorted((m.state, m.action, m.next_state, role) for m in MOVES for role in APP_ROLES)


def can_move(state: str, next_state: str) -> bool:
	return MACHINE.can_move(state, next_state)


def actions() -> set[str]:
	return set(MACHINE.actions())
