"""Every card stored before card generations were kept is a current card (the card since 2016): say
so on the card, so that a town switching new cards to the next generation leaves them as they are."""

import frappe

from mynumber_card.core import validity

CARD = "MyNumber Card"


def execute():
	card = frappe.qb.DocType(CARD)
	frappe.qb.update(card).set(card.card_generation, validity.CURRENT.code).where(
		card.card_generation.isnull() | (card.card_generation == "")
	).run()
