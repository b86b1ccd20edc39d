"""Moving a card through its life: the single place where its state changes are checked and recorded."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import lifecycle, validity
from mynumber_card.core.deadlines import disposal_deadline
from mynumber_card.settings import disposal_rules


class CardTransitionError(frappe.ValidationError):
	pass


def apply_system_transition(card, next_state: str, comment: str | None = None):
	"""A move the app makes on someone's behalf (a booking, its cancellation, a passed deadline).

	It is checked against the same transition table, saved with track changes and commented, so the
	audit trail reads the same as for a move made with a workflow button."""
	card.workflow_state = next_state
	card.flags.system_transition = True
	card.save(ignore_permissions=True)
	if comment:
		card.add_comment("Workflow", comment)
	return card


def check_state_change(card):
	"""Validate the state change being saved and stamp what goes with the new state."""
	before = card.get_doc_before_save()
	old_state = before.workflow_state if before else None
	new_state = card.workflow_state or lifecycle.RECEIVED

	if card.is_new() or not old_state:
		if new_state != lifecycle.RECEIVED:
			frappe.throw(
				_("A new card starts in the state {0}.").format(frappe.bold(_(lifecycle.RECEIVED))),
				CardTransitionError,
			)
		card.workflow_state = lifecycle.RECEIVED
		card.received_date = card.received_date or today()
		return

	if old_state == new_state:
		return
	if card.flags.undo_to and card.flags.undo_to == new_state:
		return  # a clerk undid their own last scan: the card goes back where it was

	try:
		lifecycle.check_transition(
			old_state, new_state, frappe.get_roles(), system=bool(card.flags.system_transition)
		)
	except lifecycle.TransitionNotAllowed:
		frappe.throw(
			_("A card cannot move from {0} to {1}. Allowed next states: {2}").format(
				frappe.bold(_(old_state)),
				frappe.bold(_(new_state)),
				", ".join(_(s) for s in lifecycle.allowed_next_states(old_state)) or "-",
			),
			CardTransitionError,
			title=_("State change not allowed"),
		)

	check_two_staff(card, new_state)
	date_field = lifecycle.STATE_DATE_FIELDS[new_state]
	# The first date a card entered a state stays: a cancelled booking returning it to Notice Sent
	# must not restart the disposal clock. Only a booking is dated anew each time.
	if not card.get(date_field) or new_state == lifecycle.BOOKED:
		card.set(date_field, today())
	if new_state == lifecycle.BOOKED:
		card.state_before_booking = old_state
	if new_state == lifecycle.ISSUED:
		set_validity(card)


def check_two_staff(card, new_state: str):
	problem = lifecycle.check_two_staff(new_state, card.disposal_staff_1, card.disposal_staff_2)
	if problem == "two_staff_missing":
		frappe.throw(
			_("Record the two staff members who witnessed this ({0}).").format(_(new_state)),
			CardTransitionError,
		)
	if problem == "two_staff_same":
		frappe.throw(_("The two staff members must be different people."), CardTransitionError)


def set_validity(card):
	if card.birth_date and card.issued_date:
		birth, issued = getdate(card.birth_date), getdate(card.issued_date)
		card.card_expiry_date = validity.card_expiry(birth, issued)
		card.certificate_expiry_date = validity.certificate_expiry(birth, issued)


def set_disposal_deadline(card, rules=None):
	if card.workflow_state not in lifecycle.HAS_DISPOSAL_DEADLINE:
		card.disposal_deadline = None  # handed over or gone: no deadline to watch
		return
	rules = rules or disposal_rules()
	card.disposal_deadline = disposal_deadline(
		rules,
		getdate(card.notice_date) if card.notice_date else None,
		getdate(card.renotice_date) if card.renotice_date else None,
	)
