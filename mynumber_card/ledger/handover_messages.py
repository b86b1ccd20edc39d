"""The clerk's messages for what core/handover.py finds missing at a hand-over or a counter service:
one plain message per problem, and the kinds of identity documents as the clerk typed them."""

import frappe
from frappe import _

from mynumber_card.core import identity_documents

MESSAGES = {
	"unknown_receiver": lambda: _(
		"Choose who received the card: the holder, a legal representative or an authorised proxy."
	),
	"proxy_name_missing": lambda: _("Record the name of the proxy who received the card."),
	"relationship_missing": lambda: _("Record the proxy's relationship to the holder."),
	"holder_needs_legal_representative": lambda: _(
		"A holder under 15 or under guardianship comes with their legal representative: record the card as received by the legal representative."
	),
	"legal_representative_not_allowed": lambda: _(
		"A legal representative may receive the card only for a holder under 15 or under guardianship."
	),
	"holder_not_present": lambda: _(
		"A legal representative receives the card only together with the holder. If the holder cannot come, record an authorised proxy with the reason (junior high school pupil or younger, or adult ward)."
	),
	"authority_minor": lambda: _(
		"Record how the parent's authority was checked: a family register certificate (戸籍謄本), or not needed because the holder's family register is in this town or parent and child live in the same household."
	),
	"authority_ward": lambda: _(
		"An adult guardian shows the registry certificate of the guardianship (成年後見の登記事項証明書). It cannot be left out."
	),
	"authority_curatorship": lambda: _(
		"A curator or assistant shows the registry certificate whose list of acts covers My Number Card procedures (登記事項証明書の代理行為目録)."
	),
	"legal_representative_documents": lambda: _(
		"The legal representative's identity documents are not enough: one of class A, or two of class B."
	),
	"holder_documents_with_legal_representative": lambda: _(
		"The holder's identity documents are not enough: one of class A, or two of class B."
	),
	"reason_missing": lambda: _(
		"An authorised proxy may receive the card only for a stated reason (illness, disability, 75 or older, …)."
	),
	"reason_not_accepted": lambda: _(
		"The card cannot be given to a proxy for this reason (being busy at work, commuting or a school far away are not reasons). Choose a reason from the list."
	),
	"proxy_must_be_legal_representative": lambda: _(
		"For this reason only the legal representative, or a sub-agent they chose, may be the proxy."
	),
	"proxy_must_be_curator": lambda: _(
		"For a holder under curatorship or assistance only the curator or assistant may be the proxy."
	),
	"reason_age_junior": lambda: _(
		"By the holder's date of birth the reason 'junior high school pupil or younger' does not apply."
	),
	"reason_age_elderly": lambda: _("By the holder's date of birth the holder is not 75 or older."),
	"hardship_proof_missing": lambda: _(
		"Record the document that shows why the holder cannot come (疎明資料)."
	),
	"hardship_proof_wrong": lambda: _(
		"This document does not show the chosen reason: choose one of the documents for that reason."
	),
	"hardship_proof_exception": lambda: _(
		"A document not on the town's list is accepted only by a Card Manager, who writes why."
	),
	"exception_not_allowed": lambda: _(
		"An exception can be recorded only for a document not on the town's list. The reason, the inquiry and answer form and the identity documents cannot be waived."
	),
	"inquiry_form_missing": lambda: _(
		"An authorised proxy must bring the inquiry and answer form (照会書兼回答書) filled in by the holder."
	),
	"letter_of_attorney_missing": lambda: _(
		"An authorised proxy must bring the letter of attorney (委任状) filled in by the holder."
	),
	"proxy_documents": lambda: _(
		"The proxy's identity documents are not enough: two of class A, or one of class A and one of class B. Class B alone is not accepted, and a photo certificate does not count for a proxy."
	),
	"holder_documents_with_proxy": lambda: _(
		"The holder's identity documents are not enough: two of class A, one of class A and one of class B, or three of class B of which one bears the holder's photo (a photo certificate counts)."
	),
	"service_proxy_documents": lambda: _(
		"The proxy's identity documents are not enough: one of class A, or two of class B."
	),
	"service_holder_documents": lambda: _(
		"Besides the holder's card, record one more identity document of the holder's (class A or B)."
	),
}


def documents_from(value: str | None) -> tuple[str, ...]:
	"""The kinds as the clerk entered them (the list's value or its Japanese label), each once."""
	by_label = {_(kind): kind for kind in identity_documents.DOCUMENT_KINDS}
	typed = identity_documents.parse(value)
	return tuple(dict.fromkeys(by_label.get(kind, kind) for kind in typed))


def stored(documents: tuple[str, ...]) -> str | None:
	return "\n".join(documents) or None


def problem_lines(problems: list[str]) -> list[str]:
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
			lines.append(MESSAGES[key]())
	return lines
