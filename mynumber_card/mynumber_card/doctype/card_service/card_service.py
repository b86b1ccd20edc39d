# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import handover, identifiers, lifecycle, service_effects, services
from mynumber_card.ledger import card_services
from mynumber_card.settings import reissue_fees
from mynumber_card.utils.plain_text import LINES, NAME, TEXT, check_fields
from mynumber_card.utils.text_document import TextDocument

COMPLETED = "Completed"
WAITING = "Waiting for Second Visit"
# What staff write, checked as plain text (core/plain_text.py); as long as the card's own fields.
PLAIN_TEXT_FIELDS = {
	"proxy_name": (NAME, 140),
	"proxy_relationship": (TEXT, 140),
	"police_report_number": (TEXT, 140),
	"identity_documents": (LINES, 500),
	"remarks": (LINES, 2000),
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

		booking: DF.Link | None
		card: DF.Link
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
		express: DF.Check
		fee: DF.Int
		identity_documents: DF.SmallText | None
		loss_reported_via: DF.Literal["", "Counter", "Call Centre", "Police"]
		naming_series: DF.Literal["CSV-.YYYY.-.#####"]
		new_application_id: DF.Data | None
		new_card: DF.Link | None
		police_report_number: DF.Data | None
		proxy_name: DF.Data | None
		proxy_relationship: DF.Data | None
		remarks: DF.SmallText | None
		return_reason: DF.Literal["", "Renewal", "Death", "Moving Abroad", "Voluntary", "Other"]
		revoke_reason: DF.Literal["", "Lost", "Damaged", "Stolen", "Disaster", "Renewal", "Other"]
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
			self.validate_move()
			self.validate_reissue()
			self.status = (
				WAITING if services.needs_second_visit(self.service_type, self.visitor) else COMPLETED
			)
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
		if getdate(self.service_date) > getdate(today()):
			frappe.throw(_("The service date cannot be in the future."), CardServiceError)

	def validate_visitor(self):
		self.visitor = self.visitor or handover.HOLDER
		if self.visitor not in handover.RECEIVERS:
			frappe.throw(_("Choose who came: the holder or a proxy."), CardServiceError)
		# kinds typed in Japanese are stored as the kinds of the list
		by_label = {_(kind): kind for kind in handover.DOCUMENT_KINDS}
		typed = handover.parse_documents(self.identity_documents)
		documents = tuple(dict.fromkeys(by_label.get(kind, kind) for kind in typed))
		unknown = [kind for kind in documents if kind not in handover.DOCUMENT_KINDS]
		if unknown:
			frappe.throw(
				_(
					"Record only the kinds of identity documents, one per line: {0}. Not recognised: {1}"
				).format(
					", ".join(_(kind) for kind in handover.DOCUMENT_KINDS),
					frappe.bold(frappe.utils.escape_html(", ".join(unknown))),
				),
				CardServiceError,
			)
		self.identity_documents = "\n".join(documents) or None
		if self.visitor == handover.HOLDER:
			self.proxy_name = self.proxy_relationship = None
		elif not (self.proxy_name and self.proxy_relationship):
			frappe.throw(_("Record the proxy's name and relationship to the holder."), CardServiceError)

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
		next_state = services.STATE_AFTER.get(self.service_type)
		if not next_state or next_state == self.card_state:
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
			self.fee = None
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
		if self.express and not service_effects.express_reason_for(self.revoke_reason):
			frappe.throw(
				_("Express issue by J-LIS is for a lost or damaged card (reason: {0}).").format(
					_(self.revoke_reason)
				),
				CardServiceError,
			)
		self.fee = services.reissue_fee(
			reissue_fees(), self.revoke_reason, bool(self.with_certificates), bool(self.express)
		)

	@frappe.whitelist()
	def complete_second_visit(self):
		"""The proxy came back with the holder's answer: the PIN reset is done."""
		self.check_permission("write")
		if self.status != WAITING:
			frappe.throw(_("This service is not waiting for a second visit."), CardServiceError)
		self.status = COMPLETED
		self.second_visit_date = today()
		self.save()
