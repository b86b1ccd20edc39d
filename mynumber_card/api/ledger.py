"""Staff endpoints for the card ledger: one search box and bulk state changes from the list view."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions

from mynumber_card.core import lifecycle
from mynumber_card.core.dates import wareki
from mynumber_card.core.search import parse_card_query
from mynumber_card.ledger.card_query import where_typed
from mynumber_card.ledger.notices import record_returned_notice
from mynumber_card.utils.isolated import run_isolated

CARD = "MyNumber Card"
BULK_STATES = tuple(state for state, _label in lifecycle.BULK_MOVES)
# A card a clerk may not change, or not to that state: reported in the list, not logged as an error.
REFUSALS = (frappe.ValidationError, frappe.PermissionError)
# Up to this many cards change in the request; more go to a background job with a progress bar.
BULK_SYNC_LIMIT = 20
SEARCH_FIELDS = (
	"name",
	"full_name",
	"full_name_kana",
	"birth_date",
	"workflow_state",
	"notice_number",
	"application_id",
	"disposal_deadline",
)


@frappe.whitelist(methods=["GET", "POST"])
def search_cards(query: str, limit: int = 20) -> list[dict]:
	"""Find cards by 申請書ID, notice number, or name (kanji or kana) with or without a birth date."""
	frappe.has_permission(CARD, "read", throw=True)
	parsed = parse_card_query(query)
	if parsed.is_empty:
		return []
	card = frappe.qb.DocType(CARD)
	q = (
		frappe.qb.from_(card)
		.select(*(card[f] for f in SEARCH_FIELDS))
		.orderby(card.kana_key)
		.limit(min(int(limit), 100))
	)
	q = where_typed(q, card, parsed)
	rows = q.run(as_dict=True)
	for row in rows:
		row.birth_date_wareki = wareki(row.birth_date)  # residents give their birth date in 和暦
	return rows


@frappe.whitelist(methods=["POST"])
def apply_card_action(card: str, action: str, values: dict | str | None = None) -> dict:
	"""A workflow action with what it needs recorded (who received the card, the cause of a disposal,
	how a loss was reported…), in one transaction: refused, it writes nothing."""
	values = frappe.parse_json(values) if isinstance(values, str) else (values or {})
	if not isinstance(values, dict):
		frappe.throw(_("Unexpected input."))
	allowed = lifecycle.ACTION_FIELDS.get(action, ())
	unexpected = sorted(set(values) - set(allowed))
	if unexpected:
		frappe.throw(
			_("These cannot be recorded with {0}: {1}").format(
				_(action), frappe.utils.escape_html(", ".join(unexpected))
			)
		)
	doc = frappe.get_doc(CARD, card, for_update=True)
	doc.check_permission("write")
	transition = next((t for t in get_transitions(doc) if t.action == action), None)
	if not transition:
		frappe.throw(
			_("{0} is not possible for this card now ({1}).").format(_(action), _(doc.workflow_state)),
			title=_("State change not allowed"),
		)
	doc.update(values)
	doc.workflow_state = transition.next_state
	doc.save()
	return {"name": doc.name, "workflow_state": doc.workflow_state}


@frappe.whitelist(methods=["POST"])
def bulk_transition(names: list[str] | str, next_state: str) -> dict:
	"""Move a selection of cards along (prepared, notices sent, a batch mailed, a box of returned
	mail); large selections run in the background."""
	names = frappe.parse_json(names) if isinstance(names, str) else names
	if next_state not in BULK_STATES:
		frappe.throw(_("Bulk change is only for: {0}").format(", ".join(_(s) for s in BULK_STATES)))
	if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
		frappe.throw(_("Select at least one card."))
	frappe.has_permission(CARD, "write", throw=True)

	if len(names) <= BULK_SYNC_LIMIT:
		return run_bulk_transition(names, next_state, background=False)
	job = frappe.enqueue(
		run_bulk_transition,
		queue="long",
		timeout=3600,
		names=names,
		next_state=next_state,
		background=True,
	)
	return {"queued": True, "count": len(names), "job_id": job.id if job else None}


def run_bulk_transition(names: list[str], next_state: str, background: bool = True) -> dict:
	def move(card):
		if card.workflow_state == next_state:
			return False
		card.workflow_state = next_state
		card.save()
		return True

	result = for_each_card(names, move, _("Changing cards to {0}").format(_(next_state)), background)
	result["next_state"] = next_state
	return result


@frappe.whitelist(methods=["POST"])
def record_returned_notices(names: list[str] | str) -> dict:
	"""A box of 交付通知書 came back undeliverable (返戻): each card records the day."""
	names = frappe.parse_json(names) if isinstance(names, str) else names
	if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
		frappe.throw(_("Select at least one card."))
	frappe.has_permission(CARD, "write", throw=True)

	return for_each_card(names, record_returned_notice, _("Recording returned notices"), background=False)


def for_each_card(names: list[str], change, title: str, background: bool) -> dict:
	"""Change each card in its own savepoint (utils/isolated): one refused card does not undo the
	others, and an unexpected error is logged. `change(card)` returns False when the card was
	already as wanted."""
	done, skipped, failed = 0, 0, []
	total = len(names)
	for index, name in enumerate(names, start=1):
		changed = []

		def step(name=name, changed=changed):
			card = frappe.get_doc(CARD, name)
			card.check_permission("write")
			changed.append(change(card))

		if run_isolated("Bulk card change", CARD, name, step, REFUSALS, failed):
			done, skipped = (done + 1, skipped) if changed[0] else (done, skipped + 1)
		if background and (index % 25 == 0 or index == total):
			frappe.publish_progress(
				index * 100 / total, title=title, description=_("{0} of {1}").format(index, total)
			)
			frappe.db.commit()  # background job: keep what is done if the worker stops
	result = {"done": done, "skipped": skipped, "failed": failed}
	if background:
		frappe.publish_realtime("mynumber_card_bulk_done", result, user=frappe.session.user)
	return result
