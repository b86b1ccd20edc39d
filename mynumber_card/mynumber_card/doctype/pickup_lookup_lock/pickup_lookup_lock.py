# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe.utils import now_datetime

from mynumber_card.booking import lookup_guard
from mynumber_card.roles import only_staff
from mynumber_card.utils.text_document import TextDocument


class PickupLookupLock(TextDocument):
	"""A notice number locked after repeated wrong birth dates on the public pickup form."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		failures: DF.Int
		locked_at: DF.Datetime | None
		locked_until: DF.Datetime | None
		notice_number: DF.Data | None
		unlocked: DF.Check
		unlocked_at: DF.Datetime | None
		unlocked_by: DF.Link | None
	# end: auto-generated types

	@frappe.whitelist()
	def unlock(self):
		"""Staff lift the lock after the resident called and proved who they are."""
		# Reading a lock is already checked; lifting one is a counter task, so any staff member may.
		only_staff()
		lookup_guard.clear(self.notice_number)
		self.db_set({"unlocked": 1, "unlocked_by": frappe.session.user, "unlocked_at": now_datetime()})
