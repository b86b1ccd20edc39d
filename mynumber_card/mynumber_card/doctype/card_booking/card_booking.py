# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import datetime

import frappe
from frappe import _, _lt
from frappe.utils import cint, getdate, now_datetime

from mynumber_card import resident_language
from mynumber_card.booking import notify, places
from mynumber_card.booking.links import revoke_links, token_for
from mynumber_card.booking.pickup_cards import find_card_for_pickup
from mynumber_card.core import booking_states as states
from mynumber_card.core import handover, text
from mynumber_card.core.contact import normalize_email, normalize_phone
from mynumber_card.counter_queue import check_in
from mynumber_card.ledger import applications
from mynumber_card.ledger.pickup import book_card, release_card
from mynumber_card.utils.birth_date import checked_birth_date
from mynumber_card.utils.lean_document import LeanDocument
from mynumber_card.utils.plain_text import changed, checked_kana, checked_name, checked_text

MAX_MEMBERS = 6
MAX_NAME = 60
MAX_RELATIONSHIP = 20
MAX_REMARKS = 500
MAX_REASON = 200
PROXY_FIELDS = ("proxy_kind", "proxy_name", "proxy_name_kana", "proxy_relationship")
# Written by the server only (links, message pacing): never taken from a form or a request.
SERVER_FIELDS = {"link_version": 0, "last_mail_at": None, "change_mail_held": 0}


def by_staff() -> bool:
	"""Staff book by phone or at the counter, also outside the residents' booking window. Staff here is
	whoever the town's role permissions let create a booking in the desk (the public form inserts as Guest)."""
	return frappe.session.user != "Guest" and frappe.has_permission("Card Booking", "create")


class BookingError(frappe.ValidationError):
	pass


class CardBooking(LeanDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mynumber_card.mynumber_card.doctype.card_booking_member.card_booking_member import (
			CardBookingMember,
		)

		anonymised: DF.Check
		birth_date: DF.Date
		cancel_reason: DF.SmallText | None
		cancelled_at: DF.Datetime | None
		card: DF.Link | None
		change_mail_held: DF.Check
		channel: DF.Literal["Web", "Phone", "Counter"]
		checked_in_at: DF.Datetime | None
		completed_at: DF.Datetime | None
		email: DF.Data | None
		ends_at: DF.Datetime | None
		full_name: DF.Data
		full_name_kana: DF.Data | None
		last_mail_at: DF.Datetime | None
		link_version: DF.Int
		location: DF.Link | None
		members: DF.Table[CardBookingMember]
		name_key: DF.Data | None
		naming_series: DF.Literal["BK-.YYYY.-.#####"]
		no_kana: DF.Check
		notice_number: DF.Data | None
		phone: DF.Data | None
		proxy_coming: DF.Check
		proxy_kind: DF.Literal["", "Legal Representative", "Authorised Proxy"]
		proxy_name: DF.Data | None
		proxy_name_kana: DF.Data | None
		proxy_relationship: DF.Data | None
		purpose: DF.Link
		remarks: DF.SmallText | None
		reminder_sent: DF.Check
		resident_language: DF.Data | None
		slot: DF.Link
		slot_date: DF.Date | None
		start_time: DF.Time | None
		starts_at: DF.Datetime | None
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		if self.is_new() and not by_staff():
			self.channel = "Web"  # decided here, never taken from the form
			self.resident_language = resident_language.current()  # its mails go in the page's language
		self.keep_server_fields()
		self.normalize_applicant()
		self.validate_proxy()
		self.validate_purpose_and_members()
		if self.is_new():
			self.workflow_state = states.CONFIRMED
			self.validate_one_active_booking()
			places.reserve_place(self.slot, self.purpose, check_window=not by_staff())
		else:
			self.move_to_new_slot()
			self.check_state_change()

	def _validate_links(self):
		# The public form posts JSON: a list or an object where a text is expected would make Frappe's
		# own link check fail with a 500. Refuse it here, first, as bad input.
		self.refuse_wrong_shapes()
		super()._validate_links()

	def refuse_wrong_shapes(self):
		plain = (str, int, float, datetime.date, datetime.time, datetime.timedelta)
		for row in [self, *self.get_all_children()]:
			for df in row.meta.fields:
				value = row.get(df.fieldname)
				if (
					df.fieldtype not in ("Table", "Table MultiSelect")
					and value is not None
					and not isinstance(value, plain)
				):
					frappe.throw(_("Some of the entered values are not valid."), BookingError)

	def keep_server_fields(self):
		"""A posted or stale form cannot bring back a revoked link version or undo a held message."""
		before = None if self.is_new() else self.get_doc_before_save()
		for field, initial in SERVER_FIELDS.items():
			self.set(field, before.get(field) if before else initial)

	def validate_workflow(self):
		# Moves made for a resident through their signed link, or by the scheduler, were checked
		# against the booking table in check_state_change.
		if self.flags.system_transition:
			return
		super().validate_workflow()

	def normalize_applicant(self):
		"""Names and remarks are plain text (core/plain_text.py), checked when new or changed. Labels and
		messages are translated only when shown (_lt): a booking that passes loads no translations."""
		self.check_text(
			"full_name",
			checked_name,
			_lt("Full Name"),
			MAX_NAME,
			missing=_lt("Please enter the full name (up to 60 characters)."),
		)
		# a name with no furigana (an alphabet name, say) is booked with "no kana" ticked
		self.check_text(
			"full_name_kana",
			checked_kana,
			_lt("Full Name (Kana)"),
			MAX_NAME,
			also_when="no_kana",
			required=not cint(self.no_kana),
			missing=_lt("Please enter the furigana in katakana or hiragana."),
		)
		self.check_text("remarks", checked_text, _lt("Remarks"), MAX_REMARKS, multiline=True)
		self.check_text(
			"cancel_reason", checked_text, _lt("Reason for Cancelling"), MAX_REASON, multiline=True
		)
		self.name_key = text.name_key(self.full_name)
		self.birth_date = checked_birth_date(self.birth_date, BookingError)
		if self.phone:
			phone = normalize_phone(self.phone)
			if not phone:
				frappe.throw(
					_("Please enter the phone number with its area code, e.g. 0280-00-0000."), BookingError
				)
			self.phone = phone
		if self.email:
			email = normalize_email(self.email)
			if not email:
				frappe.throw(_("Please check the email address."), BookingError)
			self.email = email
		if self.channel == "Web" and not (self.email or self.phone):
			frappe.throw(
				_("Please give an email address or a phone number so that we can reach you."), BookingError
			)

	def validate_proxy(self):
		"""A 法定代理人 or 任意代理人 coming instead of (or with) the holder: who, so the clerk prepares.
		What the proxy must bring is checked at the counter, when the card is handed over."""
		self.proxy_coming = 1 if cint(self.proxy_coming) else 0
		if not self.proxy_coming:
			for field in PROXY_FIELDS:
				self.set(field, None)
			return
		if self.proxy_kind not in handover.PROXIES:
			frappe.throw(
				_("Please choose who will come: a legal representative or an authorised proxy."), BookingError
			)
		self.check_text(
			"proxy_name",
			checked_name,
			_("Proxy Name"),
			MAX_NAME,
			missing=_(
				"Please enter the full name of the person who will come (up to {0} characters)."
			).format(MAX_NAME),
		)
		self.check_text(
			"proxy_name_kana",
			checked_kana,
			_("Proxy Name (Kana)"),
			MAX_NAME,
			missing=_("Please enter the furigana of the person who will come in katakana or hiragana."),
		)
		if changed(self, "proxy_relationship"):
			relationship = checked_text(
				self.proxy_relationship,
				_("Relationship to Holder"),
				MAX_RELATIONSHIP,
				BookingError,
				required=True,
				missing=_(
					"Please enter how the person who will come is related to the holder (up to {0} characters), e.g. mother."
				).format(MAX_RELATIONSHIP),
			)
			self.proxy_relationship = text.normalize(relationship)  # NFKC, as it was always stored

	def check_text(self, fieldname: str, check, label: str, max_length: int, also_when: str = "", **rules):
		"""A field of names or free text (core/plain_text.py), checked when new or changed (or when the
		field `also_when` names changed), stored in its normalised form."""
		if changed(self, fieldname) or (also_when and changed(self, also_when)):
			value = check(self.get(fieldname), label, max_length, BookingError, **rules)
			self.set(fieldname, value or None if check is checked_text else value)  # empty free text: nothing

	def validate_purpose_and_members(self):
		purpose = self.purpose and frappe.get_cached_value(
			"Booking Purpose", self.purpose, ["is_active", "is_pickup"], as_dict=True
		)
		if not purpose or (self.is_new() and not purpose.is_active):
			frappe.throw(_("Please choose what the visit is for."), BookingError)
		if len(self.members) > MAX_MEMBERS:
			frappe.throw(
				_("Up to {0} family members can come with one booking.").format(MAX_MEMBERS), BookingError
			)
		before = self.get_doc_before_save()
		stored = {row.name: row for row in before.members} if before else {}
		for member in self.members:
			old = stored.get(member.name)
			if not old or old.full_name != member.full_name:
				member.full_name = checked_name(
					member.full_name, _("Name of the family member"), MAX_NAME, BookingError
				)
			if not old or old.full_name_kana != member.full_name_kana or old.no_kana != member.no_kana:
				# as for the applicant: an alphabet name is booked with "no kana" ticked
				member.full_name_kana = checked_kana(
					member.full_name_kana,
					_("Furigana of the family member"),
					MAX_NAME,
					BookingError,
					required=not cint(member.no_kana),
					missing=_("Please enter the family member's furigana in katakana or hiragana."),
				)
			member.birth_date = checked_birth_date(member.birth_date, BookingError)
		if not self.is_new():
			return
		if purpose.is_pickup:
			self.card = find_card_for_pickup(self.notice_number, self.birth_date)
			for member in self.members:
				member.card = find_card_for_pickup(member.notice_number, member.birth_date)
			cards = [self.card, *(m.card for m in self.members)]
			if len(set(cards)) != len(cards):
				frappe.throw(_("The same notice number was entered twice."), BookingError)
		else:
			self.notice_number = self.card = None
			for member in self.members:
				member.notice_number = member.card = None

	def validate_one_active_booking(self):
		booking = frappe.qb.DocType("Card Booking")
		existing = (
			frappe.qb.from_(booking)
			.select(booking.name)
			.where(
				(booking.name_key == self.name_key)
				& (booking.birth_date == getdate(self.birth_date))
				& (booking.purpose == self.purpose)
				& booking.workflow_state.isin(states.ACTIVE)
			)
			.limit(1)
		).run()
		if existing:
			frappe.throw(
				_("You already have a booking for this purpose. Change or cancel it from your confirmation."),
				BookingError,
				title=_("Already booked"),
			)

	def move_to_new_slot(self):
		if not self.has_value_changed("slot"):
			return
		before = self.get_doc_before_save()
		if self.workflow_state != states.CONFIRMED:
			frappe.throw(_("Only a confirmed booking can be moved to another time."), BookingError)
		for name in sorted({before.slot, self.slot}):  # one lock order: two moves cannot deadlock
			places.lock_slot(name)
		places.reserve_place(self.slot, self.purpose, check_window=not by_staff())
		places.release_place(before.slot)
		self.reminder_sent = 0
		self.flags.rescheduled = True
		revoke_links(self)  # the links and QR codes for the old time stop working

	def check_state_change(self):
		if not self.has_value_changed("workflow_state"):
			return
		before = self.get_doc_before_save()
		undone = self.flags.undo_to and self.flags.undo_to == self.workflow_state
		if not undone and not states.can_move(before.workflow_state, self.workflow_state):
			frappe.throw(
				_("A booking cannot move from {0} to {1}.").format(
					frappe.bold(_(before.workflow_state)), frappe.bold(_(self.workflow_state))
				),
				BookingError,
			)
		stamp = {
			states.CHECKED_IN: "checked_in_at",
			states.COMPLETED: "completed_at",
			states.CANCELLED: "cancelled_at",
		}
		if self.workflow_state in stamp:
			self.set(stamp[self.workflow_state], now_datetime())
		if self.workflow_state == states.CANCELLED:
			revoke_links(self)

	def pickup_cards(self) -> list[str]:
		return [c for c in (self.card, *(m.card for m in self.members)) if c]

	def after_insert(self):
		for card in self.pickup_cards():
			book_card(card, self.name, self.resident_language)
		notify.queue_confirmation(self)
		# The public form takes the resident straight to their booking page.
		self.set_onload("manage_token", token_for(self))

	def on_update(self):
		before = self.get_doc_before_save()
		if not before:
			return
		# the counter queue's ticket follows the booking: made at a check-in from the form, cancelled
		# when the check-in is undone, closed when the booking is completed
		check_in.follow_booking(self)
		applications.on_booking_completed(self)  # a 申請サポート visit leaves its Card Applications
		if self.workflow_state in states.RELEASING and before.workflow_state not in states.RELEASING:
			places.release_place(self.slot)
			for card in self.pickup_cards():
				release_card(card, self.name)
		if self.flags.rescheduled:
			notify.queue_confirmation(self, rescheduled=True)
