# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.core import booking_states, identifiers, lifecycle, resident_languages, text
from mynumber_card.ledger import (
	applications,
	card_services,
	delivery_counts,
	residence,
	storage,
	transitions,
)
from mynumber_card.ledger.pickup import booking_for_card
from mynumber_card.utils.birth_date import checked_birth_date
from mynumber_card.utils.lean_document import LeanDocument
from mynumber_card.utils.plain_text import KANA, LINES, NAME, TEXT, check_fields

# What staff and spreadsheets may write, and how long (core/card_import.py reads names up to 140 too),
# field by field in groups that share a rule.
PLAIN_TEXT_FIELDS = {
	**dict.fromkeys(("full_name", "proxy_name"), (NAME, 140)),
	"full_name_kana": (KANA, 140),
	**dict.fromkeys(("proxy_relationship", "mail_tracking_number", "police_report_number"), (TEXT, 140)),
	**dict.fromkeys(
		(
			"address",
			"holder_identity_documents",
			"proxy_identity_documents",
			"handover_override_reason",
			"disposal_reason",
			"disposal_hold_reason",
		),
		(LINES, 500),
	),
	"remarks": (LINES, 2000),
}


class MyNumberCard(LeanDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		anonymised: DF.Check
		application_fee: DF.Int
		application_id: DF.Data | None
		application_received_date: DF.Date | None
		authority_proof: DF.Link | None
		birth_date: DF.Date | None
		booked_date: DF.Date | None
		card_application: DF.Link | None
		card_expiry_date: DF.Date | None
		card_generation: DF.Literal["", "Current Card (since 2016)", "Next Card (Provisional Draft)"]
		card_issue_date: DF.Date | None
		card_issue_date_estimated: DF.Check
		card_kind: DF.Literal[
			"My Number Card", "Specified Residence Card", "Specified Special Permanent Resident Certificate"
		]
		certificate_expiry_at_change: DF.Date | None
		certificate_expiry_before_renewal: DF.Date | None
		certificate_expiry_date: DF.Date | None
		certificate_renewed_date: DF.Date | None
		certificates_declined: DF.Check
		delivery: DF.Link | None
		disposal_cause: DF.Literal[
			"",
			"Deadline Passed",
			"Defective",
			"Holder Died",
			"Holder Moved Away",
			"Validity Ended",
			"Declined",
			"Other",
		]
		disposal_deadline: DF.Date | None
		disposal_hold_reason: DF.SmallText | None
		disposal_hold_until: DF.Date | None
		disposal_reason: DF.SmallText | None
		disposal_staff_1: DF.Link | None
		disposal_staff_2: DF.Link | None
		disposed_date: DF.Date | None
		express_reason: DF.Link | None
		face_auth_card: DF.Check
		full_name: DF.Data | None
		full_name_kana: DF.Data | None
		handover_override_reason: DF.SmallText | None
		hardship_proof: DF.Literal[
			"",
			"Medical Certificate",
			"Disability Handbook",
			"Special Child Allowance Certificate",
			"Disability Welfare Service Certificate",
			"Independence Support Medical Certificate",
			"Hospital Admission Plan",
			"Hospital Receipt or Statement",
			"Photo Certificate by Hospital Director",
			"Facility Admission Certificate",
			"Facility Fee Receipt",
			"Photo Certificate by Facility Head",
			"Long-term Care Insurance Card",
			"Care Certification Notice",
			"Photo Certificate by Care Manager",
			"Maternal and Child Health Handbook",
			"Prenatal Check-up Receipt",
			"Letter of Appointment",
			"Visa Copy",
			"Student ID at the School Abroad",
			"Student ID",
			"Certificate of Enrolment",
			"Certificate by a Public Support Organisation",
			"Other Document Accepted by the Town",
		]
		has_signing_certificate: DF.Check
		has_user_certificate: DF.Check
		health_insurance_registered_date: DF.Date | None
		held_until: DF.Date | None
		holder_identity_documents: DF.SmallText | None
		holder_left_date: DF.Date | None
		holder_left_reason: DF.Literal["", "Died", "Moved Out", "Moved Abroad", "Record Removed (Other)"]
		holder_present: DF.Check
		holder_under_guardianship: DF.Check
		inquiry_form_received: DF.Check
		issue_method: DF.Literal["Counter", "Mailed by Town", "Express by J-LIS"]
		issued_date: DF.Date | None
		kana_key: DF.Data | None
		letter_language: DF.Link | None
		letter_of_attorney_received: DF.Check
		loss_reported_via: DF.Literal["", "Counter", "Call Centre", "Police"]
		mail_count: DF.Int
		mail_returned_date: DF.Date | None
		mail_tracking_number: DF.Data | None
		mailed_date: DF.Date | None
		name_key: DF.Data | None
		naming_series: DF.Literal["MNC-.YYYY.-.######"]
		notice_date: DF.Date | None
		notice_number: DF.Data | None
		notice_returned_date: DF.Date | None
		old_juki_card_returned: DF.Check
		pending_disposal_date: DF.Date | None
		police_report_number: DF.Data | None
		postal_code: DF.Data | None
		prepared_date: DF.Date | None
		printed_certificate_expiry_date: DF.Date | None
		printed_expiry_date: DF.Date | None
		proxy_identity_documents: DF.SmallText | None
		proxy_name: DF.Data | None
		proxy_reason: DF.Literal[
			"",
			"Adult Ward",
			"Under Curatorship or Assistance",
			"Junior High School Pupil or Younger",
			"Aged 75 or Older",
			"Long-term Hospitalisation",
			"Person with a Disability",
			"Living in a Care Facility",
			"Certified for Long-term Care or Support",
			"Pregnancy",
			"Long Business Trip or Seafarer",
			"Studying Abroad",
			"High School or Technical College Student",
			"Social Withdrawal",
			"Illness",
			"Other",
		]
		proxy_relationship: DF.Data | None
		proxy_standing: DF.Literal[
			"", "Legal Representative", "Sub-agent of the Legal Representative", "Curator or Assistant"
		]
		public_funds_account_registered_date: DF.Date | None
		received_by: DF.Literal["", "Holder", "Legal Representative", "Authorised Proxy"]
		received_date: DF.Date | None
		registered_from_records: DF.Check
		remarks: DF.SmallText | None
		renewal_letter_date: DF.Date | None
		renotice_date: DF.Date | None
		replaced_by_card: DF.Link | None
		replaces_card: DF.Link | None
		residence_expiry_date: DF.Date | None
		residence_status: DF.Link | None
		return_reason: DF.Link | None
		returned_date: DF.Date | None
		revoke_reason: DF.Link | None
		revoked_date: DF.Date | None
		state_before_booking: DF.Data | None
		storage_box: DF.Int
		storage_position: DF.Int
		suspended_date: DF.Date | None
		validity_change_kind: DF.Literal["", "Validity Change", "Special Period Extension"]
		validity_changed_on: DF.Date | None
		validity_changed_to: DF.Date | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def onload(self):
		# the form's action dialogs: which card fields each workflow action asks for
		self.set_onload("action_fields", lifecycle.ACTION_FIELDS)
		self.set_onload("required_on_entry", lifecycle.REQUIRED_ON_ENTRY)
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
		card_services.take_from_reissue(self)  # the card it replaces, the stay entered at the reissue
		# a card made for an application recorded here takes its 申請受付日 and holder, and links to it
		applications.take_from_application(self)

	def after_insert(self):
		if self.flags.reissue:
			frappe.db.set_value("Card Service", self.flags.reissue.name, "new_card", self.name)
		applications.mark_arrived(self)

	def validate(self):
		self.normalize_identifiers()
		self.validate_names()
		self.validate_letter_language()
		self.set_search_keys()
		transitions.check_state_change(self)
		transitions.set_validity(self)
		residence.apply_validity_change(self)  # a 有効期間変更 or 特例期間 at the counter
		transitions.check_holder_left(self)
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

	def validate_letter_language(self):
		if self.letter_language and self.letter_language not in resident_languages.CODES:
			frappe.throw(
				_("Letters can be printed in {0} only.").format(", ".join(resident_languages.CODES)),
				title=_("Letter Language"),
			)

	def validate_names(self):
		"""Names and free text are plain text (core/plain_text.py): staff type them, the card import fills
		them from spreadsheets. Checked when new or changed, so earlier records stay as they are."""
		check_fields(self, PLAIN_TEXT_FIELDS)
		if self.birth_date:
			self.birth_date = checked_birth_date(self.birth_date)

	def set_search_keys(self):
		self.name_key = text.name_key(self.full_name) or None
		self.kana_key = text.kana_key(self.full_name_kana) or None

	def on_update(self):
		before = self.get_doc_before_save()
		delivery_counts.move(before.delivery if before else None, self.delivery)
		transitions.return_replaced_card(self)
		card_services.link_replaced_card(self)  # a reissue's new card marks the old one replaced

	def on_trash(self):
		delivery_counts.move(self.delivery, None)
		applications.forget_card(self)


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
