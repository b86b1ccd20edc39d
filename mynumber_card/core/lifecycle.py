"""The card's life: states and the one transition table that staff actions and the system share.

Human transitions are also shipped as the Frappe Workflow "MyNumber Card Lifecycle" (fixtures); a
static test keeps the two equal. System transitions (a booking, its cancellation, disposal deadlines)
are made by the app itself on behalf of whoever triggered them, under the same table.
"""

from dataclasses import dataclass

RECEIVED = "Received"
PREPARED = "Prepared"
NOTICE_SENT = "Notice Sent"
BOOKED = "Booked"
ISSUED = "Issued"
RENOTICE_SENT = "Re-notice Sent"
PENDING_DISPOSAL = "Pending Disposal"
DISPOSED = "Disposed"
RETURNED = "Returned"

STATES = (
	RECEIVED,
	PREPARED,
	NOTICE_SENT,
	BOOKED,
	ISSUED,
	RENOTICE_SENT,
	PENDING_DISPOSAL,
	DISPOSED,
	RETURNED,
)
STATE_LABELS_JA = {
	RECEIVED: "受領",
	PREPARED: "交付前設定済",
	NOTICE_SENT: "通知済",
	BOOKED: "予約済",
	ISSUED: "交付済",
	RENOTICE_SENT: "再通知済",
	PENDING_DISPOSAL: "廃棄待ち",
	DISPOSED: "廃棄済",
	RETURNED: "返納済",
}
# The date field on the card that records when it entered each state.
STATE_DATE_FIELDS = {
	RECEIVED: "received_date",
	PREPARED: "prepared_date",
	NOTICE_SENT: "notice_date",
	BOOKED: "booked_date",
	ISSUED: "issued_date",
	RENOTICE_SENT: "renotice_date",
	PENDING_DISPOSAL: "pending_disposal_date",
	DISPOSED: "disposed_date",
	RETURNED: "returned_date",
}
# Cards waiting for their holder: a pickup booking may link to them.
AWAITING_PICKUP = (NOTICE_SENT, RENOTICE_SENT)
FINAL_STATES = (ISSUED, DISPOSED, RETURNED)
# States in which the disposal deadline matters.
HAS_DISPOSAL_DEADLINE = (*AWAITING_PICKUP, BOOKED, PENDING_DISPOSAL)
# Leaving for these states needs two different staff members recorded on the card.
TWO_STAFF_STATES = (DISPOSED, RETURNED)

CLERK = "Card Clerk"
MANAGER = "Card Manager"
SYSTEM = "System"


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	roles: tuple[str, ...]

	@property
	def is_system(self) -> bool:
		return SYSTEM in self.roles


BOTH = (CLERK, MANAGER)

TRANSITIONS = (
	Transition(RECEIVED, "Mark Prepared", PREPARED, BOTH),
	Transition(PREPARED, "Send Notice", NOTICE_SENT, BOTH),
	Transition(NOTICE_SENT, "Send Re-notice", RENOTICE_SENT, BOTH),
	Transition(NOTICE_SENT, "Book", BOOKED, (SYSTEM,)),
	Transition(RENOTICE_SENT, "Book", BOOKED, (SYSTEM,)),
	Transition(BOOKED, "Cancel Booking", NOTICE_SENT, (SYSTEM,)),
	Transition(BOOKED, "Cancel Booking", RENOTICE_SENT, (SYSTEM,)),
	Transition(BOOKED, "Issue", ISSUED, BOTH),
	# A walk-in without a checked-in booking, or a late holder: only on a manager's decision.
	Transition(NOTICE_SENT, "Issue", ISSUED, (MANAGER,)),
	Transition(RENOTICE_SENT, "Issue", ISSUED, (MANAGER,)),
	Transition(PENDING_DISPOSAL, "Issue", ISSUED, (MANAGER,)),
	Transition(NOTICE_SENT, "Mark Pending Disposal", PENDING_DISPOSAL, (MANAGER, SYSTEM)),
	Transition(RENOTICE_SENT, "Mark Pending Disposal", PENDING_DISPOSAL, (MANAGER, SYSTEM)),
	Transition(PENDING_DISPOSAL, "Approve Disposal", DISPOSED, (MANAGER,)),
	Transition(ISSUED, "Record Return", RETURNED, BOTH),
)


class TransitionNotAllowed(ValueError):
	"""The move is not in the table, or not for these roles."""


def find_transition(state: str, next_state: str) -> Transition | None:
	for transition in TRANSITIONS:
		if transition.state == state and transition.next_state == next_state:
			return transition
	return None


def check_transition(state: str, next_state: str, roles, system: bool = False) -> Transition:
	"""The transition from state to next_state for these roles; raises TransitionNotAllowed."""
	transition = find_transition(state, next_state)
	if transition is None:
		raise TransitionNotAllowed(f"{state} -> {next_state}")
	allowed = set(transition.roles)
	if not (system and transition.is_system) and not allowed.intersection(roles):
		raise TransitionNotAllowed(f"{state} -> {next_state}")
	return transition


def allowed_next_states(state: str) -> list[str]:
	return [t.next_state for t in TRANSITIONS if t.state == state]


def human_transitions() -> list[tuple[str, str, str, str]]:
	"""(state, action, next_state, role) rows, as the Frappe Workflow must list them."""
	return sorted(
		(t.state, t.action, t.next_state, role) for t in TRANSITIONS for role in t.roles if role != SYSTEM
	)


def human_actions() -> set[str]:
	return {t.action for t in TRANSITIONS if any(role != SYSTEM for role in t.roles)}


def state_after_cancelled_booking(state_before_booking: str | None, renotice_date) -> str:
	"""A cancelled pickup booking returns the card to where it was before the booking."""
	if state_before_booking in AWAITING_PICKUP:
		return state_before_booking
	return RENOTICE_SENT if renotice_date else NOTICE_SENT


def check_two_staff(next_state: str, staff_1: str | None, staff_2: str | None) -> str | None:
	"""A message key when a disposal or return lacks two different staff, else None."""
	if next_state not in TWO_STAFF_STATES:
		return None
	if not staff_1 or not staff_2:
		return "two_staff_missing"
	if staff_1 == staff_2:
		return "two_staff_same"
	return None
