"""What the pickup guide letter (交付予約のご案内) needs, for one card or a whole delivery."""

import frappe
from frappe.utils import get_url

PICKUP_BOOKING_ROUTE = "pickup-booking"
LETTER_FIELDS = (
	"name",
	"full_name",
	"notice_number",
	"postal_code",
	"address",
	"disposal_deadline",
	"workflow_state",
)


def pickup_booking_url() -> str:
	return get_url(f"/{PICKUP_BOOKING_ROUTE}")


def guide_letter_context(doc) -> dict:
	"""Cards to print (the card itself, or every card of a delivery by furigana) and the town."""
	if doc.doctype == "Card Delivery":
		cards = frappe.get_all(
			"MyNumber Card",
			filters={"delivery": doc.name},
			fields=list(LETTER_FIELDS),
			order_by="kana_key asc, name asc",
		)
	else:
		cards = [frappe._dict({f: doc.get(f) for f in LETTER_FIELDS})]
	settings = frappe.get_cached_doc("MyNumber Card Settings")
	items = [line.strip() for line in (settings.pickup_items_to_bring or "").splitlines() if line.strip()]
	return {"cards": cards, "settings": settings, "items": items, "booking_url": pickup_booking_url()}
