# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from mynumber_card.ledger.deadlines import cards_due_for_renotice
from mynumber_card.ledger.report_columns import WAITING_CARD_FIELDS, report_columns

FIELDS = WAITING_CARD_FIELDS


def execute(filters=None):
	filters = filters or {}
	return report_columns(*FIELDS), cards_due_for_renotice(filters.get("on"), FIELDS)
