"""Disposal deadlines across the ledger: recomputed when the rules change, enforced every day."""

from datetime import timedelta
from functools import partial

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import lifecycle
from mynumber_card.core.deadlines import (
	application_counted_from,
	disposal_deadline,
	is_overdue,
	renotice_due,
)
from mynumber_card.ledger.transitions import apply_system_transition
from mynumber_card.settings import disposal_rules
from mynumber_card.utils.isolated import run_isolated

CARD = "MyNumber Card"


# what a card's 廃棄予定日 is computed from (transitions.set_disposal_deadline takes the same)
DEADLINE_INPUTS = (
	"name",
	"notice_date",
	"renotice_date",
	"disposal_hold_until",
	"application_received_date",
	"received_date",
)


def recompute_disposal_deadlines() -> int:
	"""Recompute the deadline of every card that is still waiting for its holder; returns the count.

	Cards are grouped by their new deadline so that 100,000 cards take a few hundred updates."""
	rules = disposal_rules()
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card)
		.select(*(getattr(card, field) for field in DEADLINE_INPUTS))
		.where(card.workflow_state.isin(lifecycle.HAS_DISPOSAL_DEADLINE))
	).run(as_dict=True)
	by_deadline: dict = {}
	for row in rows:
		# the same inputs as transitions.set_disposal_deadline, so a recompute keeps a 廃棄保留 hold
		deadline = disposal_deadline(
			rules,
			_date(row.notice_date),
			_date(row.renotice_date),
			_date(row.disposal_hold_until),
			application_counted_from(_date(row.application_received_date), _date(row.received_date)),
		)
		by_deadline.setdefault(deadline, []).append(row.name)
	for deadline, names in by_deadline.items():
		for start in range(0, len(names), 1000):
			(
				frappe.qb.update(card)
				.set(card.disposal_deadline, deadline)
				.where(card.name.isin(names[start : start + 1000]))
			).run()
	return len(rows)


def _date(value):
	return getdate(value) if value else None


def move_overdue_cards_to_pending_disposal(on=None, failed: list[str] | None = None) -> list[str]:
	"""Daily: cards still awaiting pickup after their deadline become Pending Disposal.

	Each card moves on its own: one that cannot is rolled back, named in the Error Log (and added to
	`failed`), and the others still move."""
	on = getdate(on or today())
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card)
		.select(card.name, card.workflow_state, card.disposal_deadline)
		.where(card.workflow_state.isin(lifecycle.AWAITING_PICKUP) & (card.disposal_deadline < on))
	).run(as_dict=True)
	moved = []
	for row in rows:
		if not is_overdue(row.workflow_state, getdate(row.disposal_deadline), on):
			continue
		if run_isolated("Disposal deadline", CARD, row.name, partial(_move_to_pending_disposal, row)):
			moved.append(row.name)
		elif failed is not None:
			failed.append(row.name)
	return moved


def _move_to_pending_disposal(row):
	apply_system_transition(
		frappe.get_doc(CARD, row.name),
		lifecycle.PENDING_DISPOSAL,
		_("Disposal deadline {0} passed.").format(frappe.format(row.disposal_deadline, "Date")),
	)


def cards_due_for_renotice(on=None, fields: tuple[str, ...] = ("name",)) -> list[dict]:
	"""Cards sent a first notice long enough ago, with no booking nor visit yet, oldest notice first."""
	on = getdate(on or today())
	rules = disposal_rules()
	if not rules.renotice_after_days:
		return []
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card)
		.select(*(card[f] for f in dict.fromkeys((*fields, "notice_date"))))
		.where(
			(card.workflow_state == lifecycle.NOTICE_SENT)
			& (card.notice_date <= on - timedelta(days=rules.renotice_after_days))
		)
		.orderby(card.notice_date)
		.orderby(card.name)
	).run(as_dict=True)
	# the database narrowed it down; the rule itself stays in core
	return [row for row in rows if renotice_due(rules, lifecycle.NOTICE_SENT, getdate(row.notice_date), on)]
