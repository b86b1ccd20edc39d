"""Staff endpoint for the card form: the counter services a card can have in its state."""

import frappe
from frappe import _

from mynumber_card.core import fees, identity_documents, reasons, residence, services
from mynumber_card.roles import is_manager
from mynumber_card.settings import reissue_fees

CARD = "MyNumber Card"


@frappe.whitelist(methods=["GET", "POST"])
def services_for_card(card: str) -> list[str]:
	"""The Card Service types allowed for the card's current state (core/services.py)."""
	doc = frappe.get_doc(CARD, card)
	doc.check_permission("read")
	if not frappe.has_permission("Card Service", "create"):
		return []
	offered = services.services_for(doc.workflow_state)
	if not residence.ends_with_stay_on_record(doc.residence_expiry_date, doc.residence_status):
		offered = [service for service in offered if service not in services.VALIDITY_SERVICES]
	return offered


@frappe.whitelist(methods=["GET"])
def form_options() -> dict:
	"""For the Card Service form: the card states each service may be recorded in, and the kinds of
	identity documents staff choose from, with their class (core/identity_documents.py)."""
	frappe.has_permission("Card Service", "read", throw=True)
	return {
		"allowed_states": {service: list(states) for service, states in services.ALLOWED_STATES.items()},
		"can_correct_fee": is_manager(),  # a Card Manager may correct a reissue fee (core/fees.py)
		"document_kinds": [
			{"name": kind.name, "cls": kind.cls, "proxy_may_use": kind.proxy_may_use}
			for kind in identity_documents.KINDS
		],
	}


@frappe.whitelist(methods=["GET"])
def reissue_fee(reason: str, with_certificates: bool = False, express: bool = False) -> int:
	"""The fee the table gives for a reissue (core/fees.py) with the town's amounts, for the form."""
	frappe.has_permission("Card Service", "create", throw=True)
	if reason not in reasons.REISSUE_REASONS:
		frappe.throw(_("Choose the reason from the list."))
	return fees.card_fee(reissue_fees(), reason, bool(with_certificates), bool(express))
