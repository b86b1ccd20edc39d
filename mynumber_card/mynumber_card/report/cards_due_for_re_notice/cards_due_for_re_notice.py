# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.ledger.deadlines import cards_due_for_renotice
from mynumber_card.ledger.report_columns import card_columns

FIELDS = (
	"name",
	"full_name",
	"full_name_kana",
	"notice_number",
	"notice_date",
	"disposal_deadline",
	"address",
)


def execute(filters=None):
	filters = filters or {}
	return card_columns(*FIELDS), cards_due_for_renotice(filters.get("on"), FIELDS)
