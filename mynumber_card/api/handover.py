"""Staff endpoint for the hand-over dialog (card form and Card Scanner): the lists it offers, from
core/handover.py and core/identity_documents.py, and what the card says about its holder."""

import frappe
from frappe.utils import getdate

from mynumber_card.core import handover, identity_documents
from mynumber_card.core.dates import age_on
from mynumber_card.mynumber_card.doctype.mynumber_card.mynumber_card import booked_proxy
from mynumber_card.roles import is_manager

CARD = "MyNumber Card"


@frappe.whitelist(methods=["GET"])
def dialog_options(card: str | None = None) -> dict:
	frappe.has_permission(CARD, "read", throw=True)
	options = {
		"receivers": list(handover.RECEIVERS),
		"reasons": list(handover.PROXY_REASONS),
		"standings": list(handover.PROXY_STANDINGS),
		"standing_required": {reason: list(s) for reason, s in handover.STANDING_REQUIRED.items()},
		"authority_proofs": list(handover.AUTHORITY_PROOFS),
		"minor_authority": list(handover.MINOR_AUTHORITY),
		"ward_authority": list(handover.WARD_AUTHORITY),
		"authority_for_reason": {
			handover.JUNIOR_HIGH_OR_YOUNGER: list(handover.MINOR_AUTHORITY),
			**{reason: list(proofs) for reason, proofs in handover.PROOF_BY_AUTHORITY.items()},
		},
		"hardship_proofs_for": {
			reason: list(handover.allowed_hardship_proofs(reason)) for reason in handover.HARDSHIP_PROOFS_FOR
		},
		"proof_by_age": list(handover.PROOF_BY_AGE),
		"other_proof": handover.OTHER_PROOF,
		"document_kinds": [
			{"name": kind.name, "cls": kind.cls, "proxy_may_use": kind.proxy_may_use}
			for kind in identity_documents.KINDS
		],
		"can_record_exception": is_manager(),
	}
	if card:
		options["card"] = card_facts(card)
	return options


def card_facts(name: str) -> dict:
	"""What the dialog needs to know of the card's holder: whether a 法定代理人 must come, and who
	the resident said would come when booking."""
	card = frappe.get_doc(CARD, name)
	card.check_permission("read")
	age = age_on(getdate(card.birth_date), getdate()) if card.birth_date else None
	under_guardianship = bool(card.holder_under_guardianship)
	return {
		"name": card.name,
		"holder_age": age,
		"under_guardianship": under_guardianship,
		"needs_legal_representative": age is not None
		and handover.needs_legal_representative(age, under_guardianship),
		"booked_proxy": booked_proxy(card.name),
	}
