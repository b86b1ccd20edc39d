"""Moving a card through its life: the single place where its state changes are checked and recorded."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import handover, lifecycle, reasons, statistics, validity
from mynumber_card.core.dates import age_on
from mynumber_card.core.deadlines import disposal_deadline
from mynumber_card.roles import is_manager
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
		initial = lifecycle.initial_state(card.issue_method, bool(card.registered_from_records))
		if card.workflow_state and new_state != initial:
			frappe.throw(
				_("A new card starts in the state {0}.").format(frappe.bold(_(initial))),
				CardTransitionError,
			)
		card.workflow_state = initial
		check_required_fields(card, None, initial)
		date_field = lifecycle.STATE_DATE_FIELDS[initial]
		card.set(date_field, card.get(date_field) or today())
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

	if new_state == lifecycle.PENDING_DISPOSAL and card.flags.system_transition and not card.disposal_cause:
		card.disposal_cause = reasons.DEADLINE_PASSED
	check_required_fields(card, old_state, new_state)
	check_two_staff(card, new_state)
	if lifecycle.method_problem(new_state, card.issue_method):
		frappe.throw(
			_(
				"This card is for pickup at the counter: set the issue method to {0} before mailing it."
			).format(frappe.bold(_(lifecycle.MAILED_BY_TOWN))),
			CardTransitionError,
		)
	if old_state == lifecycle.MAIL_RETURNED and new_state == lifecycle.NOTICE_SENT:
		card.issue_method = lifecycle.COUNTER  # the holder now comes for it
	if new_state == lifecycle.ISSUED and old_state in lifecycle.BEFORE_HANDOVER:
		check_handover(card, old_state)
	date_field = lifecycle.STATE_DATE_FIELDS[new_state]
	# The first date a card entered a state stays: a cancelled booking returning it to Notice Sent
	# must not restart the disposal clock. Bookings and mailings are dated anew each time.
	if not card.get(date_field) or new_state in DATED_EACH_TIME:
		card.set(date_field, today())
	if new_state == lifecycle.BOOKED:
		card.state_before_booking = old_state
	if new_state == lifecycle.MAILED:
		card.mail_count = (card.mail_count or 0) + 1


DATED_EACH_TIME = (lifecycle.BOOKED, lifecycle.MAILED, lifecycle.MAIL_RETURNED)


def check_required_fields(card, old_state: str | None, new_state: str):
	missing = lifecycle.missing_for_move(old_state, new_state, card.as_dict())
	if missing:
		labels = ", ".join(_(card.meta.get_label(field)) for field in missing)
		frappe.throw(
			_("To move the card to {0}, record: {1}").format(frappe.bold(_(new_state)), labels),
			CardTransitionError,
			title=_("Missing information"),
		)
	if (
		"disposal_hold_until" not in missing
		and old_state == lifecycle.PENDING_DISPOSAL
		and (new_state in lifecycle.AWAITING_PICKUP and getdate(card.disposal_hold_until) <= getdate(today()))
	):
		frappe.throw(_("The disposal hold must last until a day after today."), CardTransitionError)


HANDOVER_MESSAGES = {
	"unknown_receiver": "Choose who received the card: the holder, a legal representative or an authorised proxy.",
	"proxy_name_missing": "Record the name of the proxy who received the card.",
	"relationship_missing": "Record the proxy's relationship to the holder.",
	"documents_missing": "Record the kinds of identity documents the proxy showed.",
	"legal_representative_not_allowed": "A legal representative may receive the card only for a holder under 15 or under guardianship.",
	"reason_missing": "An authorised proxy may receive the card only for a stated reason (illness, disability, 75 or older, …).",
	"unknown_reason": "Choose the proxy's reason from the list.",
	"inquiry_form_missing": "An authorised proxy must bring the inquiry and answer form (照会書兼回答書) filled in by the holder.",
}


def check_handover(card, old_state: str):
	"""Who received the card: the holder, or a proxy within the rules (core/handover.py)."""
	if old_state == lifecycle.MAILED:
		card.received_by = handover.HOLDER  # 本人限定受取郵便: only the holder can take it from the post
		return
	card.received_by = card.received_by or handover.HOLDER
	birth = getdate(card.birth_date) if card.birth_date else None
	problems = handover.handover_problems(
		handover.HandOver(
			received_by=card.received_by,
			proxy_name=card.proxy_name,
			relationship=card.proxy_relationship,
			reason=card.proxy_reason,
			inquiry_form=bool(card.inquiry_form_received),
			documents=handover.parse_documents(card.identity_documents),
			override_reason=card.handover_override_reason,
		),
		holder_age=age_on(birth, getdate(today())) if birth else 99,
		under_guardianship=bool(card.holder_under_guardianship),
		is_manager=is_manager(),
	)
	if not problems:
		return
	lines = []
	for problem in problems:
		key, _sep, detail = problem.partition(":")
		if key == "unknown_document":
			lines.append(
				_("Unknown kind of identity document: {0}").format(
					frappe.bold(frappe.utils.escape_html(detail))
				)
			)
		else:
			lines.append(_(HANDOVER_MESSAGES[key]))
	frappe.throw("<br>".join(lines), CardTransitionError, title=_("The card cannot be handed over yet"))


def check_two_staff(card, new_state: str):
	problem = lifecycle.check_two_staff(
		new_state, card.disposal_staff_1, card.disposal_staff_2, card.return_reason
	)
	if problem == "two_staff_missing":
		frappe.throw(
			_("Record the two staff members who witnessed this ({0}).").format(_(new_state)),
			CardTransitionError,
		)
	if problem == "two_staff_same":
		frappe.throw(_("The two staff members must be different people."), CardTransitionError)


def return_replaced_card(card):
	"""Handing over a renewal card takes the old one back (返納, reason: renewal) in the same
	transaction. A lost card being replaced was already revoked and stays so."""
	if not card.replaces_card or not card.has_value_changed("workflow_state"):
		return
	if card.workflow_state != lifecycle.ISSUED:
		return
	old = frappe.get_doc(card.doctype, card.replaces_card, for_update=True)
	if old.workflow_state != lifecycle.ISSUED:
		return
	old.return_reason = lifecycle.RENEWAL_RETURN
	old.disposal_staff_1 = old.disposal_staff_1 or frappe.session.user
	old.workflow_state = lifecycle.RETURNED
	old.flags.system_transition = True
	old.save(ignore_permissions=True)
	old.add_comment("Workflow", _("Returned when its renewal card {0} was handed over.").format(card.name))


def set_validity(card):
	"""Expiry of the card and its certificates from the card's 発行日 (never the hand-over day).

	Until staff enter the 発行日 printed on the card, the day the town first had the card stands in
	for it, marked as estimated."""
	first_date = card.received_date or card.mailed_date
	if card.registered_from_records:
		first_date = first_date or card.issued_date  # an earlier ledger's 交付日: made a little before
	if card.card_issue_date and (card.is_new() or card.has_value_changed("card_issue_date")):
		card.card_issue_date_estimated = 0
	elif not card.card_issue_date and first_date:
		card.card_issue_date = first_date
		card.card_issue_date_estimated = 1
	if not (card.birth_date and card.card_issue_date):
		return
	birth, made = getdate(card.birth_date), getdate(card.card_issue_date)
	carried = validity.certificates_carried(
		birth, made, declined=bool(card.certificates_declined), face_auth=bool(card.face_auth_card)
	)
	result = validity.card_validity(
		birth,
		made,
		residence_expiry=getdate(card.residence_expiry_date) if card.residence_expiry_date else None,
		printed_expiry=getdate(card.printed_expiry_date) if card.printed_expiry_date else None,
		certificates=carried,
	)
	if result.printed_differs and card.has_value_changed("printed_expiry_date"):
		frappe.msgprint(
			_(
				"The expiry printed on the card ({0}) differs from the one the rules give. The printed one is kept: please check the dates of birth and issue."
			).format(frappe.format(card.printed_expiry_date, "Date")),
			indicator="orange",
			alert=True,
		)
	card.has_signing_certificate = int(carried.signing)
	card.has_user_certificate = int(carried.user)
	card.card_expiry_date = result.card
	if carried.any and card.certificate_renewed_date:
		# renewed at the counter: the 5th birthday after the renewal, never past the card
		renewed = getdate(card.certificate_renewed_date)
		card.certificate_expiry_date = validity.certificate_expiry(birth, renewed, result.card)
	elif carried.any and card.printed_certificate_expiry_date:
		# written on the card (an earlier ledger keeps it): it knows of renewals before this system
		card.certificate_expiry_date = min(getdate(card.printed_certificate_expiry_date), result.card)
	else:
		card.certificate_expiry_date = result.certificate


def set_held_until(card):
	"""The day an issued card stops being held (returned, revoked or expired), for the statistics."""
	if not card.issued_date:
		card.held_until = None
		return
	card.held_until = statistics.held_until(
		getdate(card.returned_date) if card.returned_date else None,
		getdate(card.revoked_date) if card.revoked_date else None,
		getdate(card.card_expiry_date) if card.card_expiry_date else None,
	)


def set_disposal_deadline(card, rules=None):
	if card.workflow_state not in lifecycle.HAS_DISPOSAL_DEADLINE:
		card.disposal_deadline = None  # handed over or gone: no deadline to watch
		return
	rules = rules or disposal_rules()
	card.disposal_deadline = disposal_deadline(
		rules,
		getdate(card.notice_date) if card.notice_date else None,
		getdate(card.renotice_date) if card.renotice_date else None,
		getdate(card.disposal_hold_until) if card.disposal_hold_until else None,
	)
