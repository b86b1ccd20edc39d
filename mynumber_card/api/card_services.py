"""Staff endpoint for the card form: the counter services a card can have in its state."""

import frappe

from mynumber_card.core import handover, services

CARD = "MyNumber Card"


@frappe.whitelist(methods=["GET", "POST"])
def services_for_card(card: str) -> list[str]:
	"""The Card Service types allowed for the card's current state (core/services.py)."""
	doc = frappe.get_doc(CARD, card)
	doc.check_permission("read")
	if not frappe.has_permission("Card Service", "create"):
		return []
	return services.services_for(doc.workflow_state)


@frappe.whitelist(methods=["GET"])
def form_options() -> dict:
	"""For the Card Service form: the card states each service may be recorded in, and the kinds of
	identity documents staff choose from."""
	frappe.has_permission("Card Service", "read", throw=True)
	return {
		"allowed_states": {service: list(states) for service, states in services.ALLOWED_STATES.items()},
		"document_kinds": list(handover.DOCUMENT_KINDS),
	}
