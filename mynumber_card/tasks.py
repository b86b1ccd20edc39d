"""Scheduled jobs (hooks.py scheduler_events)."""

import frappe
from frappe import _

from mynumber_card.core.roles import MANAGER
from mynumber_card.ledger.deadlines import cards_due_for_renotice, move_overdue_cards_to_pending_disposal
from mynumber_card.utils.isolated import run_isolated
from mynumber_card.utils.series import ensure_series_rows


def daily():
	"""Each step on its own, each card on its own: a card that cannot move is named in the Error Log,
	the others move, and the managers hear how many failed."""
	run_isolated("Daily", None, "naming series rows", ensure_series_rows)
	failed: list[str] = []
	moved = move_overdue_cards_to_pending_disposal(failed=failed)
	due = cards_due_for_renotice()
	if moved or due or failed:
		subject = _(
			"Card ledger: {0} cards moved to Pending Disposal, {1} cards due for a re-notice."
		).format(len(moved), len(due))
		if failed:
			subject += " " + _("{0} cards could not be moved: see the Error Log.").format(len(failed))
		notify_managers(subject)


def notify_managers(subject: str):
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	managers = frappe.get_all(
		"Has Role", filters={"role": MANAGER, "parenttype": "User"}, pluck="parent", distinct=True
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
