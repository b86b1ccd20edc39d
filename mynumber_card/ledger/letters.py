"""The ledger's letters: the pickup guide (交付予約のご案内) for one card or a whole delivery, and the
renewal guide (更新のご案内) for one card or a batch from the renewal queue."""

from urllib.parse import quote

import frappe
from frappe.utils import get_url, getdate
from markupsafe import Markup

from mynumber_card import resident_language, settings
from mynumber_card.booking.purposes import renewal_purpose
from mynumber_card.core import deadlines, residence, validity
from mynumber_card.ledger.renewals import renewal_window_months
from mynumber_card.ledger.residence import renewal_action
from mynumber_card.settings import reissue_fees
from mynumber_card.wording import office_name, pickup_bring, pickup_deadline_months, residents_language

PICKUP_BOOKING_ROUTE = "pickup-booking"
# one holder's page of each letter (templates/print/<kind>_letter_page.html)
LETTER_PAGES = {
	"guide": "mynumber_card/templates/print/guide_letter_page.html",
	"renewal": "mynumber_card/templates/print/renewal_letter_page.html",
}
LETTER_FIELDS = (
	"name",
	"letter_language",
	"full_name",
	"notice_number",
	"postal_code",
	"address",
	"notice_date",
	"renotice_date",
	"workflow_state",
)


def letter_page(kind: str, card, ctx: dict) -> Markup:
	"""One holder's page in the holder's language (the card's 案内状の言語; the town's language when
	unset), dates in 和暦 in Japanese and in the Western calendar otherwise. Each page is rendered on
	its own, so one batch prints every holder in their own language."""
	with residents_language(card.get("letter_language") or None):
		context = {
			"card": card,
			"ctx": ctx,
			"s": ctx["settings"],
			"booking_url": ctx["booking_url"],
			"letter_lang": resident_language.html_lang_of(frappe.local.lang),
		}
		# the page is escaped as it is rendered (autoescape in the template)
		return Markup(frappe.render_template(LETTER_PAGES[kind], context))


def pickup_booking_url() -> str:
	return get_url(f"/{PICKUP_BOOKING_ROUTE}")


def guide_letter_context(doc) -> dict:
	"""Cards to print (the card itself, or every card of a delivery by furigana), each with the 受取期限
	its notice gives, and the town."""
	if doc.doctype == "Card Delivery":
		cards = frappe.get_all(
			"MyNumber Card",
			filters={"delivery": doc.name},
			fields=list(LETTER_FIELDS),
			order_by="kana_key asc, name asc",
		)
	else:
		cards = [frappe._dict({f: doc.get(f) for f in LETTER_FIELDS})]
	months, letter_date = pickup_deadline_months(), getdate()
	for card in cards:
		card.pickup_deadline = deadlines.pickup_deadline(
			months,
			getdate(card.notice_date) if card.notice_date else None,
			getdate(card.renotice_date) if card.renotice_date else None,
			letter_date,
		)
	return {
		"cards": cards,
		"settings": settings.contact(),
		"office": office_name(),
		"bring": pickup_bring(),
		"booking_url": pickup_booking_url(),
	}


RENEWAL_FIELDS = (
	"name",
	"letter_language",
	"full_name",
	"postal_code",
	"address",
	"card_expiry_date",
	"certificate_expiry_date",
	# what the holder must do: a foreign resident whose card ends with the stay changes its validity
	"birth_date",
	"card_issue_date",
	"application_received_date",
	"card_kind",
	"residence_status",
	"residence_expiry_date",
)


def renewal_booking_url() -> str:
	"""The booking form on the purpose marked 更新 (whatever the town calls it); the form alone if none is."""
	purpose = renewal_purpose()
	return get_url(f"/visit-booking?purpose={quote(purpose)}" if purpose else "/visit-booking")


def renewal_letter_context(doc=None, names: list[str] | None = None) -> dict:
	"""Letters for one card (its print format) or for the cards of a batch, in the given order."""
	if names is not None:
		by_name = {
			row.name: row
			for row in frappe.get_all(
				"MyNumber Card", filters={"name": ("in", names)}, fields=list(RENEWAL_FIELDS)
			)
		}
		cards = [by_name[name] for name in names if name in by_name]
	else:
		cards = [frappe._dict({f: doc.get(f) for f in RENEWAL_FIELDS})]
	on, window = getdate(), renewal_window_months()
	for card in cards:
		card_expires = getdate(card.card_expiry_date) if card.card_expiry_date else None
		certificate_expires = getdate(card.certificate_expiry_date) if card.certificate_expiry_date else None
		# a letter printed by hand outside the window speaks of what expires first
		card.due = validity.renewal_kind(card_expires, certificate_expires, on, window) or (
			validity.CERTIFICATE_DUE
			if certificate_expires and (not card_expires or certificate_expires < card_expires)
			else validity.CARD_DUE
		)
		card.action = renewal_action(card)
	fees = reissue_fees()
	return {
		"cards": cards,
		"settings": settings.contact(),
		"office": office_name(),
		"booking_url": renewal_booking_url(),
		"lapsed_fee": fees.card + fees.certificate,  # a card that lapsed is made again, paid
		"special_period_months": residence.SPECIAL_PERIOD_MONTHS,
	}
