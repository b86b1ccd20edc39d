"""Which card a pickup booking is for: the resident proves it with the notice number and birth date.

This is the one check the ledger and the booking share; nothing else looks cards up for guests."""

import frappe
from frappe import _
from frappe.utils import getdate

from mynumber_card.booking import lookup_guard
from mynumber_card.core import lifecycle
from mynumber_card.core.dates import parse_birth_date
from mynumber_card.core.identifiers import normalize_notice_number
from mynumber_card.wording import office_name

CARD = "MyNumber Card"


class PickupCardError(frappe.ValidationError):
	pass


def find_card_for_pickup(notice_number: str | None, birth_date) -> str:
	"""The card awaiting pickup with this notice number and birth date; refuses clearly otherwise.

	The refusal does not tell a stranger whether the notice number exists."""
	notice = normalize_notice_number(notice_number)
	if not notice:
		frappe.throw(
			_("The notice number is 3 letters or digits and 6 digits, e.g. ABC-123456."), PickupCardError
		)
	if lookup_guard.is_locked(notice):
		frappe.throw(
			_(
				"This notice number is locked for a while after several wrong entries. Please call {0}."
			).format(office_name()),
			PickupCardError,
			title=_("Locked"),
		)
	birth = parse_birth_date(birth_date, getdate())
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card)
		.select(card.name, card.workflow_state, card.holder_left_date)
		.where((card.notice_number == notice) & (card.birth_date == birth))
	).run(as_dict=True)
	if not birth or not rows:
		lookup_guard.record_failure(notice)
		frappe.throw(
			_(
				"We could not find a card with this notice number and date of birth. "
				"Please check both against the issue notice."
			),
			PickupCardError,
			title=_("Card not found"),
		)
	row = rows[0]
	if row.holder_left_date and getdate(row.holder_left_date) <= getdate():
		# the 住基 list says the holder died or moved away: the card cannot be handed over
		message = _("This card cannot be booked for pickup. Please call {0}.").format(office_name())
	elif row.workflow_state in lifecycle.AWAITING_PICKUP:
		return row.name
	elif row.workflow_state == lifecycle.BOOKED:
		message = _("This card already has a pickup booking. Change or cancel it from your confirmation.")
	elif row.workflow_state == lifecycle.ISSUED:
		message = _("This card has already been handed over.")
	else:
		message = _("This card cannot be booked for pickup. Please call {0}.").format(office_name())
	frappe.throw(message, PickupCardError, title=_("Card not available"))
