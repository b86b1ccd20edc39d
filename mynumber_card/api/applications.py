"""Staff endpoint for the booking form: record the Card Applications of a 申請サポート visit by hand
(a purpose that does not record them on completion, or a visit completed before it did)."""

import frappe
from frappe import _

from mynumber_card.core import booking_states
from mynumber_card.ledger import applications

BOOKING = "Card Booking"


@frappe.whitelist(methods=["POST"])
def record_from_booking(booking: str) -> dict:
	"""The booking's applications, made now unless it has some already."""
	doc = frappe.get_doc(BOOKING, booking)
	doc.check_permission("read")
	frappe.has_permission(applications.APPLICATION, "create", throw=True)
	if doc.workflow_state not in (booking_states.CHECKED_IN, booking_states.COMPLETED):
		frappe.throw(
			_("Applications are recorded for a visit that has come: check the booking in first."),
			applications.CardApplicationError,
		)
	if frappe.get_cached_value("Booking Purpose", doc.purpose, "is_pickup"):
		frappe.throw(
			_("A card pickup is not an application: no Card Application is recorded for it."),
			applications.CardApplicationError,
		)
	existed = bool(frappe.db.exists(applications.APPLICATION, {"booking": doc.name}))
	names = applications.record_from_booking(doc, check_permission=True)
	return {"applications": names, "created": not existed}
