"""The rows of the カード管理簿 (card ledger), for the desk report and the printed ledger alike.

A card enters the ledger on the day it was received from J-LIS, or, for a card J-LIS mailed straight
to its holder (特急発行), on the day it was recorded as mailed."""

import frappe
from frappe.query_builder.functions import Coalesce

from mynumber_card.core.search import parse_card_query
from mynumber_card.ledger.card_query import where_typed

# The day a card entered each state, in the order of its life.
DATE_FIELDS = (
	"received_date",
	"prepared_date",
	"notice_date",
	"notice_returned_date",
	"renotice_date",
	"mailed_date",
	"mail_returned_date",
	"issued_date",
	"disposal_deadline",
	"disposal_hold_until",
	"disposed_date",
	"suspended_date",
	"revoked_date",
	"returned_date",
)
FIELDS = (
	"name",
	"application_id",
	"notice_number",
	"full_name",
	"full_name_kana",
	"birth_date",
	"workflow_state",
	"issue_method",
	"delivery",
	*DATE_FIELDS,
	"old_juki_card_returned",
	"remarks",
)


def ledger_rows(
	from_date, to_date, state: str | None = None, delivery: str | None = None, typed: str | None = None
) -> list[dict]:
	"""Cards that entered the ledger in the period, in the order they did; narrowed to a state, a
	J-LIS delivery, or what staff typed (an ID, a notice number, a name) when given."""
	card = frappe.qb.DocType("MyNumber Card")
	entered = Coalesce(card.received_date, card.mailed_date)
	query = (
		frappe.qb.from_(card)
		.select(*(card[field] for field in FIELDS))
		.where(entered.between(from_date, to_date))
		.orderby(entered)
		.orderby(card.name)
	)
	if state:
		query = query.where(card.workflow_state == state)
	if delivery:
		query = query.where(card.delivery == delivery)
	if typed:
		query = where_typed(query, card, parse_card_query(typed))
	return query.run(as_dict=True)
