"""The renewal queue (更新対象者): holders whose card or e-certificate expires within the town's window
or has expired, with what they must renew; and the guide letters sent to them."""

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
	"""Issued cards not yet replaced whose card or certificate is due; the database narrows by date,
	the rule in core decides and names what is due."""
	start = getdate(on or today())
	months = renewal_window_months() if months is None else months
	window_end = validity.renewal_window_end(start, months)  # the core rule's own bound
	card = frappe.qb.DocType(CARD)
	query = (
		frappe.qb.from_(card)
		.select(*(card[f] for f in QUEUE_FIELDS))
		.where(
			(card.workflow_state == lifecycle.ISSUED)
			& card.replaced_by_card.isnull()
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
			months,
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
