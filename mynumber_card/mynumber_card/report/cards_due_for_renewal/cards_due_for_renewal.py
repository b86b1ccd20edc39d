# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt

from frappe.utils import cint

from mynumber_card.ledger.renewals import cards_due_for_renewal
from mynumber_card.ledger.report_columns import card_columns


def execute(filters=None):
	filters = filters or {}
	rows = cards_due_for_renewal(filters.get("on"), cint(filters.get("months") or 3))
	return card_columns(
		"name",
		"full_name",
		"full_name_kana",
		"birth_date",
		"certificate_expiry_date",
		"card_expiry_date",
		"address",
	), rows
