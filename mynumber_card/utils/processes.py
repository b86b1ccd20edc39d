"""Long jobs on more than one core: each share of the work in a process of its own, connected to the
same site as the same user.

Frappe's Python, not the database, is what holds a long insert job back (Card Import: about 5 ms a
card, of which 1 in the database), so two processes import nearly twice as fast on two cores. Each
process has its own database connection and commits its own work; the caller must have committed
before (nothing it holds may be locked). A process that fails logs its error and the others go on."""

import multiprocessing
from collections.abc import Callable, Sequence

import frappe

from mynumber_card.utils.isolated import log_job_error


def run_in_processes(job: str, shares: Sequence, work: Callable[[object], None]):
	"""work(share) for each share, each in a forked process; returns when all have ended."""
	site, sites_path, user = frappe.local.site, frappe.local.sites_path, frappe.session.user
	flags = {"mute_emails": frappe.flags.mute_emails, "in_import": frappe.flags.in_import}
	context = multiprocessing.get_context("fork")
	processes = [
		context.Process(target=_child, args=(job, site, sites_path, user, flags, work, share))
		for share in shares
	]
	for process in processes:
		process.start()
	for process in processes:
		process.join()


def _child(job, site, sites_path, user, flags, work, share):
	from werkzeug.local import release_local

	# The parent's connection came along with the fork: drop it unused (closing it would end the
	# parent's session too) and connect anew.
	release_local(frappe.local)
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user(user)
	frappe.flags.update(flags)
	try:
		work(share)
		frappe.db.commit()
	except BaseException:
		frappe.db.rollback()
		log_job_error(job, None, f"process {multiprocessing.current_process().name}")
		frappe.db.commit()
		raise SystemExit(1) from None
	finally:
		frappe.destroy()
