"""Bringing cards in from a spreadsheet: read and check the upload, then insert the cleaned rows.

The rules live in core/card_import.py; this module reads the upload, checks it against the ledger,
writes the cleaned rows in parts and inserts them in a background job.

Why not Frappe's Data Import, which this app used until issue 25: it saves the uploaded file as a
File first, so a 個人番号 in the town's spreadsheet would be stored before any check ran; it reads
neither 和暦 nor Shift_JIS CSV; and it inserted 25-34 rows a second, one card and one commit at a
time. So the upload is read here, in memory, and never saved: rows holding a 個人番号 are refused,
dates become ISO, kana is normalised and duplicates are reported. The cleaned rows go into private
CSV parts of CHUNK_ROWS rows (memory stays flat whatever the file's size), and the job inserts each
row as any card is inserted, with all its checks, COMMIT_ROWS rows to a transaction, with names from
a block reserved for them. A piece with a row the card refuses is undone and run again a row to a
savepoint. Its log per row: the rows the card refused, with their messages, on each part; a retry
runs those (and any a stopped job did not reach) again. An earlier ledger's parts are shared among
processes (rules.import_processes). A part's CSV is deleted once all its rows are in.
"""

import csv
import io
import json
from datetime import date
from functools import partial, reduce

import frappe
from frappe import _
from frappe.model.naming import get_default_naming_series
from frappe.query_builder.functions import Sum
from frappe.utils import cint, getdate, today

from mynumber_card.core import card_import as rules
from mynumber_card.core import text
from mynumber_card.core.mynumber import redact
from mynumber_card.core.spreadsheet import SpreadsheetError, iter_rows
from mynumber_card.ledger import deliveries
from mynumber_card.utils.isolated import run_isolated
from mynumber_card.utils.processes import run_in_processes
from mynumber_card.utils.series import reserve_names

CARD = "MyNumber Card"
CARD_IMPORT = "Card Import"
CHUNK_ROWS = 1000  # rows per part, one cleaned CSV file each (site config `card_import_chunk_rows`)
COMMIT_ROWS = 100  # rows per transaction and savepoint (a piece), named from one reserved block
LEDGER_CHECK_ROWS = 500  # rows checked against the ledger with one query
SOURCE_ROW = "元の行"  # the row in the town's file, for staff
RUNNING = ("Waiting to Import", "Importing")
PIECE_SAVEPOINT = "mynumber_card_import_piece"

# Columns of the cleaned CSV parts (fieldnames of MyNumber Card).
CLEAN_FIELDS = {
	rules.LEDGER: (
		"registered_from_records",
		"full_name",
		"full_name_kana",
		"birth_date",
		"postal_code",
		"address",
		"card_issue_date",
		"printed_expiry_date",
		"issued_date",
		"printed_certificate_expiry_date",
		"remarks",
		"application_id",
		"notice_number",
		"application_received_date",
	),
	rules.DELIVERY: (
		"application_id",
		"notice_number",
		"full_name",
		"full_name_kana",
		"birth_date",
		"postal_code",
		"address",
		"delivery",
		"received_date",
		"application_received_date",
	),
}
# The date columns above (the delivery's received_date is written by ChunkWriter): the job hands
# them to the card as dates.
DATE_FIELDS = rules.DATE_FIELDS | {"received_date"}


class CardImportError(frappe.ValidationError):
	pass


PROBLEM_MESSAGES = {
	"individual_number": "A 12-digit number that looks like an Individual Number (My Number) is in this cell. The row is not imported and the number is not kept.",
	"missing": "This cell must not be empty.",
	"bad_date": "Not a date. Write it like 令和8年4月1日, R8.4.1, H30/1/5 or 2026-04-01.",
	"bad_kana": "Full Name (Kana) may contain kana only.",
	"bad_application_id": "The Application ID must be 23 digits.",
	"application_id_as_number": "Excel kept this Application ID as a number and lost its last digits: format the column as text and enter the IDs again.",
	"bad_notice_number": "The notice number must be 3 letters or digits and 6 digits, e.g. ABC-123456.",
	"bad_postal_code": "The postal code must be 7 digits, e.g. 123-4567.",
	"too_long": "Too long: at most 140 characters.",
	"text_too_long": "Too long: at most 500 characters.",
	"name_markup": "A name cannot contain markup characters such as angle brackets, ampersands, quotes or braces.",
	"name_start": "A name must begin with a letter: a cell beginning with = + - or @ would become a formula in Excel.",
	"name_digit": "A name cannot contain digits.",
	"name_character": "This name holds a character names do not use: only letters, spaces and ・ ー - ' . are allowed.",
	"hidden_character": "This cell holds a control character or an invisible one (a zero-width space, a text direction mark): type the value again.",
	"text_markup": "This cell holds an angle bracket, which cannot be entered.",
	"implausible_birth_date": "Please check the date of birth.",
	"future_date": "This date is in the future.",
	"before_mynumber_cards": "This date is before the first My Number Cards (October 2015).",
	"made_before_birth": "The issue date on the card is before the date of birth.",
	"applied_before_birth": "The application date is before the date of birth.",
	"applied_after_made": "The application date is after the issue date on the card.",
	"issued_before_made": "The hand-over date is before the issue date on the card.",
	"expiry_before_issue": "This expiry is not after the issue date on the card.",
	"no_validity_date": "Enter the issue date on the card (発行日) or its expiry (有効期限).",
	"no_issue_date": "Enter the hand-over date (交付日) or the issue date on the card (発行日).",
	"issued_date_from_card_date": "No hand-over date: the issue date on the card is used for it.",
	"certificate_after_card": "The e-certificate expiry is after the card's own: the one the rules give is used.",
}
FILE_MESSAGES = {
	"empty": "The file is empty.",
	"old_excel": "Old Excel files (.xls) and password-protected workbooks cannot be read: save the file as .xlsx or .csv.",
	"unreadable": "The file cannot be read as an Excel workbook (.xlsx) or a CSV file.",
	"encoding": "The characters of this CSV file cannot be read: save it as CSV in UTF-8 or Shift_JIS.",
}


# Messages --------------------------------------------------------------------------------------


def problem_message(row: int, problem: rules.Problem) -> str:
	"""One line for staff: the row, the column when there is one, and what to do. Never a cell's content."""
	if problem.code == "same_id_in_file":
		what = _("The same {0} as row {1}: not imported again.").format(problem.column, problem.detail)
	elif problem.code == "same_card_in_file":
		what = _("The same card (name, date of birth and issue date) as row {0}: not imported again.").format(
			problem.detail
		)
	elif problem.code == "same_id_in_ledger":
		what = _("This {0} is already in the ledger ({1}): not imported again.").format(
			problem.column, problem.detail
		)
	elif problem.code == "same_card_in_ledger":
		what = _("This card is already in the ledger ({0}): not imported again.").format(problem.detail)
	else:
		what = _(PROBLEM_MESSAGES[problem.code])
	if problem.letter and problem.code not in ("same_id_in_file", "same_id_in_ledger"):
		return _("Row {0}, column {1} ({2}): {3}").format(row, problem.letter, problem.column or "-", what)
	return _("Row {0}: {1}").format(row, what)


def file_refused(message: str):
	frappe.throw(message, CardImportError, title=_("File refused"))


def file_error_message(error: rules.ImportFileError) -> str:
	"""For frappe.throw, which the desk shows as HTML: the file's own header text is escaped."""
	detail = frappe.utils.escape_html(str(error.detail or ""))
	if error.code == "individual_number_column":
		return _(
			"The file has a column for Individual Numbers (My Numbers): {0}. This system must not keep them: delete the column and import the file again."
		).format(detail)
	if error.code == "missing_columns":
		return _("These columns are missing: {0}. The template shows the columns.").format(detail)
	return _("No header row in the first rows of the file. It needs the template's columns: {0}.").format(
		detail
	)


# Checking an upload ----------------------------------------------------------------------------


def check_upload(
	import_type: str, filename: str, content: bytes, delivery: str | None = None, dry_run: bool = True
) -> dict:
	"""Read the upload in memory and report on every row. A dry run writes nothing; otherwise the
	cleaned rows are written in parts (see module docstring) and the import is queued."""
	if import_type not in rules.IMPORT_TYPES:
		frappe.throw(
			_("Choose what the file is: an earlier ledger or a J-LIS delivery list."), CardImportError
		)
	if import_type == rules.DELIVERY:
		if not deliveries.is_open(delivery):
			frappe.throw(_("Choose an open J-LIS delivery first."), CardImportError)
	else:
		delivery = None
	if len(content) > max_upload_bytes():
		file_refused(_("The file is larger than {0} MB.").format(max_upload_bytes() // (1024 * 1024)))

	summary = rules.Summary()
	writer = None if dry_run else ChunkWriter(import_type, filename, delivery)
	try:
		card_file = rules.CardFile(import_type, iter_rows(filename, content), getdate())
		pending: list[rules.RowResult] = []
		for result in card_file:
			if not result.importable:
				summary.add(result)
				continue
			pending.append(result)
			if len(pending) >= LEDGER_CHECK_ROWS:
				_flush(pending, card_file.header, summary, writer)
		_flush(pending, card_file.header, summary, writer)
	except SpreadsheetError as error:
		file_refused(_(FILE_MESSAGES[error.code]))
	except rules.ImportFileError as error:
		file_refused(file_error_message(error))

	report = _report(import_type, filename, card_file.header, summary)
	report["dry_run"] = bool(dry_run)
	if writer and writer.doc:
		report["card_import"] = writer.finish(summary, report)
	return report


def _flush(pending: list, header: rules.Header, summary: rules.Summary, writer):
	if not pending:
		return
	mark_ledger_duplicates(pending, header)
	for result in pending:
		summary.add(result)
		if writer and result.importable:
			writer.add(result)
	pending.clear()


def mark_ledger_duplicates(results: list[rules.RowResult], header: rules.Header):
	"""Rows that would double a card already in the ledger, found with one query for the batch."""
	by_person = header.import_type == rules.LEDGER
	card = frappe.qb.DocType(CARD)
	conditions = []
	for fieldname in rules.ID_FIELDS:
		values = sorted({r.values[fieldname] for r in results if r.values.get(fieldname)})
		if values:
			conditions.append(card[fieldname].isin(values))
	keys = {rules.person_key(r.values) for r in results} - {None} if by_person else set()
	if keys:
		conditions.append(
			card.name_key.isin(sorted({k[0] for k in keys}))
			& card.birth_date.isin(sorted({k[1] for k in keys}))
		)
	if not conditions:
		return
	records = [
		rules.LedgerRecord(**row)
		for row in frappe.qb.from_(card)
		.select(
			card.name,
			card.full_name,
			card.birth_date,
			card.card_issue_date,
			card.card_issue_date_estimated,
			card.printed_expiry_date,
			card.application_id,
			card.notice_number,
		)
		.where(reduce(lambda a, b: a | b, conditions))
		.run(as_dict=True)
	]
	if not records:
		return
	for result in results:
		result.duplicate = rules.ledger_duplicate(result, header, records, by_person)


def _report(import_type: str, filename: str, header: rules.Header, summary: rules.Summary) -> dict:
	meta = frappe.get_meta(CARD)
	fields = [f for f in CLEAN_FIELDS[import_type] if f not in ("registered_from_records", "delivery")]
	return {
		"import_type": import_type,
		"file_name": safe_file_name(filename),
		"counts": {
			"rows": summary.rows,
			"importable": summary.importable,
			"refused": summary.refused_rows,
			"duplicates": len(summary.duplicates),
			"warnings": len(summary.warnings),
		},
		"columns": [{"fieldname": f, "label": _(meta.get_label(f))} for f in fields],
		"first_rows": summary.first_rows,
		"refused": [_problem(r, p) for r, p in sorted(summary.refused, key=lambda item: item[0])],
		"duplicates": [_problem(r, p) for r, p in summary.duplicates],
		"warnings": [_problem(r, p) for r, p in summary.warnings],
		"ignored_columns": header.ignored,
	}


def _problem(row: int, problem: rules.Problem) -> dict:
	return {
		"row": row,
		"column": problem.letter,
		"code": problem.code,
		"message": problem_message(row, problem),
	}


def safe_file_name(filename: str | None) -> str:
	return redact(text.normalize(filename or ""))[:140]


def max_upload_bytes() -> int:
	return cint(frappe.conf.get("max_file_size")) or 25 * 1024 * 1024


# The cleaned rows, in parts -------------------------------------------------------------------


class ChunkWriter:
	"""Writes the cleaned rows as private CSV files of at most CHUNK_ROWS rows, one part each, all
	recorded on a Card Import. Only the cleaned values are written: never the upload itself."""

	def __init__(self, import_type: str, filename: str, delivery: str | None):
		running = frappe.db.get_value(CARD_IMPORT, {"status": ("in", RUNNING)}, "name")
		if running:
			frappe.throw(
				_("Another card import ({0}) is still running: wait until it has finished.").format(running),
				CardImportError,
			)
		self.fields = CLEAN_FIELDS[import_type]
		self.constant = {}
		if import_type == rules.DELIVERY:
			received = frappe.db.get_value("Card Delivery", delivery, "received_date")
			self.constant = {"delivery": delivery, "received_date": str(received or today())}
		self.chunk_rows = cint(frappe.conf.get("card_import_chunk_rows")) or CHUNK_ROWS
		self.record = {
			"doctype": CARD_IMPORT,
			"import_type": import_type,
			"delivery": delivery,
			"file_name": safe_file_name(filename),
			"status": rules.WAITING_TO_IMPORT,
		}
		self.doc = None  # recorded with the first row to import: a file with none writes nothing
		self._start_chunk()

	def _start_chunk(self):
		self.buffer = io.StringIO()
		self.csv = csv.writer(self.buffer)
		self.csv.writerow([SOURCE_ROW, *self.fields])
		self.rows = []

	def add(self, result: rules.RowResult):
		if not self.doc:
			self.doc = frappe.get_doc(self.record)
			self.doc.flags.from_upload = True
			self.doc.insert()
		values = {**result.values, **self.constant}
		self.csv.writerow([result.row] + [values.get(f, "") for f in self.fields])
		self.rows.append(result.row)
		if len(self.rows) >= self.chunk_rows:
			self._save_chunk()

	def _save_chunk(self):
		if not self.rows:
			return
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.doc.name}-{len(self.doc.batches) + 1}.csv",
				"attached_to_doctype": CARD_IMPORT,
				"attached_to_name": self.doc.name,
				"is_private": 1,
				"content": self.buffer.getvalue().encode("utf-8"),
			}
		)
		file.insert(ignore_permissions=True)
		self.doc.append(
			"batches",
			{
				"cleaned_file": file.name,
				"rows": len(self.rows),
				"first_row": self.rows[0],
				"last_row": self.rows[-1],
			},
		)
		self._start_chunk()

	def finish(self, summary: rules.Summary, report: dict) -> str:
		self._save_chunk()
		self.doc.update(
			{
				"rows_in_file": summary.rows,
				"rows_to_import": summary.importable,
				"rows_refused": summary.refused_rows,
				"rows_duplicate": len(summary.duplicates),
				"problems": json.dumps(
					[{"kind": "refused", **p} for p in report["refused"]]
					+ [{"kind": "duplicate", **p} for p in report["duplicates"]]
					+ [{"kind": "warning", **p} for p in report["warnings"]],
					ensure_ascii=False,
				),
			}
		)
		self.doc.flags.from_upload = True
		self.doc.save()
		enqueue_run(self.doc.name)
		return self.doc.name


def enqueue_run(card_import: str):
	inline = bool(frappe.flags.in_test or frappe.conf.developer_mode)  # as Frappe's own Data Import does
	frappe.enqueue(
		"mynumber_card.ledger.card_import.run",
		queue="long",
		timeout=4 * 3600,
		job_id=f"card_import::{card_import}",
		# Frappe checks for a queued twin before running inline: a job left queued by a dropped site
		# of the same name (with no worker) would otherwise stop this import from ever running.
		deduplicate=not inline,
		enqueue_after_commit=True,
		now=inline,
		card_import=card_import,
	)


# The background job ----------------------------------------------------------------------------


def run(card_import: str):
	"""Insert each part's rows, COMMIT_ROWS rows to a transaction: a row the card refuses is listed
	with its message, the others stand, and a stopped job goes on from the last commit when run again
	(retry)."""
	frappe.db.commit()  # run inline (tests), this commits what the request wrote
	frappe.clear_messages()
	doc = frappe.get_doc(CARD_IMPORT, card_import)
	doc.db_set("status", rules.IMPORTING, notify=True)
	frappe.db.commit()
	flags = {"mute_emails": frappe.flags.mute_emails, "in_import": frappe.flags.in_import}
	# Frappe's own switches, as its Data Import sets them: no mail, notification, webhook or
	# assignment rule for each card of a ledger, and each card's defaults set once (new_doc below).
	frappe.flags.mute_emails = frappe.flags.in_import = True
	try:
		parts = [index for index, batch in enumerate(doc.batches) if batch.cleaned_file]
		processes = import_processes(doc.import_type, len(parts))
		if processes > 1:
			shares = [parts[first::processes] for first in range(processes)]
			run_in_processes("Card Import", shares, partial(import_parts, doc.name))
			doc.reload()
		else:
			for batch in doc.batches:
				import_part(doc, batch)
	finally:
		frappe.flags.update(flags)
		finish(doc)


def import_processes(import_type: str, parts: int) -> int:
	return rules.import_processes(import_type, parts, cint(frappe.conf.get("card_import_processes")))


def import_parts(card_import: str, indices: list[int]):
	"""One process's share of the parts (see run_in_processes)."""
	doc = frappe.get_doc(CARD_IMPORT, card_import)
	for index in indices:
		import_part(doc, doc.batches[index])


def import_part(doc, batch):
	if not batch.cleaned_file:
		return  # every row of this part is in
	failed_before = {failure["row"] for failure in json.loads(batch.failures or "[]")}
	rows = rules.rows_to_run(read_part(batch.cleaned_file), batch.done_to_row, failed_before)
	failures = []  # those of this run: the rows that failed before are tried again
	series = get_default_naming_series(CARD)
	saving = frappe.flags.currently_saving
	marked = len(saving)
	for start in range(0, len(rows), COMMIT_ROWS):
		piece = rows[start : start + COMMIT_ROWS]
		# Names reserved and committed first: the series' counter row stays locked for a moment only,
		# not while the piece is inserted (a clerk's intake meanwhile needs it too). A refused row
		# leaves a gap, not a twin.
		named = list(zip(reserve_names(series, len(piece)), piece, strict=True))
		frappe.db.commit()
		refused = [] if insert_all(named, series) else insert_each(doc, named, series)
		failures += refused
		# Frappe (v15.55) marks a new document as being saved before it has a name and unmarks it by its
		# name, so each insert leaves a mark in a list it searches at every save: unchecked, a job of
		# 100,000 cards slowed from 150 to 40 rows a second. Nothing of this job is still being saved.
		del saving[marked:]
		batch.rows_imported += len(piece) - len(refused)
		batch.done_to_row = max(batch.done_to_row, piece[-1][0])
		batch.rows_failed = len(failures)
		batch.failures = json.dumps(failures, ensure_ascii=False)
		batch.db_update()
		frappe.db.commit()
		publish_progress(doc)
	if not failures:
		drop_cleaned_file(batch)
		frappe.db.commit()


def insert_all(named: list, series: str) -> bool:
	"""The rows of a piece in one savepoint: most pieces have no refused row, and a savepoint a row
	costs two queries of the three a card takes. A refusal undoes the piece (False)."""
	frappe.db.savepoint(PIECE_SAVEPOINT)
	try:
		for name, (_row, values) in named:
			new_card(values, series).insert(set_name=name)
	except Exception:
		frappe.db.rollback(save_point=PIECE_SAVEPOINT)
		frappe.clear_last_message()
		return False
	frappe.db.release_savepoint(PIECE_SAVEPOINT)
	return True


def insert_each(doc, named: list, series: str) -> list[dict]:
	"""The rows of a piece that had a refusal, each in its own savepoint: the refused rows with their
	messages (an unexpected error is logged too)."""
	failures = []
	for name, (row, values) in named:
		failed = []
		card = new_card(values, series)
		if not run_isolated(
			"Card Import",
			None,
			f"{doc.name} row {row}",
			lambda card=card, name=name: card.insert(set_name=name),
			expected=(frappe.ValidationError,),
			failed=failed,
		):
			failures.append({"row": row, "message": redact(failed[0]["error"])})
	return failures


def new_card(values: dict, series: str):
	"""A card with its defaults (Frappe's new_doc, as its Data Import) and the row's values; dates
	as dates, which every check reads without parsing them again."""
	card = frappe.new_doc(CARD)
	card.update({f: date.fromisoformat(v) if f in DATE_FIELDS else v for f, v in values.items()})
	card.naming_series = series
	# Frappe's own switch: no realtime message per card (the form follows the job's progress)
	card.flags.notify_update = False
	return card


def read_part(file_name: str) -> list[tuple[int, dict]]:
	"""A part's rows: (the row in the town's file, the card's values), blank cells left out."""
	content = frappe.get_doc("File", file_name).get_content()
	if isinstance(content, bytes):
		content = content.decode("utf-8")
	reader = csv.reader(io.StringIO(content))
	fields = next(reader)[1:]
	return [(cint(row[0]), {f: v for f, v in zip(fields, row[1:], strict=True) if v != ""}) for row in reader]


def drop_cleaned_file(batch):
	"""Once every row of a part is in, its cleaned CSV (names, addresses) is deleted: the cards hold
	the data now. A part with failed rows keeps it until a retry brings them in."""
	frappe.delete_doc("File", batch.cleaned_file, ignore_permissions=True)
	batch.db_set("cleaned_file", None)


def publish_progress(doc):
	"""From the committed parts: other processes may be importing the other parts."""
	batch = frappe.qb.DocType("Card Import Batch")
	done = (
		frappe.qb.from_(batch)
		.select(Sum(batch.rows_imported + batch.rows_failed))
		.where((batch.parent == doc.name) & (batch.parenttype == CARD_IMPORT))
		.run()[0][0]
	)
	frappe.publish_realtime(
		"card_import_progress",
		{"card_import": doc.name, "done": cint(done), "total": doc.rows_to_import},
		user=doc.owner,
	)


def finish(doc):
	imported = sum(b.rows_imported for b in doc.batches)
	failed = sum(b.rows_failed for b in doc.batches)
	status = rules.import_status(imported, failed, doc.rows_to_import)
	doc.db_set(
		{"status": status, "rows_imported": imported, "rows_failed": doc.rows_to_import - imported},
		notify=True,
	)
	frappe.db.commit()
	frappe.publish_realtime(
		"card_import_done", {"card_import": doc.name, "status": status}, user=doc.owner, after_commit=True
	)


def failed_rows(doc) -> list[dict]:
	"""Rows the card refused when inserted, by their row in the town's file, with its message."""
	return [
		{"row": failure["row"], "message": failure["message"]}
		for batch in doc.batches
		for failure in json.loads(batch.failures or "[]")
	]


def retry(doc):
	"""The failed rows, and any a stopped job did not reach, run again; the rows already in are not."""
	if doc.status in RUNNING:
		frappe.throw(_("This import is still running."), CardImportError)
	doc.db_set("status", rules.WAITING_TO_IMPORT, notify=True)
	enqueue_run(doc.name)


# Frappe's own Data Import page ----------------------------------------------------------------


def refuse_direct_card_import(doc, method=None):
	"""doc_events validate on Data Import: cards come in through Card Import only. Frappe's page
	would store the town's file as it is, 個人番号 and all, before any row is checked."""
	if doc.reference_doctype != CARD or doc.flags.card_import:
		return
	if not any(doc.has_value_changed(f) for f in ("import_file", "google_sheets_url")):
		return  # one of ours saved again, its file unchanged (a new Data Import always counts as changed)
	frappe.throw(
		_(
			"My Number Cards are imported with Card Import, which refuses Individual Numbers before anything is stored."
		),
		CardImportError,
		title=_("Use Card Import"),
	)
