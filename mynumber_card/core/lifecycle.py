"""The card's life: states and the one transition table that staff actions and the system share.

Human transitions are also shipped as the Frappe Workflow "MyNumber Card Lifecycle" (fixtures); a
static test keeps the two equal. System transitions (a booking, its cancellation, disposal deadlines)
are made by the app itself on behalf of whoever triggered them, under the same table.
"""

from mynumber_card.core.roles import CLERK, MANAGER
from mynumber_card.core.state_machine import Machine, Move

RECEIVED = "Received"
PREPARED = "Prepared"
NOTICE_SENT = "Notice Sent"
BOOKED = "Booked"
ISSUED = "Issued"
RENOTICE_SENT = "Re-notice Sent"
PENDING_DISPOSAL = "Pending Disposal"
DISPOSED = "Disposed"
RETURNED = "Returned"
# Cards that never cross the counter: mailed by the town (申請時来庁方式) or by J-LIS (特急発行).
MAILED = "Mailed"
MAIL_RETURNED = "Returned by Post"
# A reported loss: suspended (一時停止), then found (解除) or revoked (廃止).
SUSPENDED = "Suspended"
REVOKED = "Revoked"

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
	MAILED,
	MAIL_RETURNED,
	SUSPENDED,
	REVOKED,
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
	MAILED: "郵送済",
	MAIL_RETURNED: "郵便返戻",
	SUSPENDED: "一時停止中",
	REVOKED: "廃止",
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
	MAILED: "mailed_date",
	MAIL_RETURNED: "mail_returned_date",
	SUSPENDED: "suspended_date",
	REVOKED: "revoked_date",
}
# Cards waiting for their holder: a pickup booking may link to them.
AWAITING_PICKUP = (NOTICE_SENT, RENOTICE_SENT)
# The town still holds the card, or it is in the post: not yet with its holder.
BEFORE_HANDOVER = (
	RECEIVED,
	PREPARED,
	NOTICE_SENT,
	BOOKED,
	RENOTICE_SENT,
	PENDING_DISPOSAL,
	MAILED,
	MAIL_RETURNED,
)
# The holder has the card (a suspended card is still theirs): what 保有枚数 counts.
HELD = (ISSUED, SUSPENDED)
# The list view's bulk changes: the state, and the words of its menu item.
BULK_MOVES = (
	(PREPARED, "Mark Prepared"),
	(NOTICE_SENT, "Mark Notice Sent"),
	(MAILED, "Mark Mailed"),
	(MAIL_RETURNED, "Mark Returned by Post"),
)
# States in which the disposal deadline matters.
HAS_DISPOSAL_DEADLINE = (*AWAITING_PICKUP, BOOKED, PENDING_DISPOSAL)
# Leaving for these states needs two different staff members recorded on the card.
TWO_STAFF_STATES = (DISPOSED, RETURNED)

# How the card reaches its holder.
COUNTER = "Counter"  # 窓口交付
MAILED_BY_TOWN = "Mailed by Town"  # 申請時来庁方式
EXPRESS = "Express by J-LIS"  # 特急発行 (since 2024-12)
ISSUE_METHODS = (COUNTER, MAILED_BY_TOWN, EXPRESS)

SYSTEM = "System"  # the app itself, not a role anyone holds


# A lifecycle move: the engine's Move, with the roles that may take it and, for the Workflow, the
# condition that picks between two moves that share an action.
Transition = Move


def is_system(transition: Move) -> bool:
	return SYSTEM in transition.roles


BOTH = (CLERK, MANAGER)

TRANSITIONS = (
	Transition(RECEIVED, "Mark Prepared", PREPARED, BOTH),
	Transition(PREPARED, "Send Notice", NOTICE_SENT, BOTH),
	# 申請時来庁方式: identity was checked at the application, the town mails the card (本人限定受取郵便).
	Transition(PREPARED, "Mail Card", MAILED, BOTH),
	Transition(MAILED, "Record Delivery", ISSUED, BOTH),
	Transition(MAILED, "Record Returned Mail", MAIL_RETURNED, BOTH),
	Transition(MAIL_RETURNED, "Mail Again", MAILED, BOTH),
	Transition(MAIL_RETURNED, "Switch to Counter Pickup", NOTICE_SENT, BOTH),
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
	# Every disposal is the manager's call: a passed deadline, or before it a defective card, a holder
	# who died, moved away or declined, a card whose validity ended (the cause is recorded).
	Transition(RECEIVED, "Mark Pending Disposal", PENDING_DISPOSAL, (MANAGER,)),
	Transition(PREPARED, "Mark Pending Disposal", PENDING_DISPOSAL, (MANAGER,)),
	Transition(NOTICE_SENT, "Mark Pending Disposal", PENDING_DISPOSAL, (MANAGER, SYSTEM)),
	Transition(RENOTICE_SENT, "Mark Pending Disposal", PENDING_DISPOSAL, (MANAGER, SYSTEM)),
	Transition(MAIL_RETURNED, "Mark Pending Disposal", PENDING_DISPOSAL, (MANAGER,)),
	Transition(PENDING_DISPOSAL, "Approve Disposal", DISPOSED, (MANAGER,)),
	# 廃棄保留: the holder asked for more time; the card waits for them again until the hold date.
	Transition(PENDING_DISPOSAL, "Hold Disposal", NOTICE_SENT, (MANAGER,), "not doc.renotice_date"),
	Transition(PENDING_DISPOSAL, "Hold Disposal", RENOTICE_SENT, (MANAGER,), "doc.renotice_date"),
	Transition(ISSUED, "Record Return", RETURNED, BOTH),
	# Loss: 一時停止, then 解除 when found, or 廃止 (also for a damaged card) before a 再交付.
	Transition(ISSUED, "Report Loss", SUSPENDED, BOTH),
	Transition(SUSPENDED, "Lift Suspension", ISSUED, BOTH),
	Transition(SUSPENDED, "Revoke", REVOKED, BOTH),
	Transition(ISSUED, "Revoke", REVOKED, BOTH),
)


class TransitionNotAllowed(ValueError):
	"""The move is not in the table, or not for these roles."""


MACHINE = Machine(TRANSITIONS)


def find_transition(state: str, next_state: str) -> Transition | None:
	return MACHINE.find(state, next_state)


def check_transition(state: str, next_state: str, roles, system: bool = False) -> Transition:
	"""The transition from state to next_state for these roles; raises TransitionNotAllowed."""
	transition = find_transition(state, next_state)
	if transition is None:
		raise TransitionNotAllowed(f"{state} -> {next_state}")
	allowed = set(transition.roles)
	if not (system and is_system(transition)) and not allowed.intersection(roles):
		raise TransitionNotAllowed(f"{state} -> {next_state}")
	return transition


def allowed_next_states(state: str) -> list[str]:
	return MACHINE.next_states(state)


def human_transitions() -> list[tuple[str, str, str, str, str]]:
	"""(state, action, next_state, role, condition) rows, as the Frappe Workflow must list them."""
	return sorted(
		(t.state, t.action, t.next_state, role, t.condition or "")
		for t in TRANSITIONS
		for role in t.roles
		if role != SYSTEM
	)


def human_actions() -> set[str]:
	return {t.action for t in TRANSITIONS if any(role != SYSTEM for role in t.roles)}


def initial_state(issue_method: str | None, from_records: bool = False) -> str:
	"""A card J-LIS mails straight to its holder (特急発行) enters the ledger as mailed; one the town
	handed over before this system (imported from its earlier ledger) enters as issued."""
	if from_records:
		return ISSUED
	return MAILED if issue_method == EXPRESS else RECEIVED


def state_after_cancelled_booking(state_before_booking: str | None, renotice_date) -> str:
	"""A cancelled pickup booking returns the card to where it was before the booking."""
	if state_before_booking in AWAITING_PICKUP:
		return state_before_booking
	return RENOTICE_SENT if renotice_date else NOTICE_SENT


# What a card must record when it enters a state (the field that holds the cause or the channel).
REQUIRED_ON_ENTRY = {
	PENDING_DISPOSAL: "disposal_cause",
	RETURNED: "return_reason",
	SUSPENDED: "loss_reported_via",
	REVOKED: "revoke_reason",
}


# What staff fill in when they press an action on the card (the card's own fields, in dialog order).
ACTION_FIELDS = {
	"Issue": (
		"card_issue_date",
		"printed_expiry_date",
		"received_by",
		"proxy_name",
		"proxy_relationship",
		"holder_under_guardianship",
		"holder_present",
		"proxy_reason",
		"proxy_standing",
		"authority_proof",
		"hardship_proof",
		"handover_override_reason",
		"inquiry_form_received",
		"letter_of_attorney_received",
		"holder_identity_documents",
		"proxy_identity_documents",
	),
	"Mail Card": ("mail_tracking_number",),
	"Mail Again": ("mail_tracking_number",),
	"Mark Pending Disposal": ("disposal_cause", "disposal_reason"),
	"Hold Disposal": ("disposal_hold_until", "disposal_hold_reason"),
	"Approve Disposal": ("disposal_staff_1", "disposal_staff_2", "disposal_reason"),
	"Record Return": ("return_reason", "disposal_staff_1", "disposal_staff_2", "disposal_reason"),
	"Report Loss": ("loss_reported_via", "police_report_number"),
	"Revoke": ("revoke_reason",),
}


def missing_for_move(state: str | None, next_state: str, values: dict) -> list[str]:
	"""Field names the move from state to next_state still needs filled on the card."""
	required = []
	if state is None and next_state == MAILED:
		required.append("express_reason")  # a card J-LIS mailed at once: why it was made that way
	if next_state in REQUIRED_ON_ENTRY:
		required.append(REQUIRED_ON_ENTRY[next_state])
	if state == PENDING_DISPOSAL and next_state in AWAITING_PICKUP:
		required.append("disposal_hold_until")
	return [field for field in required if not values.get(field)]


def method_problem(next_state: str, issue_method: str | None) -> str | None:
	"""Only a card the town mails (申請時来庁方式) or J-LIS mailed can be in the post."""
	if next_state == MAILED and (issue_method or COUNTER) == COUNTER:
		return "counter_card_not_mailed"
	return None


RENEWAL_RETURN = "Renewal"


def check_two_staff(
	next_state: str, staff_1: str | None, staff_2: str | None, return_reason: str | None = None
) -> str | None:
	"""A message key when a disposal or return lacks two different staff, else None. The old card
	handed back when its renewal card is handed over is recorded by the clerk at that counter."""
	if next_state not in TWO_STAFF_STATES:
		return None
	if next_state == RETURNED and return_reason == RENEWAL_RETURN:
		return None
	if not staff_1 or not staff_2:
		return "two_staff_missing"
	if staff_1 == staff_2:
		return "two_staff_same"
	return None
