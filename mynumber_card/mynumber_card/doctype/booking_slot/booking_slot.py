# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime, get_time, getdate

from mynumber_card.booking import slot_list_cache
from mynumber_card.core.dates import wareki
from mynumber_card.core.slots import slot_key
from mynumber_card.utils.text_document import TextDocument


class BookingSlot(TextDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mynumber_card.mynumber_card.doctype.booking_slot_purpose.booking_slot_purpose import (
			BookingSlotPurpose,
		)

		booked_count: DF.Int
		capacity: DF.Int
		closed_reason: DF.Data | None
		end_time: DF.Time
		ends_at: DF.Datetime | None
		is_closed: DF.Check
		location: DF.Link
		opening_note: DF.Data | None
		purposes: DF.TableMultiSelect[BookingSlotPurpose]
		slot_date: DF.Date
		slot_key: DF.Data | None
		start_time: DF.Time
		starts_at: DF.Datetime | None
		title: DF.Data | None

	# end: auto-generated types
	def validate(self):
		start, end = get_time(self.start_time), get_time(self.end_time)
		if end <= start:
			frappe.throw(_("The slot must end after it starts."))
		if self.capacity < (self.booked_count or 0):
			frappe.throw(
				_("Capacity cannot be lower than the {0} places already booked.").format(self.booked_count)
			)
		day = getdate(self.slot_date)
		self.starts_at = get_datetime(f"{day} {start}")
		self.ends_at = get_datetime(f"{day} {end}")
		self.slot_key = slot_key(self.location, day, start)
		self.title = f"{wareki(day, with_weekday=True)} {start.strftime('%H:%M')} {self.location}"
		if not self.purposes:
			frappe.throw(_("Choose at least one purpose for the slot."))

	def on_trash(self):
		if frappe.db.exists("Card Booking", {"slot": self.name}):
			frappe.throw(_("This slot has bookings: close it instead of deleting it."))
		slot_list_cache.changed()

	def on_change(self):
		slot_list_cache.changed()  # the residents' cached slot lists show it (after db_set too)
