"""The calling display's polling endpoint, for when the realtime socket is not there: open to guests
(the TV in the waiting area has no login), rate limited, numbers only."""

import frappe
from frappe.rate_limiter import rate_limit

from mynumber_card.counter_queue.display import display_state
from mynumber_card.counter_queue.offices import office_for


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=240, seconds=60)
@frappe.read_only()  # served from the replica when the site has one
def state(office: str | None = None) -> dict:
	"""The display's office is its page's ?office= (a town of one office sets none)."""
	return display_state(office_for(office))
