# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

import frappe
from frappe import _

from mynumber_card.core import queue
from mynumber_card.utils.text_document import TextDocument


class QueueTicketError(frappe.ValidationError):
	pass


class QueueTicket(TextDocument):
	"""A place in the counter queue. Written only by mynumber_card.counter_queue.tickets, which moves
	it through the core table; a ticket holds no personal data (a walk-in has no name at all)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		booking: DF.Link | None
		call_count: DF.Int
		called_at: DF.Datetime | None
		checked_in_at: DF.Datetime | None
		counter: DF.Int
		done_at: DF.Datetime | None
		for_counter: DF.Int
		kind: DF.Literal["Booked", "Walk-in"]
		last_called_at: DF.Datetime | None
		late: DF.Check
		location: DF.Link | None
		number: DF.Data | None
		purpose: DF.Link | None
		queue_key: DF.Datetime | None
		service_minutes: DF.Float
		serving_at: DF.Datetime | None
		state: DF.Literal["Waiting", "Called", "Serving", "Done", "Skipped", "To Staff", "Cancelled"]
		ticket_date: DF.Date | None
		transferred_from: DF.Int
		wait_minutes: DF.Float
	# end: auto-generated types

	def validate(self):
		before = self.get_doc_before_save()
		if before and before.state != self.state:
			if not queue.can_move(before.state, self.state):
				frappe.throw(
					_("A ticket cannot move from {0} to {1}.").format(_(before.state), _(self.state)),
					QueueTicketError,
				)


# "Call next" reads the oldest waiting ticket of the day under a row lock, walking this index in
# the order of the queue: the locking read stops at the first free ticket instead of locking every
# waiting one (a filesort would), so a second clerk skips to the next ticket.
QUEUE_INDEX = "queue_order_index"
# The same walk within one office: the clerks of two offices lock their own ranges of this index (a
# scan that finds no free ticket also locks the next entry after its range, another office's, until
# its commit: a short wait for that office, never a cycle, as it writes nothing after its scan).
OFFICE_QUEUE_INDEX = "office_queue_order_index"


def on_doctype_update():
	frappe.db.add_index("Queue Ticket", ["ticket_date", "state", "queue_key", "creation"], QUEUE_INDEX)
	frappe.db.add_index(
		"Queue Ticket", ["ticket_date", "location", "state", "queue_key", "creation"], OFFICE_QUEUE_INDEX
	)
	frappe.db.add_index("Queue Ticket", ["booking"])
