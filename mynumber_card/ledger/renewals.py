"""Card holders whose card or e-certificate expires soon: the people a renewal booking is for."""

import frappe
from frappe.utils import add_months, getdate, today

from mynumber_card.core import lifecycle

CARD = "MyNumber Card"


def cards_due_for_renewal(on=None, months: int = 3) -> list[dict]:
	start = getdate(on or today())
	end = getdate(add_months(start, months))
	card = frappe.qb.DocType(CARD)
	return (
		frappe.qb.from_(card)
		.select(
			card.name,
			card.full_name,
			card.full_name_kana,
			card.birth_date,
			card.card_expiry_date,
			card.certificate_expiry_date,
			card.address,
		)
		.where(
			(card.workflow_state == lifecycle.ISSUED)
			& (card.card_expiry_date.between(start, end) | card.certificate_expiry_date.between(start, end))
		)
		.orderby(card.certificate_expiry_date)
	).run(as_dict=True)
