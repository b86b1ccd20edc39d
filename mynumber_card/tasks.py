"""Scheduled jobs (hooks.py scheduler_events)."""

import frappe
from frappe import _

from mynumber_card.ledger.deadlines import cards_due_for_renotice, move_overdue_cards_to_pending_disposal
from mynumber_card.utils.series import ensure_series_rows


def daily():
	ensure_series_rows()
	moved = move_overdue_cards_to_pending_disposal()
	due = cards_due_for_renotice()
	if moved or due:
		notify_managers(
			_("Card ledger: {0} cards moved to Pending Disposal, {1} cards due for a re-notice.").format(
				len(moved), len(due)
			)
		)


def notify_managers(subject: str):
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	managers = frappe.get_all(
		"Has Role", filters={"role": "Card Manager", "parenttype": "User"}, pluck="parent", distinct=True
	)
	users = [u for u in managers if frappe.db.get_value("User", u, "enabled")]
	if users:
		enqueue_create_notification(
			users,
			{
				"type": "Alert",
				"document_type": "MyNumber Card",
				"subject": subject,
				"from_user": "Administrator",
			},
		)
