"""A foreign resident's card at the counter: the shell around core/residence.py.

- check_service: a 有効期間変更 or 特例期間 recorded on Card Service is checked, and the new expiries
  computed, before anything is written;
- apply_service: the card takes them (in the service's transaction);
- apply_validity_change: every save of the card keeps the changed expiry, after the rules of its
  発行日 (transitions.set_validity) have run.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from mynumber_card.core import residence, services, validity

CARD = "MyNumber Card"
CARD_FIELDS = (
	"birth_date",
	"card_issue_date",
	"card_expiry_date",
	"application_received_date",
	"card_kind",
	"residence_status",
	"residence_expiry_date",
	"validity_change_kind",
	"certificate_expiry_date",
	"has_signing_certificate",
	"has_user_certificate",
	"card_generation",
)
# Shown on the service as the card stood when it was recorded.
SNAPSHOT = {
	"card_kind": "card_kind",
	"residence_status": "residence_status",
	"residence_expiry_date": "residence_expiry_date",
	"current_card_expiry_date": "card_expiry_date",
}
MESSAGES = {
	residence.CARD_EXPIRED: "The card expired on {0}: its validity can no longer be changed. The holder applies for a new card (reason: Lapsed, charged).",
	residence.NO_SPACE: "Without room in the additional field the new expiry cannot be printed: apply for a new card instead (reason: Additional Field Full, free).",
	residence.WITH_RESIDENCE_CARD_KIND: "This is a residence card with the My Number card function (特定在留カード): it is renewed with the period of stay at the immigration office, not by a validity change here.",
	residence.END_OF_STAY_MISSING: "Record the end of the period of stay from the residence card.",
	residence.NOT_LATER: "The new end of stay ({1}) does not extend the card, which is valid until {0}.",
	residence.AT_CAP: "The card cannot run past the 10th birthday after its issue date (the 5th for a holder under 18 then): {2}. Apply for a new card (Renewal) instead.",
	residence.SPECIAL_PERIOD_USED: "This card was already extended for a pending application: a special period cannot be extended again. Change its validity once the new residence card is issued.",
	residence.PROOF_MISSING: "Record what shows that the application is pending: the stamp on the back of the residence card, or the online application's receipt.",
	residence.NOT_LIMITED_BY_STAY: "This card does not end with the period of stay (it is valid until {0}): there is nothing for a special period to extend.",
}


class ResidenceServiceError(frappe.ValidationError):
	pass


def _date(value):
	return getdate(value) if value else None


def card_for_rules(values) -> residence.Card:
	return residence.Card(
		birth_date=_date(values.birth_date),
		issue_date=_date(values.card_issue_date),
		expires=_date(values.card_expiry_date),
		application_date=_date(values.application_received_date),
		kind=values.card_kind or residence.MY_NUMBER_CARD,
		residence_expiry=_date(values.residence_expiry_date),
		status=values.residence_status or None,
		generation=validity.generation_for(values.card_generation),
	)


def check_service(service):
	"""Card Service validate (new records): snapshot the card's residence for the three services that
	concern it, and for a 有効期間変更 or 特例期間 compute the new expiries or refuse."""
	relevant = (*services.VALIDITY_SERVICES, services.REISSUE_APPLICATION)
	if service.service_type not in relevant:
		for field in (*SNAPSHOT, "new_residence_status", "new_residence_expiry_date"):
			service.set(field, None)
	if service.service_type not in services.VALIDITY_SERVICES:
		service.additional_field_space = service.issue_new_certificates = 0
		service.pending_proof = service.new_card_expiry_date = service.new_certificate_expiry_date = None
	if service.service_type not in relevant:
		return
	values = frappe.db.get_value(CARD, service.card, list(CARD_FIELDS), as_dict=True)
	for field, card_field in SNAPSHOT.items():
		service.set(field, values.get(card_field))
	if service.service_type == services.REISSUE_APPLICATION:
		check_reissue_residence(service, values)
		return
	if not (values.birth_date and values.card_issue_date and values.card_expiry_date):
		frappe.throw(
			_("Record the card's date of birth and issue date first: the new expiry counts from them."),
			ResidenceServiceError,
		)
	card, on = card_for_rules(values), getdate(service.service_date)
	try:
		if service.service_type == services.VALIDITY_CHANGE:
			service.pending_proof = None
			new_expiry = residence.changed_expiry(
				card,
				on,
				_date(service.new_residence_expiry_date),
				space_left=bool(service.additional_field_space),
				new_status=service.new_residence_status or None,
			)
		else:
			service.new_residence_status = service.new_residence_expiry_date = None
			service.issue_new_certificates = 0
			new_expiry = residence.special_period_expiry(
				card,
				on,
				proof=service.pending_proof,
				special_period_used=values.validity_change_kind == services.SPECIAL_PERIOD,
			)
	except residence.ResidenceRuleError as error:
		frappe.throw(
			_(MESSAGES[error.code]).format(
				frappe.format(card.expires, "Date"),
				frappe.format(service.new_residence_expiry_date, "Date"),
				frappe.format(residence.birthday_cap(card), "Date"),
			),
			ResidenceServiceError,
			title=_(service.service_type),
		)
	service.new_card_expiry_date = new_expiry
	service.new_certificate_expiry_date = None
	if service.issue_new_certificates:
		service.new_certificate_expiry_date = residence.new_certificate_expiry(
			card.birth_date, on, new_expiry, _date(values.certificate_expiry_date), card.generation
		)


def check_reissue_residence(service, values):
	"""A reissued card is made with the stay of the 在留カード shown today: a holder whose card ends with
	the stay records its end again (never copied from the old card)."""
	status = service.new_residence_status or values.residence_status or None
	if (
		values.residence_expiry_date
		and validity.residence_capped(status)
		and not service.new_residence_expiry_date
	):
		frappe.throw(
			_(
				"The old card ended with the period of stay ({0}). Record the end of stay on the residence card shown today: the new card is made with it."
			).format(frappe.format(values.residence_expiry_date, "Date")),
			ResidenceServiceError,
		)
	if service.new_residence_expiry_date and getdate(service.new_residence_expiry_date) < getdate(
		service.service_date
	):
		frappe.throw(_("The end of stay on the residence card has already passed."), ResidenceServiceError)


def apply_service(card, service):
	"""The card takes a 有効期間変更 or 特例期間 (already checked): its new expiry, and for a 有効期間変更
	the new stay and any new e-certificates. Certificates not renewed keep their expiry."""
	card.validity_changed_to = service.new_card_expiry_date
	card.validity_change_kind = service.service_type
	card.validity_changed_on = service.service_date
	card.certificate_expiry_at_change = card.certificate_expiry_date
	if service.service_type != services.VALIDITY_CHANGE:
		return
	if service.new_residence_status:
		card.residence_status = service.new_residence_status
	if service.new_residence_expiry_date:
		card.residence_expiry_date = service.new_residence_expiry_date
	if service.issue_new_certificates:
		card.certificate_expiry_before_renewal = card.certificate_expiry_date
		card.certificate_renewed_date = service.service_date
		card.certificates_declined = 0
		card.certificate_expiry_at_change = service.new_certificate_expiry_date


def apply_validity_change(card):
	"""MyNumber Card validate, after set_validity: a changed expiry replaces the one of the 発行日, and
	the e-certificates keep theirs (or run from a renewal after the change, capped by the new expiry)."""
	if not card.validity_changed_to:
		return
	changed_to = getdate(card.validity_changed_to)
	card.card_expiry_date = changed_to
	if not (card.has_signing_certificate or card.has_user_certificate):
		return
	renewed = _date(card.certificate_renewed_date)
	if renewed and card.birth_date and renewed > getdate(card.validity_changed_on):
		generation = validity.generation_for(card.card_generation)
		card.certificate_expiry_date = validity.certificate_expiry(
			getdate(card.birth_date),
			renewed,
			changed_to,
			renewed_in_window=validity.renewed_in_window(
				_date(card.get("certificate_expiry_before_renewal")), renewed, generation
			),
			generation=generation,
		)
	elif card.certificate_expiry_at_change:
		card.certificate_expiry_date = min(getdate(card.certificate_expiry_at_change), changed_to)


RENEWAL_ACTION_LABELS = {
	residence.RENEW_CARD: "Apply for a New Card",
	residence.CHANGE_VALIDITY: "Validity Change with the New Residence Card",
	residence.RENEW_AT_IMMIGRATION: "Renewed at Immigration (Specified Residence Card)",
}


def renewal_actions(names: list[str]) -> dict[str, str]:
	"""What each holder in the renewal queue must do (core/residence.renewal_action), in one query."""
	if not names:
		return {}
	rows = frappe.get_all(CARD, filters={"name": ("in", names)}, fields=["name", *CARD_FIELDS])
	return {row.name: renewal_action(row) for row in rows}


def renewal_action(values) -> str:
	if not (values.birth_date and values.card_issue_date and values.card_expiry_date):
		return residence.RENEW_CARD
	return residence.renewal_action(card_for_rules(values))
