# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.booking import opening_days, slot_list_cache
from mynumber_card.core import barcodes, identifiers
from mynumber_card.counter_queue import phone_settings
from mynumber_card.ledger import storage
from mynumber_card.ledger.deadlines import recompute_disposal_deadlines
from mynumber_card.scanner import town_rules
from mynumber_card.utils.text_document import TextDocument

RULE_FIELDS = (
	"disposal_months_after_notice",
	"disposal_months_after_renotice",
	"disposal_months_after_application",
)


class MyNumberCardSettings(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mynumber_card.mynumber_card.doctype.booking_closing_day.booking_closing_day import (
			BookingClosingDay,
		)
		from mynumber_card.mynumber_card.doctype.booking_opening_session.booking_opening_session import (
			BookingOpeningSession,
		)
		from mynumber_card.mynumber_card.doctype.booking_slot_template.booking_slot_template import (
			BookingSlotTemplate,
		)
		from mynumber_card.mynumber_card.doctype.earlier_issuance_figure.earlier_issuance_figure import (
			EarlierIssuanceFigure,
		)
		from mynumber_card.mynumber_card.doctype.scan_rule.scan_rule import ScanRule

		booking_closes_hours_before: DF.Int
		booking_opens_days_ahead: DF.Int
		change_mail_minutes: DF.Int
		closing_days: DF.Table[BookingClosingDay]
		contact_address: DF.SmallText | None
		contact_department: DF.Data | None
		contact_email: DF.Data | None
		contact_phone: DF.Data | None
		disposal_months_after_application: DF.Int
		disposal_months_after_notice: DF.Int
		disposal_months_after_renotice: DF.Int
		earlier_figures: DF.Table[EarlierIssuanceFigure]
		id_documents_one: DF.SmallText | None
		id_documents_two: DF.SmallText | None
		last_storage_place: DF.Data | None
		local_government_code: DF.Data | None
		municipality_type: DF.Literal["\u5e02", "\u753a", "\u6751", "\u7279\u5225\u533a"]
		new_card_generation: DF.Literal["Current Card (since 2016)", "Next Card (Provisional Draft)"]
		offer_easy_japanese: DF.Check
		office_hours: DF.SmallText | None
		office_name: DF.Data | None
		opening_sessions: DF.Table[BookingOpeningSession]
		pickup_deadline_months: DF.Int
		population: DF.Int
		population_as_of: DF.Date | None
		queue_counters: DF.Int
		queue_default_service_minutes: DF.Int
		queue_early_minutes: DF.Int
		queue_late_minutes: DF.Int
		queue_late_rule: DF.Literal["End of Queue", "To Staff"]
		queue_mail_alerts: DF.Check
		queue_near_alert: DF.Int
		queue_push_services: DF.SmallText | None
		queue_reception_closes: DF.Time | None
		queue_reception_opens: DF.Time | None
		queue_skip_after_calls: DF.Int
		queue_sms_alerts: DF.Check
		queue_waits_frame_origins: DF.SmallText | None
		queue_web_push: DF.Check
		reissue_fee_card: DF.Int
		reissue_fee_certificate: DF.Int
		reissue_fee_express_card: DF.Int
		reminder_days_before: DF.Int
		renewal_window_months: DF.Int
		renotice_after_days: DF.Int
		retention_days: DF.Int
		scan_rules: DF.Table[ScanRule]
		send_sms: DF.Check
		slot_templates: DF.Table[BookingSlotTemplate]
		stolen_card_free: DF.Check
		storage_box_size: DF.Int
		town_name: DF.Data
		town_name_kana: DF.Data | None

	# end: auto-generated types
	def load_from_db(self):
		super().load_from_db()
		# The values as stored, before Frappe casts them (a Check never set would read 0, not its JSON
		# default): settings.stored() reads them from this document in Frappe's document cache.
		self.stored_values = frappe.db.get_singles_dict(self.doctype)

	def validate(self):
		# intake's counter: the value in the form may be older than the last scan
		self.last_storage_place = storage.locked_counter()
		self.validate_scan_rules()
		opening_days.validate(self)  # 休日開庁 and extra sessions
		phone_settings.validate(self)  # the ticket page's origins, reception hours
		if self.local_government_code and not identifiers.is_local_government_code(
			self.local_government_code
		):
			frappe.throw(
				_("The local government code must be 6 digits with a valid check digit, e.g. 085464."),
				title=_("Invalid Local Government Code"),
			)

	def validate_scan_rules(self):
		rows = [
			{"kind": r.kind, "pattern": r.pattern, "value_group": r.value_group}
			for r in self.scan_rules
			if r.enabled
		]
		try:
			barcodes.rules_from_config(rows)
		except ValueError as error:
			frappe.throw(
				_("A scan rule is not valid: {0}").format(frappe.utils.escape_html(str(error))),
				title=_("Scan Rules"),
			)

	def on_change(self):
		slot_list_cache.changed()  # opening days and templates shape the residents' slot lists

	def on_update(self):
		# Frappe drops the cached settings only after on_update: what follows reads the new values
		frappe.clear_document_cache(self.doctype, self.name)
		town_rules.changed()
		if any(self.has_value_changed(f) for f in RULE_FIELDS):
			count = recompute_disposal_deadlines()
			frappe.msgprint(_("Disposal deadlines recomputed for {0} cards.").format(count), alert=True)
