# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""更新対象者: holders whose card or e-certificate expires within the town's window or has expired."""

from frappe import _
from frappe.utils import cint

from mynumber_card.ledger.renewals import cards_due_for_renewal
from mynumber_card.ledger.report_columns import report_columns
from mynumber_card.ledger.residence import RENEWAL_ACTION_LABELS, renewal_actions

COLUMNS = (
	"name",
	"full_name",
	"full_name_kana",
	"birth_date",
	"due",
	"renewal_action",
	"certificate_expiry_date",
	"card_expiry_date",
	"renewal_letter_date",
	"address",
)


def execute(filters=None):
	filters = filters or {}
	months = filters.get("months")
	rows = cards_due_for_renewal(
		filters.get("on"),
		None if months in (None, "") else cint(months),
		bool(cint(filters.get("only_unsent"))),
	)
	# a foreign resident whose card ends with the stay: 有効期間変更, not a new card (J-LIS sends no notice)
	actions = renewal_actions([row.name for row in rows])
	for row in rows:
		row.due = _(row.due)
		row.renewal_action = _(RENEWAL_ACTION_LABELS[actions[row.name]])
	return report_columns(*COLUMNS), rows
