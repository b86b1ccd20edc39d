"""Staff endpoints for the card ledger: one search box and bulk state changes from the list view."""

import frappe
from frappe import _

from mynumber_card.core import lifecycle
from mynumber_card.core.search import parse_card_query
from mynumber_card.ledger.card_query import where_typed
from mynumber_card.utils.jinja import wareki

CARD = "MyNumber Card"
BULK_STATES = (lifecycle.PREPARED, lifecycle.NOTICE_SENT)
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
def bulk_transition(names: list[str] | str, next_state: str) -> dict:
	"""Move a selection of cards to Prepared or Notice Sent; large selections run in the background."""
	names = frappe.parse_json(names) if isinstance(names, str) else names
	if next_state not in BULK_STATES:
		frappe.throw(_("Bulk change is only for {0} and {1}.").format(*(_(s) for s in BULK_STATES)))
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
	"""Change each card in its own savepoint: one refused card does not undo the others."""
	done, skipped, failed = 0, 0, []
	total = len(names)
	for index, name in enumerate(names, start=1):
		try:
			frappe.db.savepoint("bulk_card")
			card = frappe.get_doc(CARD, name)
			if card.workflow_state == next_state:
				skipped += 1
				continue
			card.check_permission("write")
			card.workflow_state = next_state
			card.save()
			done += 1
		except Exception as error:
			frappe.db.rollback(save_point="bulk_card")
			failed.append({"name": name, "error": frappe.utils.strip_html(str(error))[:200]})
			frappe.clear_last_message()
		if background and (index % 25 == 0 or index == total):
			frappe.publish_progress(
				index * 100 / total,
				title=_("Changing cards to {0}").format(_(next_state)),
				description=_("{0} of {1}").format(index, total),
			)
			frappe.db.commit()  # background job: keep what is done if the worker stops
	result = {"done": done, "skipped": skipped, "failed": failed, "next_state": next_state}
	if background:
		frappe.publish_realtime("mynumber_card_bulk_done", result, user=frappe.session.user)
	return result
