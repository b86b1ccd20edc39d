"""Personal data is kept only as long as the town needs it (APPI): a daily job removes names, birth
dates and contact details of bookings that are over and of disposed, returned or revoked cards (with
their counter services' proxies and their applications; an application that never led to a card
goes once withdrawn, or still waiting, for the period) after the days set in settings. Dates,
states, purposes and counts stay, so the statistics do not change.

What else holds those details goes too, each kind for its reason:
- With each record: what Frappe keeps beside it and deletes with it (delete_dynamic_links) —
  Versions (old field values), Comments (free text, attachment names) with their own Versions,
  Communications (mails written from the form), queued mails, ToDos, Notification and Activity Logs
  (their subjects are the record's title, the name) — and the files attached to it.
- Bookings left Checked In, never completed: over once their day is older than the period.
- Card Scan Logs: check-ins were logged as "Checked in: <name>, <purpose>" until the log stopped
  naming residents; those older than the period get the text a check-in is logged with now.
- SMS Logs of the app (the ones carrying the manage link): a phone number and a link to the booking.
  Frappe v15 has no SMS Log without ERPNext; a site without the table skips this.
- Deleted Documents of the app's doctypes: the whole record as JSON, names and all.
- Data Imports into the app's doctypes (a town's own import, or Card Import's parts before issue 25):
  the file holds every row; its Data Import Log rows, warnings and Versions can hold cell values.
- Files attached to a Card Import: the cleaned parts an import keeps while rows failed (names and
  all), with each part's list of failed rows, and whatever staff attached beside an import. Card
  Import keeps its counts and its problems (which never hold a cell's content).
- Error Logs, all of them: a traceback keeps the local variables (a booking, a resident's form
  fields, a queued SMS's number and link) and nothing says whose data a row holds. Frappe's Log
  Settings clears them after 14 days by default; this keeps a longer setting within the period.
- Access Logs stay (who exported or printed what, and when, is the audit trail), but lose their
  copies of the content past the period: the printed page (a report's HTML) and, for the app's
  doctypes and reports, the filters and columns (a filter can be a name).
Versions of live records stay: they are the record's audit trail and hold what the record holds.

The removal is a few bulk updates, the same values for every record: no record has a rule of its own
that could fail, so a loop per record would only multiply the statements. The records go in batches
instead, each in its own savepoint: a batch that fails is rolled back and named in the Error Log
(first and last record), the other batches are still done and the failed one is tried again the
next day."""

from functools import partial

import frappe
from frappe.query_builder import Criterion
from frappe.utils import add_days, today

from mynumber_card import settings
from mynumber_card.booking.links import MANAGE_ROUTE
from mynumber_card.core import applications, booking_states, lifecycle
from mynumber_card.scanner.modes import checked_in_log_message
from mynumber_card.utils.isolated import run_isolated

REMOVED = "（削除済）"
REMOVED_KANA = "サクジョズミ"
BATCH_SIZE = 500
MODULE = "MyNumber Card"


def anonymise_expired(on=None) -> dict:
	"""How many records of each kind lost their personal data (or went) on this run."""
	# 0 set on purpose keeps records; a site that never saved the field keeps the JSON default.
	days = settings.get_int("retention_days")
	if not days:
		return dict.fromkeys(KINDS, 0)
	cutoff = add_days(on or today(), -days)
	return {kind: _in_batches(label, find(cutoff), act) for kind, (label, find, act) in _steps().items()}


def _in_batches(doctype: str, names: list[str], action) -> int:
	"""How many records were handled; a failed batch is logged and left for the next run."""
	done = 0
	names = sorted(names)
	for start in range(0, len(names), BATCH_SIZE):
		batch = names[start : start + BATCH_SIZE]
		label = f"{batch[0]} … {batch[-1]} ({len(batch)})"
		if run_isolated("Retention", doctype, label, partial(action, batch)):
			done += len(batch)
	return done


def app_doctypes() -> list[str]:
	return frappe.get_all("DocType", filters={"module": MODULE}, pluck="name")


# Bookings and cards --------------------------------------------------------------------------------

# Bookings whose business is over: finished, and those left Checked In (never completed; the day is
# long past). A booking still Confirmed after its day becomes No-show by the hourly job first.
OVER_BOOKINGS = (booking_states.COMPLETED, booking_states.CHECKED_IN, *booking_states.RELEASING)
# Cards that left the holder's hands for good.
ENDED_CARDS = (lifecycle.DISPOSED, lifecycle.RETURNED, lifecycle.REVOKED)


def _expired_bookings(cutoff) -> list[str]:
	return _not_yet_anonymised(
		"Card Booking",
		lambda booking: booking.workflow_state.isin(OVER_BOOKINGS) & (booking.slot_date < cutoff),
	)


def _expired_cards(cutoff) -> list[str]:
	"""Each ended card counts from the day it entered its last state; a handed-over card whose holder
	died or moved away (a 住基 event) from that day: the town holds it no more."""
	return _not_yet_anonymised(
		"MyNumber Card",
		lambda card: Criterion.any(
			[
				*(
					(card.workflow_state == state) & (card[lifecycle.STATE_DATE_FIELDS[state]] < cutoff)
					for state in ENDED_CARDS
				),
				(card.workflow_state == lifecycle.ISSUED) & (card.holder_left_date < cutoff),
			]
		),
	)


def _expired_applications(cutoff) -> list[str]:
	"""Applications whose card lost its personal data, and those that never led to a card: withdrawn,
	or still waiting for J-LIS after the whole period (the resident applied again, or elsewhere)."""
	card = frappe.qb.DocType("MyNumber Card")
	anonymised_cards = frappe.qb.from_(card).select(card.name).where(card.anonymised == 1)
	return _not_yet_anonymised(
		APPLICATION,
		lambda application: application.card.isin(anonymised_cards)
		| ((application.status == applications.WITHDRAWN) & (application.withdrawn_on < cutoff))
		| (
			(application.status == applications.APPLIED)
			& application.card.isnull()
			& (application.applied_on < cutoff)
		),
	)


def _not_yet_anonymised(doctype: str, expired) -> list[str]:
	"""The names of the records `expired(table)` picks that still hold personal data."""
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.from_(table).select(table.name).where(expired(table) & (table.anonymised == 0))
	return query.run(pluck=True)


# What goes from each record: the fields emptied, and the names replaced by a mark that one was there.
# Dates, states, purposes and counts stay (the statistics count them).
BOOKING_CLEARED = (
	"birth_date",
	"phone",
	"email",
	"notice_number",
	"name_key",
	"cancel_reason",
	"remarks",
	"proxy_kind",
	"proxy_name",
	"proxy_name_kana",
	"proxy_relationship",
)
MEMBER_CLEARED = ("full_name_kana", "birth_date", "notice_number")
CARD_CLEARED = (
	"birth_date",
	"postal_code",
	"address",
	"remarks",
	"name_key",
	"kana_key",
	"proxy_name",
	"proxy_relationship",
	"handover_override_reason",
	"disposal_hold_reason",
	"disposal_reason",
	"police_report_number",
	"mail_tracking_number",
)
SERVICE_CLEARED = ("proxy_name", "proxy_relationship", "police_report_number", "remarks")
NAME_REMOVED = {"full_name": REMOVED, "full_name_kana": REMOVED_KANA}
APPLICATION = "Card Application"
APPLICATION_CLEARED = ("birth_date", "name_key", "residence_expiry_date", "place_name", "remarks")


def _anonymise_bookings(names: list[str]):
	_clear(
		"Card Booking", "name", names, BOOKING_CLEARED, {**NAME_REMOVED, "proxy_coming": 0, "anonymised": 1}
	)
	_clear("Card Booking Member", "parent", names, MEMBER_CLEARED, {"full_name": REMOVED})
	_forget_traces("Card Booking", names)


def _anonymise_cards(names: list[str]):
	_clear("MyNumber Card", "name", names, CARD_CLEARED, {**NAME_REMOVED, "anonymised": 1})
	_forget_traces("MyNumber Card", names)
	_clear("Card Service", "card", names, SERVICE_CLEARED)
	services = frappe.get_all("Card Service", filters={"card": ("in", names)}, pluck="name")
	if services:
		_forget_traces("Card Service", services)


def _anonymise_applications(names: list[str]):
	_clear(APPLICATION, "name", names, APPLICATION_CLEARED, {**NAME_REMOVED, "anonymised": 1})
	_forget_traces(APPLICATION, names)


def _clear(doctype: str, key: str, names: list[str], cleared: tuple[str, ...], values: dict | None = None):
	"""One update for the batch: the fields emptied and the others set, where `key` is one of names."""
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.update(table).where(table[key].isin(names))
	for field in cleared:
		query = query.set(table[field], None)
	for field, value in (values or {}).items():
		query = query.set(table[field], value)
	query.run()


# (doctype, its field naming the record's doctype, its field naming the record): what Frappe keeps
# beside a record and deletes with it (frappe.model.delete_doc.delete_dynamic_links), mails included.
TRACES = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Communication", "reference_doctype", "reference_name"),
	("Email Queue", "reference_doctype", "reference_name"),
	("ToDo", "reference_type", "reference_name"),
	("Notification Log", "document_type", "document_name"),
	("Activity Log", "reference_doctype", "reference_name"),
)


def _forget_traces(doctype: str, names: list[str]):
	"""Everything beside the records that repeats their details. Files first: deleting one adds an
	'Attachment Removed' comment (with its file name) to the record, which then goes too."""
	comments = frappe.get_all("Comment", filters=_refs("Comment", doctype, names), pluck="name")
	mails = frappe.get_all("Communication", filters=_refs("Communication", doctype, names), pluck="name")
	_delete_files(
		_attached_files(doctype, names) + (_attached_files("Communication", mails) if mails else [])
	)
	for trace, doctype_field, name_field in TRACES:
		frappe.db.delete(trace, {doctype_field: doctype, name_field: ("in", names)})
	if comments:
		frappe.db.delete("Version", {"ref_doctype": "Comment", "docname": ("in", comments)})
	if mails:
		frappe.db.delete("Communication Link", {"parent": ("in", mails)})


def _refs(trace: str, doctype: str, names: list[str]) -> dict:
	_trace, doctype_field, name_field = next(t for t in TRACES if t[0] == trace)
	return {doctype_field: doctype, name_field: ("in", names)}


def _attached_files(doctype: str, names: list[str]) -> list[str]:
	return frappe.get_all(
		"File", filters={"attached_to_doctype": doctype, "attached_to_name": ("in", names)}, pluck="name"
	)


def _delete_files(files: list[str]):
	"""One by one: Frappe removes the content from the disk only through the File's own delete.
	Permanently, or a Deleted Document would keep the file's record."""
	for name in files:
		frappe.delete_doc("File", name, ignore_permissions=True, delete_permanently=True)


# Logs and leftovers ----------------------------------------------------------------------------------

SCAN_LOG = "Card Scan Log"
# Only a check-in's log ever carried a name (modes.check_in); undoing it keeps its message.
NAMED_SCAN = {"mode": "Check-in", "result": ("OK", "Undone")}


def _scan_logs_with_names(cutoff) -> list[str]:
	log = frappe.qb.DocType(SCAN_LOG)
	return (
		frappe.qb.from_(log)
		.select(log.name)
		.where(
			(log.mode == NAMED_SCAN["mode"])
			& log.result.isin(NAMED_SCAN["result"])
			& (log.scanned_at < cutoff)
			& (log.message != checked_in_log_message())
		)
		.run(pluck=True)
	)


def _remove_names_from_scan_logs(names: list[str]):
	_clear(SCAN_LOG, "name", names, (), {"message": checked_in_log_message()})


SMS_LOG = "SMS Log"


def _app_sms_logs(cutoff) -> list[str]:
	if not frappe.db.table_exists(SMS_LOG):
		return []
	sms = frappe.qb.DocType(SMS_LOG)
	return (
		frappe.qb.from_(sms)
		.select(sms.name)
		.where((sms.creation < cutoff) & sms.message.like(f"%/{MANAGE_ROUTE}?%"))
		.run(pluck=True)
	)


def _old_deleted_records(cutoff) -> list[str]:
	return _older("Deleted Document", cutoff, lambda row: row.deleted_doctype.isin(app_doctypes()))


def _old_data_imports(cutoff) -> list[str]:
	"""Counted from the import's last run (a retry brings a failed import's rows in later)."""
	return _older(
		"Data Import", cutoff, lambda row: row.reference_doctype.isin(app_doctypes()), field="modified"
	)


def _purge_data_imports(names: list[str]):
	_forget_traces("Data Import", names)
	frappe.db.delete("Data Import Log", {"data_import": ("in", names)})
	frappe.db.delete("Data Import", {"name": ("in", names)})


def _old_card_import_files(cutoff) -> list[str]:
	return _older("File", cutoff, lambda row: row.attached_to_doctype == "Card Import")


def _purge_card_import_files(files: list[str]):
	"""A cleaned part goes with its list of failed rows: nothing is left to retry."""
	_delete_files(files)
	batch = frappe.qb.DocType("Card Import Batch")
	(
		frappe.qb.update(batch)
		.set(batch.cleaned_file, None)
		.set(batch.failures, None)
		.where(batch.cleaned_file.isin(files))
		.run()
	)


def _old_error_logs(cutoff) -> list[str]:
	return _older("Error Log", cutoff)


def _access_logs_with_content(cutoff) -> list[str]:
	doctypes, reports = app_doctypes(), _app_reports() or [""]

	def has_copy(row):
		of_the_app = row.export_from.isin(doctypes) | row.report_name.isin(reports)
		return row.page.isnotnull() | (of_the_app & (row.filters.isnotnull() | row.columns.isnotnull()))

	return _older("Access Log", cutoff, has_copy)


def _app_reports() -> list[str]:
	return frappe.get_all("Report", filters={"module": MODULE}, pluck="name")


def _clear_access_logs(names: list[str]):
	_clear("Access Log", "name", names, ("page", "filters", "columns"))


def _older(doctype: str, cutoff, condition=None, field: str = "creation") -> list[str]:
	"""The names of the records of `doctype` made (or last changed) before the cutoff that match."""
	table = frappe.qb.DocType(doctype)
	where = table[field] < cutoff
	if condition:
		where &= condition(table)
	return frappe.qb.from_(table).select(table.name).where(where).run(pluck=True)


def _delete(doctype: str, names: list[str]):
	frappe.db.delete(doctype, {"name": ("in", names)})


def _steps() -> dict:
	"""kind: (the doctype its errors are logged under, which records are due, what is done to them).
	Built at each run, so that a test may replace one step's function."""
	return {
		"bookings": ("Card Booking", _expired_bookings, _anonymise_bookings),
		"cards": ("MyNumber Card", _expired_cards, _anonymise_cards),
		"applications": (APPLICATION, _expired_applications, _anonymise_applications),  # after their cards
		"scan_logs": (SCAN_LOG, _scan_logs_with_names, _remove_names_from_scan_logs),
		"sms_logs": (SMS_LOG, _app_sms_logs, partial(_delete, SMS_LOG)),
		"deleted_documents": ("Deleted Document", _old_deleted_records, partial(_delete, "Deleted Document")),
		"data_imports": ("Data Import", _old_data_imports, _purge_data_imports),
		"import_files": ("File", _old_card_import_files, _purge_card_import_files),
		"error_logs": ("Error Log", _old_error_logs, partial(_delete, "Error Log")),
		"access_logs": ("Access Log", _access_logs_with_content, _clear_access_logs),
	}


KINDS = tuple(_steps())
