"""The renewal queue (更新対象者): holders whose card or e-certificate expires within the town's window
or has expired, with what they must renew; and the guide letters sent to them. Holders who died or
moved away (a 住基 event on the card) are not in it."""

import frappe
from frappe.utils import getdate, today

from mynumber_card import settings
from mynumber_card.core import lifecycle, validity

CARD = "MyNumber Card"
QUEUE_FIELDS = (
	"name",
	"full_name",
	"full_name_kana",
	"birth_date",
	"card_expiry_date",
	"certificate_expiry_date",
	"renewal_letter_date",
	"postal_code",
	"address",
)


def renewal_window_months() -> int:
	return settings.get_int("renewal_window_months")


def cards_due_for_renewal(on=None, months: int | None = None, only_unsent: bool = False) -> list[dict]:
	"""Issued cards not yet replaced whose card or certificate is due; the database narrows by date
	(a superset), the rule in core decides and names what is due. The window is `months` when given
	(the report's filter); otherwise the town's setting for current cards and each other generation's
	own window (the next card, provisional: one year)."""
	start = getdate(on or today())
	town_months = renewal_window_months()

	def window(generation_code: str | None) -> int:
		if months is not None:
			return months
		generation = validity.generation_for(generation_code)
		return town_months if generation is validity.CURRENT else generation.renewal_window_months

	widest = max(window(code) for code in validity.GENERATION_CODES)
	window_end = validity.renewal_window_end(start, widest)  # the core rule's own bound
	card = frappe.qb.DocType(CARD)
	query = (
		frappe.qb.from_(card)
		.select(*(card[f] for f in QUEUE_FIELDS), card.card_generation)
		.where(
			(card.workflow_state == lifecycle.ISSUED)
			& card.replaced_by_card.isnull()
			# a holder who died or moved away (住基 events) gets no renewal letter
			& (card.holder_left_date.isnull() | (card.holder_left_date > start))
			& ((card.card_expiry_date <= window_end) | (card.certificate_expiry_date <= window_end))
		)
		.orderby(card.certificate_expiry_date)
		.orderby(card.name)
	)
	if only_unsent:
		query = query.where(card.renewal_letter_date.isnull())
	rows = []
	for row in query.run(as_dict=True):
		row.due = validity.renewal_kind(
			getdate(row.card_expiry_date) if row.card_expiry_date else None,
			getdate(row.certificate_expiry_date) if row.certificate_expiry_date else None,
			start,
			window(row.card_generation),
			generation=validity.generation_for(row.card_generation),
		)
		if row.due:
			rows.append(row)
	return rows


def record_letters(names: list[str], on=None) -> int:
	"""Mark the guide letters as sent (one update for the whole batch)."""
	if not names:
		return 0
	card = frappe.qb.DocType(CARD)
	frappe.qb.update(card).set(card.renewal_letter_date, getdate(on or today())).where(
		card.name.isin(names)
	).run()
	return len(names)
