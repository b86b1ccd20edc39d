# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe

from mynumber_card.utils.text_document import TextDocument


class QueueTicketAlert(TextDocument):
	"""A resident's request, made on the ticket page, to be told when the turn is near and when called:
	by Web Push, SMS or mail. Written only by mynumber_card.counter_queue.alerts; deleted when the
	ticket ends, and by the hourly clean-up for tickets of days past (no name, ever)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		called_key: DF.Data | None
		channel: DF.Literal["Web Push", "SMS", "Email"]
		email: DF.Data | None
		near_sent: DF.Check
		phone: DF.Data | None
		push_auth: DF.Data | None
		push_endpoint: DF.SmallText | None
		push_p256dh: DF.Data | None
		resident_language: DF.Data | None
		ticket: DF.Link
		ticket_date: DF.Date | None
	# end: auto-generated types


def on_doctype_update():
	frappe.db.add_index("Queue Ticket Alert", ["ticket_date", "ticket"])
