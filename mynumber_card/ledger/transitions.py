"""Moving a card through its life: the single place where its state changes are checked and recorded."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import handover, lifecycle, reasons, resident_events, statistics, validity
from mynumber_card.core.dates import age_on
from mynumber_card.core.deadlines import application_counted_from, disposal_deadline
from mynumber_card.ledger import handover_messages
from mynumber_card.roles import is_manager
from mynumber_card.settings import disposal_rules, values


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
		check_holder_resident(card)
		check_still_valid(card)
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
		and (new_state in lifecycle.AWAITING_PICKUP and getdate(card.disposal_hold_until) <= getdate())
	):
		frappe.throw(_("The disposal hold must last until a day after today."), CardTransitionError)


# The card's field for each thing core/handover.py checks at the hand-over.
HANDOVER_FIELDS = {
	"received_by": "received_by",
	"proxy_name": "proxy_name",
	"relationship": "proxy_relationship",
	"holder_present": "holder_present",
	"reason": "proxy_reason",
	"proxy_standing": "proxy_standing",
	"authority_proof": "authority_proof",
	"hardship_proof": "hardship_proof",
	"inquiry_form": "inquiry_form_received",
	"letter_of_attorney": "letter_of_attorney_received",
	"holder_documents": "holder_identity_documents",
	"proxy_documents": "proxy_identity_documents",
	"exception_reason": "handover_override_reason",
}


def check_handover(card, old_state: str):
	"""Who received the card: the holder, or a proxy within the rules (core/handover.py). Refused, the
	card is not saved; allowed, only what belongs to the way it was received stays recorded."""
	if old_state == lifecycle.MAILED:
		card.received_by = handover.HOLDER  # 本人限定受取郵便: only the holder can take it from the post
		return
	card.received_by = card.received_by or handover.HOLDER
	for attribute in handover.not_recorded(card.received_by, card.proxy_reason):
		card.set(HANDOVER_FIELDS[attribute], None)
	if card.proxy_reason == handover.ADULT_WARD:
		card.holder_under_guardianship = 1  # shown by the registry certificate the guardian brought
	holder_documents = handover_messages.documents_from(card.holder_identity_documents)
	proxy_documents = handover_messages.documents_from(card.proxy_identity_documents)
	card.holder_identity_documents = handover_messages.stored(holder_documents)
	card.proxy_identity_documents = handover_messages.stored(proxy_documents)
	birth = getdate(card.birth_date) if card.birth_date else None
	problems = handover.handover_problems(
		handover.HandOver(
			received_by=card.received_by,
			proxy_name=card.proxy_name,
			relationship=card.proxy_relationship,
			holder_present=bool(card.holder_present),
			reason=card.proxy_reason,
			proxy_standing=card.proxy_standing,
			authority_proof=card.authority_proof,
			hardship_proof=card.hardship_proof,
			inquiry_form=bool(card.inquiry_form_received),
			letter_of_attorney=bool(card.letter_of_attorney_received),
			holder_documents=holder_documents,
			proxy_documents=proxy_documents,
			exception_reason=card.handover_override_reason,
		),
		holder_age=age_on(birth, getdate()) if birth else 99,
		under_guardianship=bool(card.holder_under_guardianship),
		is_manager=is_manager(),
	)
	if problems:
		frappe.throw(
			"<br>".join(handover_messages.problem_lines(problems)),
			CardTransitionError,
			title=_("The card cannot be handed over yet"),
		)


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
	"""Expiry of the card and its certificates from the card's 発行日 (never the hand-over day), by the
	rules of the card's generation (core/validity.py). Runs on every save, so a changed 申請受付日,
	status or generation recomputes the dates.

	Until staff enter the 発行日 printed on the card, the day the town first had the card stands in
	for it, marked as estimated. Until the 申請受付日 is known, the 発行日 stands in for it too."""
	first_date = card.received_date or card.mailed_date
	if card.registered_from_records:
		first_date = first_date or card.issued_date  # an earlier ledger's 交付日: made a little before
	if card.card_issue_date and (card.is_new() or card.has_value_changed("card_issue_date")):
		card.card_issue_date_estimated = 0
	elif not card.card_issue_date and first_date:
		card.card_issue_date = first_date
		card.card_issue_date_estimated = 1
	if not card.card_generation:
		# a new card from J-LIS follows the town's setting; a card stored before generations were kept,
		# or one an earlier ledger brings in (made before this system), is current
		arriving = card.is_new() and not card.registered_from_records
		card.card_generation = new_card_generation() if arriving else validity.CURRENT.code
	if not (card.birth_date and card.card_issue_date):
		return
	generation = validity.generation_for(card.card_generation)
	birth, made = getdate(card.birth_date), getdate(card.card_issue_date)
	carried = validity.certificates_carried(
		birth,
		made,
		declined=bool(card.certificates_declined),
		face_auth=bool(card.face_auth_card),
		under_guardianship=bool(card.holder_under_guardianship),
		generation=generation,
	)
	result = validity.card_validity(
		birth,
		made,
		stay=validity.Stay(
			getdate(card.residence_expiry_date) if card.residence_expiry_date else None,
			card.residence_status or None,
		),
		printed_expiry=getdate(card.printed_expiry_date) if card.printed_expiry_date else None,
		certificates=carried,
		application_date=getdate(card.application_received_date) if card.application_received_date else None,
		generation=generation,
	)
	if result.printed_differs and card.has_value_changed("printed_expiry_date"):
		frappe.msgprint(
			_(
				"The expiry printed on the card ({0}) differs from the one the rules give. The printed one is kept: please check the dates of birth and issue."
			).format(frappe.format(card.printed_expiry_date, "Date")),
			indicator="orange",
			alert=True,
		)
	if (
		result.threshold_uncertain
		and not card.printed_expiry_date
		and (card.has_value_changed("card_issue_date") or card.has_value_changed("birth_date"))
	):
		frappe.msgprint(
			_(
				"The Application Received Date is not recorded. For a holder of 18 or 19 on the issue date it decides whether the card runs to the 5th or the 10th birthday (20 was the age of majority for applications J-LIS received before 2022-04-01). The issue date stands in for it: enter the Application Received Date or the expiry printed on the card."
			),
			indicator="orange",
			alert=True,
		)
	card.has_signing_certificate = int(carried.signing)
	card.has_user_certificate = int(carried.user)
	card.card_expiry_date = result.card
	if carried.any and card.certificate_renewed_date:
		# renewed at the counter: the 5th birthday after the renewal (the 6th when the old certificate
		# had fewer than 3 months left: J-LIS, 東村山市, 宇治市), never past the card
		renewed = getdate(card.certificate_renewed_date)
		previous = card.certificate_expiry_before_renewal
		card.certificate_expiry_date = validity.certificate_expiry(
			birth,
			renewed,
			result.card,
			renewed_in_window=validity.renewed_in_window(
				getdate(previous) if previous else None, renewed, generation
			),
			generation=generation,
		)
	elif carried.any and card.printed_certificate_expiry_date:
		# written on the card (an earlier ledger keeps it): it knows of renewals before this system
		card.certificate_expiry_date = min(getdate(card.printed_certificate_expiry_date), result.card)
	else:
		card.certificate_expiry_date = result.certificate


def new_card_generation() -> str:
	"""The generation new cards start with (MyNumber Card Settings)."""
	return values("new_card_generation").new_card_generation or validity.CURRENT.code


def set_held_until(card):
	"""The day an issued card stops being held (returned, revoked, expired, or its holder died or left
	the town's resident register), for the statistics."""
	if not card.issued_date:
		card.held_until = None
		return
	card.held_until = statistics.held_until(
		getdate(card.returned_date) if card.returned_date else None,
		getdate(card.revoked_date) if card.revoked_date else None,
		getdate(card.card_expiry_date) if card.card_expiry_date else None,
		left=getdate(card.holder_left_date) if card.holder_left_date else None,
	)


LEFT_MESSAGES = {
	"left_incomplete": "Record both the date and the reason of the resident record change, or neither.",
	"left_unknown_reason": "Choose the reason of the resident record change from the list.",
	"event_before_birth": "The date of the resident record change is before the date of birth.",
	"left_before_issued": "The card was handed over after this resident record change: it cannot end the card's holding before the hand-over. Check the date (the holder may have moved back).",
}


def check_holder_left(card):
	"""The resident record change on the card (died, moved out …; core/resident_events.py) is whole
	and possible. Checked when it changes, so earlier records stay as they are."""
	if not (
		card.is_new()
		or card.has_value_changed("holder_left_date")
		or card.has_value_changed("holder_left_reason")
	):
		return
	problem = resident_events.left_problem(
		getdate(card.holder_left_date) if card.holder_left_date else None,
		card.holder_left_reason or None,
		getdate(card.birth_date) if card.birth_date else None,
		getdate(card.issued_date) if card.issued_date else None,
	)
	if problem:
		frappe.throw(_(LEFT_MESSAGES[problem]), CardTransitionError, title=_("Resident Record Change"))


def check_holder_resident(card):
	"""A card whose holder died or left the town's resident register cannot be handed over: it waits
	for disposal instead (cause: holder died / moved away)."""
	left = getdate(card.holder_left_date) if card.holder_left_date else None
	if not resident_events.no_longer_resident(left, getdate()):
		return
	frappe.throw(
		_(
			"The resident record shows {0} on {1}: this card cannot be handed over. Mark it for disposal (cause: {2})."
		).format(
			frappe.bold(_(card.holder_left_reason)),
			frappe.bold(frappe.format(card.holder_left_date, "Date")),
			_(resident_events.DISPOSAL_CAUSE.get(card.holder_left_reason, "Other")),
		),
		CardTransitionError,
		title=_("The holder is no longer a resident"),
	)


def check_still_valid(card):
	"""A card past its expiry cannot be handed over (対馬市 「有効期限を過ぎたカードをお渡しすることは
	できない」): it waits for disposal (cause: validity ended). An expiry worked out from an estimated
	発行日 only warns: the date printed on the card decides."""
	expires = getdate(card.card_expiry_date) if card.card_expiry_date else None
	if not validity.expired(expires, getdate()):
		return
	message = _("This card expired on {0}.").format(frappe.bold(frappe.format(card.card_expiry_date, "Date")))
	if card.card_issue_date_estimated:
		frappe.msgprint(
			message
			+ " "
			+ _("The issue date on the card was not entered: check the expiry printed on the card."),
			indicator="orange",
			alert=True,
		)
		return
	frappe.throw(
		message
		+ " "
		+ _("An expired card cannot be handed over: mark it for disposal (cause: {0}).").format(
			_(reasons.VALIDITY_ENDED)
		),
		CardTransitionError,
		title=_("The card has expired"),
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
		application_counted_from(
			getdate(card.application_received_date) if card.get("application_received_date") else None,
			getdate(card.received_date) if card.received_date else None,
		),
	)
