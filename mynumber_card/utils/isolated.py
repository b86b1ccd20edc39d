"""Scheduled jobs handle each record on its own (the pattern of hrms' leave control panel): a record
that fails is rolled back to its savepoint and logged by name in the Error Log, and the run goes on.

The Error Log gets the plain traceback, without the local variables Frappe would otherwise add: those
hold the record's personal data (names, birth dates). Its title names the job and the record only."""

from collections.abc import Callable

import frappe

SAVEPOINT = "mynumber_card_job_record"


def run_isolated(
	job: str,
	doctype: str | None,
	name: str,
	action: Callable[[], object],
	expected: tuple[type[BaseException], ...] = (),
	failed: list[dict] | None = None,
) -> bool:
	"""Run `action` in a savepoint; on an error undo it, log it with the record's name, return False.

	`doctype` is None for a step that is not about one record (`name` then says what it is). A staff
	request's loop (a bulk change) names the refusals it expects (a card in the wrong state): those
	are not logged, and each failure is reported in `failed` as {name, error} for the clerk."""
	frappe.db.savepoint(SAVEPOINT)
	try:
		action()
	except Exception as error:
		frappe.db.rollback(save_point=SAVEPOINT)
		if not isinstance(error, expected):
			log_job_error(job, doctype, name)
		if failed is not None:
			failed.append({"name": name, "error": frappe.utils.strip_html(str(error))[:200]})
			frappe.clear_last_message()  # reported in the list, not again as a popup
		return False
	frappe.db.release_savepoint(SAVEPOINT)
	return True


def log_job_error(job: str, doctype: str | None, name: str):
	frappe.log_error(
		title=f"{job}: {doctype} {name}" if doctype else f"{job}: {name}",
		message=frappe.get_traceback(with_context=False),
		reference_doctype=doctype,
		reference_name=name if doctype else None,
	)
