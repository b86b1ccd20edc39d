"""What a resident's pickup booking does to the card: Booked while it stands, back when it is cancelled."""

import frappe
from frappe import _

from mynumber_card.core import lifecycle
from mynumber_card.core.resident_languages import letters_in
from mynumber_card.ledger.transitions import apply_system_transition

CARD = "MyNumber Card"


def book_card(card_name: str, booking_name: str, language: str | None = None):
	"""The card is Booked; `language`, the one the holder booked in, becomes the language of the
	holder's later letters (renewal) unless staff chose one."""
	card = frappe.get_doc(CARD, card_name, for_update=True)
	if card.workflow_state not in lifecycle.AWAITING_PICKUP:
		frappe.throw(_("This card cannot be booked for pickup now."), frappe.ValidationError)
	card.letter_language = letters_in(card.letter_language, language)
	return apply_system_transition(card, lifecycle.BOOKED, _("Pickup booked: {0}").format(booking_name))


def release_card(card_name: str, booking_name: str):
	"""The booking was cancelled or missed: the card goes back to where it was before."""
	card = frappe.get_doc(CARD, card_name, for_update=True)
	if card.workflow_state != lifecycle.BOOKED:
		return card
	back = lifecycle.state_after_cancelled_booking(card.state_before_booking, card.renotice_date)
	return apply_system_transition(card, back, _("Pickup booking {0} cancelled.").format(booking_name))


def booking_for_card(card: str, states: tuple[str, ...]) -> str | None:
	"""The booking in one of these states that picks up this card, for the holder or a family member."""
	booking = frappe.qb.DocType("Card Booking")
	member = frappe.qb.DocType("Card Booking Member")
	direct = (
		frappe.qb.from_(booking)
		.select(booking.name)
		.where((booking.card == card) & booking.workflow_state.isin(states))
	).run(pluck=True)
	family = (
		frappe.qb.from_(member)
		.join(booking)
		.on(booking.name == member.parent)
		.select(booking.name)
		.where((member.card == card) & booking.workflow_state.isin(states))
	).run(pluck=True)
	return (direct + family or [None])[0]
