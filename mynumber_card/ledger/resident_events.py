"""The 住基 list of deaths and moves, brought into the ledger: the thin step around
core/resident_events.py.

The upload is read in memory and never saved (as Card Import does): a row holding a 個人番号 is
refused, and a 個人番号 column refuses the whole file. Each row is matched to the ledger's cards by
name and date of birth (one query per batch of rows), and its event written on the card it matches,
each card in its own savepoint. What stays is a Resident Event Import with the counts and one line
per row: its number, the outcome, the card(s), the event and its date — never a name or a birth date
from the file.

Why not an import type of Card Import: that one inserts new cards through Frappe's Data Import, in
chunks, in a background job, with Data Import's own row log and retry; this one changes a field or two
on cards that exist, in one request, and its rows end as matched, not found or ambiguous. Sharing the
doctype would mean a branch in every step of both (and its columns, states and buttons), so only the
rules are shared: the header and cell checks of core/card_import.py and the spreadsheet reader.
"""

import json
from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from mynumber_card.core import lifecycle
from mynumber_card.core import resident_events as rules
from mynumber_card.core.card_import import ImportFileError, Problem
from mynumber_card.core.spreadsheet import SpreadsheetError, iter_rows
from mynumber_card.ledger import card_import

CARD = "MyNumber Card"
EVENT_IMPORT = "Resident Event Import"
MAX_ROWS = 5000  # one request: a town's list for a month or a year is far smaller
FAILED = "failed"  # the card refused the change when saved (shell only)

EVENT_PROBLEMS = {
	"bad_event": "Not an event this import knows. Write 死亡, 転出, 国外転出 or 消除（その他）.",
	"event_before_birth": "The date of the event is before the date of birth.",
	"event_far_ahead": "The date of the event is more than a month ahead.",
}
# How each outcome is counted on the record and shown in the list.
GROUPS = {
	rules.RECORDED: "rows_recorded",
	rules.ALREADY: "rows_unchanged",
	rules.NO_LIVE_CARD: "rows_unchanged",
	rules.NOT_FOUND: "rows_not_found",
	rules.AMBIGUOUS: "rows_ambiguous",
	rules.OTHER_EVENT: "rows_to_check",
	rules.ISSUED_AFTER: "rows_to_check",
	FAILED: "rows_to_check",
	rules.REFUSED: "rows_refused",
}


class ResidentEventImportError(frappe.ValidationError):
	pass


# Reading the list and matching it ----------------------------------------------------------------


def check_upload(filename: str, content: bytes, dry_run: bool = True) -> dict:
	"""Read the upload in memory, decide every row, and (unless a dry run) write the events on the
	cards and record the import. Returns the report the desk shows."""
	if len(content) > card_import.max_upload_bytes():
		card_import.file_refused(
			_("The file is larger than {0} MB.").format(card_import.max_upload_bytes() // (1024 * 1024))
		)
	try:
		header, rows = rules.read_list(iter_rows(filename, content), getdate())
		rows = list(_capped(rows))
		plan = rules.plan(rows, cards_for, header.ignored)
	except SpreadsheetError as error:
		card_import.file_refused(_(card_import.FILE_MESSAGES[error.code]))
	except ImportFileError as error:
		card_import.file_refused(card_import.file_error_message(error))

	failed = {} if dry_run else apply(plan)
	results = [row_result(outcome, failed.get(outcome.row)) for outcome in plan.outcomes]
	report = {
		"file_name": card_import.safe_file_name(filename),
		"counts": counts(results),
		"results": results,
		"ignored_columns": plan.ignored_columns,
		"dry_run": bool(dry_run),
	}
	if not dry_run:
		report["resident_event_import"] = record(report)
		_comment_on_cards(plan, failed, report["resident_event_import"])
	return report


def _capped(rows):
	for count, row in enumerate(rows, start=1):
		if count > MAX_ROWS:
			card_import.file_refused(
				_("The file has more than {0} rows: split it and import the parts one after another.").format(
					MAX_ROWS
				)
			)
		yield row


# what the import matches an event against (rules.CardOnFile)
CARD_ON_FILE_FIELDS = (
	"name",
	"name_key",
	"kana_key",
	"birth_date",
	"workflow_state",
	"issued_date",
	"holder_left_date",
	"holder_left_reason",
	"replaces_card",
	"disposal_cause",
)


def cards_for(events: list[rules.Event]) -> list[rules.CardOnFile]:
	"""The ledger's cards whose name and birth date are those of one of the events: one query."""
	keys = {rules.person_key(e.full_name, e.birth_date) for e in events}
	if not keys:
		return []
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card)
		.select(*(getattr(card, field) for field in CARD_ON_FILE_FIELDS))
		.where(card.name_key.isin(sorted({k[0] for k in keys})))
		.where(card.birth_date.isin(sorted({k[1] for k in keys})))
		.run(as_dict=True)
	)
	return [
		rules.CardOnFile(
			name=r.name,
			name_key=r.name_key or "",
			birth_date=getdate(r.birth_date),
			state=r.workflow_state or lifecycle.RECEIVED,
			kana_key=r.kana_key or None,
			issued_date=getdate(r.issued_date) if r.issued_date else None,
			left_date=getdate(r.holder_left_date) if r.holder_left_date else None,
			left_reason=r.holder_left_reason or None,
			replaces_card=r.replaces_card or None,
			disposal_cause=r.disposal_cause or None,
		)
		for r in rows
		if (r.name_key, getdate(r.birth_date)) in keys
	]


# Writing the events on the cards ------------------------------------------------------------------


def apply(plan: rules.Plan) -> dict[int, str]:
	"""Write each row's changes on its card(s), each row in its own savepoint: a card that refuses the
	change (its own checks) leaves the row's cards as they were, and the row is reported. Returns
	{row: message} for those rows."""
	frappe.has_permission(CARD, "write", throw=True)
	failed: dict[int, str] = {}
	for outcome in plan.outcomes:
		if not outcome.changes:
			continue
		frappe.db.savepoint("resident_event")
		try:
			for change in outcome.changes:
				card = frappe.get_doc(CARD, change.card, for_update=True)
				card.check_permission("write")
				card.holder_left_date = change.event_date
				card.holder_left_reason = change.event
				if change.disposal_cause and not card.disposal_cause:
					card.disposal_cause = change.disposal_cause
				card.save()
		except frappe.ValidationError as error:
			frappe.db.rollback(save_point="resident_event")
			frappe.clear_last_message()
			failed[outcome.row] = frappe.utils.strip_html(str(error))[:300]
			continue
		frappe.db.release_savepoint("resident_event")
	return failed


def _comment_on_cards(plan: rules.Plan, failed: dict[int, str], import_name: str):
	"""The card's own timeline says where the change came from (the form also keeps the version)."""
	for outcome in plan.outcomes:
		if outcome.row in failed:
			continue
		for change in outcome.changes:
			frappe.get_doc(CARD, change.card).add_comment(
				"Info",
				_("Resident record: {0} on {1}, from the list imported in {2}.").format(
					_(change.event), frappe.format(change.event_date, "Date"), import_name
				),
			)


def record(report: dict) -> str:
	doc = frappe.get_doc(
		{
			"doctype": EVENT_IMPORT,
			"file_name": report["file_name"],
			**report["counts"],
			"results": json.dumps(report["results"], ensure_ascii=False),
		}
	)
	doc.flags.from_upload = True
	doc.insert()
	return doc.name


# The report -------------------------------------------------------------------------------------


def counts(results: list[dict]) -> dict[str, int]:
	found = {"rows_in_file": len(results), **dict.fromkeys(set(GROUPS.values()), 0)}
	for result in results:
		found[GROUPS[result["outcome"]]] += 1
	return found


def row_result(outcome: rules.RowOutcome, failure: str | None = None) -> dict:
	"""One row as the desk shows it and the record keeps it: no name or birth date from the file."""
	kind = FAILED if failure else outcome.outcome
	return {
		"row": outcome.row,
		"outcome": kind,
		"group": GROUPS[kind],
		"cards": [] if kind in (rules.AMBIGUOUS, rules.NOT_FOUND) else outcome.cards,
		"event": outcome.event,
		"event_label": _(outcome.event) if outcome.event else "",
		"event_date": outcome.event_date.isoformat() if outcome.event_date else None,
		"message": _("Row {0}: {1}").format(outcome.row, outcome_message(outcome, failure)),
	}


def outcome_message(outcome: rules.RowOutcome, failure: str | None = None) -> str:
	if failure:
		return _("The card refused the change: {0}").format(failure)
	if outcome.outcome == rules.REFUSED:
		return " ".join(problem_text(p) for p in outcome.problems)
	if outcome.outcome == rules.RECORDED:
		lines = []
		held = [c.card for c in outcome.changes if not c.not_handed_over]
		if held:
			lines.append(
				_("Recorded on {0}: the card is no longer counted as held from {1}.").format(
					", ".join(held), _date(outcome.event_date)
				)
			)
		for change in outcome.changes:
			if change.not_handed_over:
				lines.append(_("Recorded on {0}.").format(change.card))
				lines.append(
					_(
						"{0} has not been handed over: it can no longer be handed over. Mark it for disposal (cause: {1})."
					).format(change.card, _(rules.DISPOSAL_CAUSE[change.event]))
				)
		return " ".join(lines)
	if outcome.outcome == rules.ALREADY:
		return _("Already recorded on {0}: nothing changed.").format(", ".join(outcome.cards))
	if outcome.outcome == rules.NO_LIVE_CARD:
		return _("The holder's cards are already returned, revoked or disposed: nothing to change.")
	if outcome.outcome == rules.NOT_FOUND:
		return _("No card with this name and date of birth: nothing changed.")
	if outcome.outcome == rules.AMBIGUOUS:
		return _(
			"{0} different holders have this name and date of birth: nothing changed. Record the event on the right card by hand."
		).format(outcome.holders)
	if outcome.outcome == rules.OTHER_EVENT:
		return _(
			"{0} already records another change ({1} on {2}): nothing changed. Check the resident record and correct the card by hand if needed."
		).format(outcome.other.name, _(outcome.other.left_reason), _date(outcome.other.left_date))
	return _(
		"{0} was handed over on {1}, after this event: nothing changed (the holder may have moved back). Check the resident record."
	).format(outcome.other.name, _date(outcome.other.issued_date))


def problem_text(problem: Problem) -> str:
	"""What is wrong with a cell, with its column; never the cell's content."""
	message = EVENT_PROBLEMS.get(problem.code) or card_import.PROBLEM_MESSAGES[problem.code]
	if problem.letter:
		return _("Column {0} ({1}): {2}").format(problem.letter, problem.column or "-", _(message))
	return _(message)


def _date(value: date | None) -> str:
	return frappe.format(value, "Date") if value else "-"
