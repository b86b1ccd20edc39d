"""What a counter service (Card Service, 窓口手続) does to the card: the shell around core/services.py.

Every move goes through the card's own save, so it is checked against the lifecycle table, dated
and recorded as a Version by the clerk who recorded the service."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form, getdate

from mynumber_card.core import fees, lifecycle, services, validity
from mynumber_card.core.service_effects import HOLDER_FIELDS, REASON_FIELDS, RESIDENCE_FIELDS
from mynumber_card.ledger import residence
from mynumber_card.utils.rows import first_row

CARD = "MyNumber Card"


def apply_to_card(service):
	"""Apply a newly recorded service to its card, in the service's transaction; a service waiting for
	the proxy's second visit reaches the card when that visit is recorded."""
	if service.status == services.WAITING_FOR_SECOND_VISIT:
		return
	card = frappe.get_doc(CARD, service.card, for_update=True)
	changed = False
	next_state = services.state_after(service.service_type, card.workflow_state, service.revoke_reason)
	if next_state:
		for field in REASON_FIELDS.get(service.service_type, ()):
			card.set(field, service.get(field))
		if service.service_type == services.CARD_RETURN:
			card.disposal_staff_1, card.disposal_staff_2 = service.staff, service.second_staff
		card.workflow_state = next_state
		changed = True
	if service.service_type == services.CERTIFICATE_RENEWAL:
		# the old expiry decides the new one: renewed within its last 3 months, the 6th birthday
		card.certificate_expiry_before_renewal = card.certificate_expiry_date
		card.certificate_renewed_date = service.second_visit_date or service.service_date
		card.certificates_declined = 0
		changed = True
	elif service.service_type == services.CERTIFICATE_REVOCATION:
		card.certificates_declined = 1
		changed = True
	elif service.service_type in services.VALIDITY_SERVICES:
		residence.apply_service(card, service)
		changed = True
	if changed:
		card.save()
		card.add_comment(
			"Info",
			_("Counter service {0}: {1}").format(
				get_link_to_form(service.doctype, service.name), _(service.service_type)
			),
		)
	if service.service_type == services.REISSUE_APPLICATION and fees.keeps_old_card(service.revoke_reason):
		card.add_comment(
			"Info",
			_(
				"Renewal applied for ({0}): this card stays valid until it is exchanged for the new one at the counter."
			).format(get_link_to_form(service.doctype, service.name)),
		)
	if (
		service.service_type == services.REISSUE_APPLICATION
		and service.express
		and service.new_application_id
	):
		new_card = make_express_card(card, service)
		service.db_set("new_card", new_card.name)


def make_express_card(old_card, service):
	"""The new card J-LIS makes at once and mails to the holder (特急発行): it enters as Mailed."""
	new_card = frappe.get_doc(
		{
			"doctype": CARD,
			"application_id": service.new_application_id,
			"issue_method": lifecycle.EXPRESS,
			"express_reason": fees.express_reason_for(service.revoke_reason),
			"application_fee": service.fee,
			"certificates_declined": 0 if service.with_certificates else 1,
			"replaces_card": old_card.name,
			**{field: old_card.get(field) for field in HOLDER_FIELDS},
			**residence_at_application(old_card, service),
		}
	)
	new_card.insert()  # an express card enters as Mailed (lifecycle.initial_state)
	new_card.add_comment(
		"Info",
		_("Express reissue applied for at the counter: {0}").format(
			get_link_to_form(service.doctype, service.name)
		),
	)
	return new_card


def residence_at_application(old_card, service) -> dict:
	"""The new card is made with the stay the 在留カード showed at the reissue (対馬市 「申請時の在留期間で
	マイナンバーカードは作成される」), never the old card's end of stay; an unchanged status carries over."""
	values = {card_field: service.get(field) for field, card_field in RESIDENCE_FIELDS.items()}
	values["residence_status"] = values["residence_status"] or old_card.get("residence_status")
	return values


def take_from_reissue(card):
	"""MyNumber Card before_insert: a card that J-LIS delivers for a reissue recorded here replaces the
	old card and takes the residence entered at the reissue."""
	reissue = card.flags.reissue
	if not reissue:
		return
	card.replaces_card = card.replaces_card or reissue.card
	service = frappe.get_doc("Card Service", reissue.name)
	old_card = frappe._dict(residence_status=frappe.db.get_value(CARD, reissue.card, "residence_status"))
	for field, value in residence_at_application(old_card, service).items():
		if value and not card.get(field):
			card.set(field, value)


def renewal_due(card_expiry_date, on, generation_code: str | None = None) -> bool:
	"""Fewer than three months to the card's expiry (the generation's window), or expired: a free
	renewal may be applied for."""
	if not card_expiry_date:
		return False
	generation = validity.generation_for(generation_code)
	return (
		validity.renewal_kind(getdate(card_expiry_date), None, getdate(on), generation=generation) is not None
	)


def link_replaced_card(card, method=None):
	"""MyNumberCard.on_update: a new card's `replaces_card` marks the old card `replaced_by_card`,
	whether it is set at the reissue, at intake or later."""
	if not card.has_value_changed("replaces_card"):
		return
	before = card.get_doc_before_save()
	previous = before.replaces_card if before else None
	if previous and frappe.db.get_value(CARD, previous, "replaced_by_card") == card.name:
		frappe.db.set_value(CARD, previous, "replaced_by_card", None)
	if not card.replaces_card:
		return
	if card.replaces_card == card.name:
		frappe.throw(_("A card cannot replace itself."))
	replaced_by = frappe.db.get_value(CARD, card.replaces_card, "replaced_by_card")
	if replaced_by and replaced_by != card.name:
		frappe.throw(
			_("The card {0} is already replaced by {1}.").format(
				frappe.bold(card.replaces_card), frappe.bold(replaced_by)
			)
		)
	frappe.db.set_value(CARD, card.replaces_card, "replaced_by_card", card.name)
	frappe.get_doc(CARD, card.replaces_card).add_comment(
		"Info", _("Replaced by the new card {0}").format(get_link_to_form(CARD, card.name))
	)


def reissue_awaiting(application_id: str) -> frappe._dict | None:
	"""The reissue application whose new card this is, when that card arrives in a J-LIS delivery."""
	return first_row(
		"Card Service",
		{
			"service_type": services.REISSUE_APPLICATION,
			"new_application_id": application_id,
			"new_card": None,
		},
		("name", "card"),
	)
