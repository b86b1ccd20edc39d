"""Cards recorded before the ledger knew the 発行日: take the day the town received the card as an
estimate (marked so, for staff to correct from the card) and recompute validity from it."""

import frappe
from frappe.utils import getdate

from mynumber_card.core import validity

CARD = "MyNumber Card"


def execute():
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card)
		.select(card.name, card.birth_date, card.received_date, card.creation, card.certificates_declined)
		.where(card.card_issue_date.isnull())
	).run(as_dict=True)
	for row in rows:
		made = getdate(row.received_date or row.creation)
		values = {card.card_issue_date: made, card.card_issue_date_estimated: 1}
		if row.birth_date:
			birth = getdate(row.birth_date)
			carried = validity.certificates_carried(birth, made, declined=bool(row.certificates_declined))
			result = validity.card_validity(birth, made, certificates=carried)
			values.update(
				{
					card.card_expiry_date: result.card,
					card.certificate_expiry_date: result.certificate,
					card.has_signing_certificate: int(carried.signing),
					card.has_user_certificate: int(carried.user),
				}
			)
		query = frappe.qb.update(card).where(card.name == row.name)
		for field, value in values.items():
			query = query.set(field, value)
		query.run()
