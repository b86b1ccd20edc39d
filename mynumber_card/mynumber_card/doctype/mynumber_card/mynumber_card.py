# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from mynumber_card.core import booking_states, handover, identifiers, lifecycle, text
from mynumber_card.core.dates import plausible_birth_date
from mynumber_card.ledger import card_services, delivery_counts, storage, transitions
from mynumber_card.ledger.pickup import booking_for_card


class MyNumberCard(Document):
	def onload(self):
		# the form's action dialogs: which card fields each workflow action asks for
		self.set_onload("action_fields", lifecycle.ACTION_FIELDS)
		self.set_onload("required_on_entry", lifecycle.REQUIRED_ON_ENTRY)
		self.set_onload("document_kinds", handover.DOCUMENT_KINDS)
		if self.workflow_state in lifecycle.BEFORE_HANDOVER:
			self.set_onload("booked_proxy", booked_proxy(self.name))

	def before_insert(self):
		# a card from a J-LIS delivery goes into the next storage place, scanned or imported
		if self.delivery and not self.storage_box:
			storage.assign_place(self)
		# a reissued card, scanned or imported, knows the card it replaces
		self.flags.reissue = (
			card_services.reissue_awaiting(self.application_id) if self.application_id else None
		)
		if self.flags.reissue and not self.replaces_card:
			self.replaces_card = self.flags.reissue.card

	def after_insert(self):
		if self.flags.reissue:
			frappe.db.set_value("Card Service", self.flags.reissue.name, "new_card", self.name)

	def validate(self):
		self.normalize_identifiers()
		self.validate_names()
		self.set_search_keys()
		transitions.check_state_change(self)
		transitions.set_validity(self)
		transitions.set_held_until(self)
		transitions.set_disposal_deadline(self)

	def validate_workflow(self):
		# System moves and a new card's first state (Mailed for a J-LIS express card) were checked
		# against the lifecycle table in check_state_change; Frappe's own check would look for a
		# button for the current user (a guest booking has none) or insist on the first state.
		if self.flags.system_transition or self.is_new():
			return
		super().validate_workflow()

	def normalize_identifiers(self):
		if self.registered_from_records and not self.application_id:
			self.application_id = None  # earlier ledgers seldom kept the 申請書ID
		else:
			self.normalize_application_id()
		self.normalize_notice_number()

	def normalize_application_id(self):
		application_id = identifiers.normalize_application_id(self.application_id)
		if not application_id:
			frappe.throw(
				_("The Application ID must be 23 digits (it was {0} characters).").format(
					len(text.normalize_code(self.application_id))
				),
				title=_("Invalid Application ID"),
			)
		self.application_id = application_id

	def normalize_notice_number(self):
		if self.notice_number:
			notice_number = identifiers.normalize_notice_number(self.notice_number)
			if not notice_number:
				frappe.throw(
					_("The notice number must be 3 letters or digits and 6 digits, e.g. ABC-123456."),
					title=_("Invalid Notice Number"),
				)
			self.notice_number = notice_number
		else:
			self.notice_number = None  # unique index: many cards may have no notice number yet

	def validate_names(self):
		self.full_name = text.normalize(self.full_name) or None
		self.full_name_kana = text.to_katakana(self.full_name_kana) or None
		if self.full_name_kana and not text.is_kana_only(self.full_name_kana):
			frappe.throw(_("Full Name (Kana) may contain kana only."), title=_("Invalid Furigana"))
		if self.birth_date and not plausible_birth_date(getdate(self.birth_date), getdate(today())):
			frappe.throw(_("Please check the date of birth."))

	def set_search_keys(self):
		self.name_key = text.name_key(self.full_name) or None
		self.kana_key = text.kana_key(self.full_name_kana) or None

	def on_update(self):
		before = self.get_doc_before_save()
		delivery_counts.move(before.delivery if before else None, self.delivery)
		transitions.return_replaced_card(self)

	def on_trash(self):
		delivery_counts.move(self.delivery, None)


def booked_proxy(card: str) -> dict | None:
	"""Who the resident said would come for the card when booking: the Issue dialog starts from it."""
	booking = booking_for_card(card, booking_states.ACTIVE)
	if not booking:
		return None
	row = frappe.db.get_value(
		"Card Booking",
		booking,
		["proxy_coming", "proxy_kind", "proxy_name", "proxy_relationship"],
		as_dict=True,
	)
	if not row.proxy_coming:
		return None
	return {
		"received_by": row.proxy_kind,
		"proxy_name": row.proxy_name,
		"proxy_relationship": row.proxy_relationship,
	}
