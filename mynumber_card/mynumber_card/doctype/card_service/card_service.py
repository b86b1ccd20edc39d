# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import fees, handover, identifiers, identity_documents, lifecycle, services
from mynumber_card.core.dates import age_on
from mynumber_card.ledger import card_services, handover_messages, residence
from mynumber_card.mynumber_card.doctype.mynumber_card.mynumber_card import (
	PLAIN_TEXT_FIELDS as CARD_TEXT_FIELDS,
)
from mynumber_card.roles import is_manager
from mynumber_card.settings import reissue_fees
from mynumber_card.utils.plain_text import LINES, check_fields
from mynumber_card.utils.text_document import TextDocument

COMPLETED = "Completed"
WAITING = services.WAITING_FOR_SECOND_VISIT
# What staff write, checked as plain text (core/plain_text.py): the fields the card has too by the card's
# own rule (a service writes some of them on the card), and the service's own.
SHARED_TEXT_FIELDS = (
	"proxy_name",
	"proxy_relationship",
	"police_report_number",
	"holder_identity_documents",
	"proxy_identity_documents",
	"remarks",
)
PLAIN_TEXT_FIELDS = {
	**{fieldname: CARD_TEXT_FIELDS[fieldname] for fieldname in SHARED_TEXT_FIELDS},
	"fee_correction_reason": (LINES, 500),
}
# Why a reissue or a fee cannot be recorded (core/fees.py codes).
REISSUE_MESSAGES = {
	fees.RENEWAL_NEEDS_OLD_CARD: "A renewal exchanges the card the holder has, but this card is {0}. Choose Renewal without Old Card (charged like a loss).",
	fees.RENEWAL_NOT_DUE: "This card is not due for renewal yet (it expires on {1}; renewal opens when fewer than three months are left). A new card before then is at the holder's wish, and charged.",
	fees.CARD_RETURNED: "This card was returned. A new card for it can be applied for only after a return abroad or a voluntary return.",
	fees.EXPRESS_NOT_FOR_REASON: "Express issue by J-LIS is not possible for this reason ({2}).",
	fees.STOLEN_NEEDS_REPORT: "A reissue after a theft is free when the police report number (被害届の受理番号) is recorded: record it.",
}
FEE_MESSAGES = {
	fees.FEE_NEGATIVE: "The fee cannot be negative.",
	fees.FEE_CHANGED_BY_CLERK: "Only a Card Manager may change the fee the table gives ({0} yen).",
	fees.FEE_REASON_MISSING: "Record why the fee differs from the table ({0} yen).",
}


class CardServiceError(frappe.ValidationError):
	pass


class CardService(TextDocument):
	"""One counter service on a card the holder has (窓口手続). The rules are in core/services.py;
	saving the record applies its effect to the card in the same transaction."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		additional_field_space: DF.Check
		authority_proof: DF.Link | None
		booking: DF.Link | None
		card: DF.Link
		card_kind: DF.Literal[
			"My Number Card", "Specified Residence Card", "Specified Special Permanent Resident Certificate"
		]
		card_state: DF.Literal[
			"",
			"Received",
			"Prepared",
			"Notice Sent",
			"Booked",
			"Issued",
			"Re-notice Sent",
			"Pending Disposal",
			"Disposed",
			"Returned",
			"Mailed",
			"Returned by Post",
			"Suspended",
			"Revoked",
		]
		computed_fee: DF.Int
		current_card_expiry_date: DF.Date | None
		express: DF.Check
		fee: DF.Int
		fee_correction_reason: DF.SmallText | None
		holder_identity_documents: DF.SmallText | None
		inquiry_form_brought: DF.Check
		issue_new_certificates: DF.Check
		loss_reported_via: DF.Literal["", "Counter", "Call Centre", "Police"]
		naming_series: DF.Literal["CSV-.YYYY.-.#####"]
		new_application_id: DF.Data | None
		new_card: DF.Link | None
		new_card_expiry_date: DF.Date | None
		new_certificate_expiry_date: DF.Date | None
		new_residence_expiry_date: DF.Date | None
		new_residence_status: DF.Link | None
		pending_proof: DF.Literal["", "Pending Stamp on Residence Card", "Online Application Receipt"]
		police_report_number: DF.Data | None
		proxy_identity_documents: DF.SmallText | None
		proxy_name: DF.Data | None
		proxy_relationship: DF.Data | None
		remarks: DF.SmallText | None
		residence_expiry_date: DF.Date | None
		residence_status: DF.Link | None
		return_reason: DF.Link | None
		revoke_reason: DF.Link | None
		second_staff: DF.Link | None
		second_visit_date: DF.Date | None
		service_date: DF.Date
		service_type: DF.Literal[
			"",
			"PIN Reset",
			"Certificate Renewal",
			"Certificate Revocation",
			"Card Return",
			"Loss Report",
			"Card Found",
			"Card Revocation",
			"Reissue Application",
			"Validity Change",
			"Special Period Extension",
		]
		staff: DF.Link
		status: DF.Literal["Completed", "Waiting for Second Visit"]
		visitor: DF.Literal["Holder", "Legal Representative", "Authorised Proxy"]
		with_certificates: DF.Check
	# end: auto-generated types

	def validate(self):
		check_fields(self, PLAIN_TEXT_FIELDS, CardServiceError)
		if self.is_new():
			self.validate_card_state()
			self.validate_service_date()
			self.validate_return()
			self.validate_reissue()
			residence.check_service(self)
			self.validate_move()
			waits = services.needs_second_visit(
				self.service_type, self.visitor, bool(self.inquiry_form_brought)
			)
			self.status = WAITING if waits else COMPLETED
		self.validate_fee()
		self.validate_visitor()

	def after_insert(self):
		card_services.apply_to_card(self)

	def validate_card_state(self):
		self.card_state = frappe.db.get_value(card_services.CARD, self.card, "workflow_state")
		try:
			services.check_service(self.service_type, self.card_state)
		except services.ServiceNotAllowed:
			allowed = services.ALLOWED_STATES.get(self.service_type, ())
			frappe.throw(
				_(
					"{0} cannot be recorded for a card in the state {1}. It is possible for cards in: {2}"
				).format(
					frappe.bold(_(self.service_type)),
					frappe.bold(_(self.card_state)),
					", ".join(_(state) for state in allowed) or "-",
				),
				CardServiceError,
				title=_("Service not possible"),
			)

	def validate_service_date(self):
		self.service_date = self.service_date or today()
		if getdate(self.service_date) > getdate():
			frappe.throw(_("The service date cannot be in the future."), CardServiceError)

	def validate_visitor(self):
		"""Who came and what they showed (core/handover.service_visitor_problems): kinds only, each
		person's own. Checked when the service is recorded; a second visit changes none of it."""
		self.visitor = self.visitor or handover.HOLDER
		if self.visitor not in handover.RECEIVERS:
			frappe.throw(_("Choose who came: the holder or a proxy."), CardServiceError)
		if self.visitor == handover.HOLDER:
			self.proxy_name = self.proxy_relationship = self.proxy_identity_documents = None
		if self.visitor != handover.LEGAL_REPRESENTATIVE:
			self.authority_proof = None
		holder_documents = self.checked_documents("holder_identity_documents")
		proxy_documents = self.checked_documents("proxy_identity_documents")
		if not self.is_new():
			return
		card = frappe.db.get_value(
			card_services.CARD, self.card, ["birth_date", "holder_under_guardianship"], as_dict=True
		)
		birth = getdate(card.birth_date) if card and card.birth_date else None
		problems = handover.service_visitor_problems(
			handover.ServiceVisit(
				visitor=self.visitor,
				proxy_name=self.proxy_name,
				relationship=self.proxy_relationship,
				authority_proof=self.authority_proof,
				holder_documents=holder_documents,
				proxy_documents=proxy_documents,
			),
			holder_age=age_on(birth, getdate(self.service_date or today())) if birth else 99,
			under_guardianship=bool(card and card.holder_under_guardianship),
		)
		if problems:
			frappe.throw(
				"<br>".join(handover_messages.problem_lines(problems)),
				CardServiceError,
				title=_("Who came is not yet recorded in full"),
			)

	def checked_documents(self, fieldname: str) -> tuple[str, ...]:
		"""The kinds entered (a kind typed in Japanese is stored as the list's kind), each once."""
		documents = handover_messages.documents_from(self.get(fieldname))
		unknown = identity_documents.unknown(documents)
		if unknown:
			frappe.throw(
				_(
					"Record only the kinds of identity documents, one per line: {0}. Not recognised: {1}"
				).format(
					", ".join(_(kind) for kind in identity_documents.DOCUMENT_KINDS),
					frappe.bold(frappe.utils.escape_html(", ".join(unknown))),
				),
				CardServiceError,
			)
		self.set(fieldname, handover_messages.stored(documents))
		return documents

	def validate_return(self):
		if self.service_type != services.CARD_RETURN:
			self.second_staff = None
			return
		problem = lifecycle.check_two_staff(lifecycle.RETURNED, self.staff, self.second_staff)
		if problem == "two_staff_missing":
			frappe.throw(_("A return is witnessed by a second staff member: record them."), CardServiceError)
		if problem == "two_staff_same":
			frappe.throw(_("The two staff members must be different people."), CardServiceError)

	def validate_move(self):
		"""The card's move is checked here too, so that a refusal writes nothing."""
		next_state = services.state_after(self.service_type, self.card_state, self.revoke_reason)
		if not next_state:
			return
		missing = lifecycle.missing_for_move(self.card_state, next_state, self.as_dict())
		if missing:
			frappe.throw(
				_("To record {0}, fill in: {1}").format(
					frappe.bold(_(self.service_type)),
					", ".join(_(self.meta.get_label(field)) for field in missing),
				),
				CardServiceError,
			)
		try:
			lifecycle.check_transition(self.card_state, next_state, frappe.get_roles())
		except lifecycle.TransitionNotAllowed:
			frappe.throw(
				_("You may not move a card from {0} to {1}.").format(
					frappe.bold(_(self.card_state)), frappe.bold(_(next_state))
				),
				CardServiceError,
			)

	def validate_reissue(self):
		if self.service_type != services.REISSUE_APPLICATION:
			self.express = 0
			self.new_application_id = None
			return
		if not self.revoke_reason:
			frappe.throw(_("Record why the card is made again."), CardServiceError)
		if self.new_application_id:
			application_id = identifiers.normalize_application_id(self.new_application_id)
			if not application_id:
				frappe.throw(_("The new Application ID must be 23 digits."), CardServiceError)
			if frappe.db.exists(card_services.CARD, {"application_id": application_id}):
				frappe.throw(
					_("A card with the Application ID {0} is already in the ledger.").format(application_id),
					CardServiceError,
				)
			self.new_application_id = application_id
		card = frappe.db.get_value(
			card_services.CARD,
			self.card,
			["card_expiry_date", "police_report_number", "card_generation"],
			as_dict=True,
		)
		problem = fees.reissue_problem(
			self.revoke_reason,
			card_state_held=self.card_state == lifecycle.ISSUED,
			card_returned=self.card_state == lifecycle.RETURNED,
			renewal_due=card_services.renewal_due(
				card.card_expiry_date, self.service_date, card.card_generation
			),
			express=bool(self.express),
			police_report=bool(self.police_report_number or card.police_report_number),
			fees=reissue_fees(),
		)
		if problem:
			frappe.throw(
				_(REISSUE_MESSAGES[problem]).format(
					_(self.card_state),
					frappe.format(card.card_expiry_date, "Date"),
					_(self.revoke_reason),
				),
				CardServiceError,
				title=_("Reissue not possible as recorded"),
			)

	def validate_fee(self):
		"""The fee is the table's (core/fees.py), taken when the service is recorded; a Card Manager
		may correct it, with the reason kept on the record (and every change in its history)."""
		if self.service_type != services.REISSUE_APPLICATION:
			self.fee = self.computed_fee = None
			self.fee_correction_reason = None
			return
		if self.is_new():
			self.computed_fee = fees.card_fee(
				reissue_fees(), self.revoke_reason, bool(self.with_certificates), bool(self.express)
			)
			# a clerk's form shows the table's fee; only a manager's own amount, with its reason, stands
			if (
				not is_manager()
				or self.fee in (None, "")
				or (not self.fee and not self.fee_correction_reason)
			):
				self.fee = self.computed_fee
		elif not self.has_value_changed("fee") and not self.has_value_changed("fee_correction_reason"):
			return
		elif self.computed_fee is None:  # recorded before the table: its fee was the rule then
			self.computed_fee = self.get_doc_before_save().fee
		problem = fees.fee_correction_problem(
			self.computed_fee, self.fee, self.fee_correction_reason, is_manager()
		)
		if problem:
			frappe.throw(_(FEE_MESSAGES[problem]).format(self.computed_fee), CardServiceError, title=_("Fee"))
		if self.fee == self.computed_fee:
			self.fee_correction_reason = None

	@frappe.whitelist()
	def complete_second_visit(self):
		"""The proxy came back with the holder's answer: the PIN reset or the e-certificate renewal is
		done (a renewal reaches the card only now)."""
		self.check_permission("write")
		if self.status != WAITING:
			frappe.throw(_("This service is not waiting for a second visit."), CardServiceError)
		self.status = COMPLETED
		self.second_visit_date = today()
		self.save()
		card_services.apply_to_card(self)
