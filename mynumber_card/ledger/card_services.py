"""What a counter service (Card Service, 窓口手続) does to the card: the shell around core/services.py.

Every move goes through the card's own save, so it is checked against the lifecycle table, dated
and recorded as a Version by the clerk who recorded the service."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form

from mynumber_card.core import lifecycle, services
from mynumber_card.core.service_effects import HOLDER_FIELDS, REASON_FIELDS, express_reason_for

CARD = "MyNumber Card"


def apply_to_card(service):
	"""Apply a newly recorded service to its card, in the service's transaction."""
	card = frappe.get_doc(CARD, service.card, for_update=True)
	changed = False
	next_state = services.STATE_AFTER.get(service.service_type)
	if next_state and card.workflow_state != next_state:
		for field in REASON_FIELDS.get(service.service_type, ()):
			card.set(field, service.get(field))
		if service.service_type == services.CARD_RETURN:
			card.disposal_staff_1, card.disposal_staff_2 = service.staff, service.second_staff
		card.workflow_state = next_state
		changed = True
	if service.service_type == services.CERTIFICATE_RENEWAL:
		card.certificate_renewed_date = service.service_date
		card.certificates_declined = 0
		changed = True
	elif service.service_type == services.CERTIFICATE_REVOCATION:
		card.certificates_declined = 1
		changed = True
	if changed:
		card.save()
		card.add_comment(
			"Info",
			_("Counter service {0}: {1}").format(
				get_link_to_form(service.doctype, service.name), _(service.service_type)
			),
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
			"express_reason": express_reason_for(service.revoke_reason),
			"application_fee": service.fee,
			"certificates_declined": 0 if service.with_certificates else 1,
			"replaces_card": old_card.name,
			**{field: old_card.get(field) for field in HOLDER_FIELDS},
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


def link_replaced_card(card, method=None):
	"""MyNumber Card on_update: a new card's `replaces_card` marks the old card `replaced_by_card`,
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
	return frappe.db.get_value(
		"Card Service",
		{
			"service_type": services.REISSUE_APPLICATION,
			"new_application_id": application_id,
			"new_card": ("is", "not set"),
		},
		["name", "card"],
		as_dict=True,
	)
