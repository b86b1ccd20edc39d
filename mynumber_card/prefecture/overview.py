"""The overview site's side: reports come in (a town's push under its own API key, or the overview's
pull from a town), are checked against the allowlist and the town's signature, and kept one per town
and day. A town that does not report is shown late with its last figures, never as zeros."""

from datetime import date

import frappe
import requests
from frappe import _
from frappe.utils import getdate, now_datetime

from mynumber_card.core import town_report
from mynumber_card.prefecture import roles, site_role
from mynumber_card.prefecture.reporting import TIMEOUT_SECONDS, yesterday

TOWN = "Prefecture Town"
REPORT = "Town Report"
PULL_METHOD = "/api/method/mynumber_card.prefecture.reporting.report_for"


class ReportRefused(frappe.ValidationError):
	pass


def store_report(town: str, report, transport: str) -> str:
	"""Check and keep a town's report (one per town and day: a resent day replaces the figures)."""
	secret = frappe.get_doc(TOWN, town).get_password("signing_secret", raise_exception=False)
	try:
		data = town_report.read_report(report, secret or "")
	except town_report.ReportRefused as refused:
		frappe.throw(_("The report was refused: {0}").format(str(refused)), ReportRefused)
	if data["town_code"] != town:
		frappe.throw(_("The report is not this town's."), ReportRefused)
	day = data.pop("report_date")
	data.pop("town_code")
	name = frappe.db.get_value(REPORT, {"town": town, "report_date": day})
	doc = frappe.get_doc(REPORT, name) if name else frappe.new_doc(REPORT)
	doc.update(
		{"town": town, "report_date": day, "transport": transport, "received_at": now_datetime(), **data}
	)
	doc.save(ignore_permissions=True)
	last = frappe.db.get_value(TOWN, town, "last_report_date")
	if not last or getdate(last) <= day:
		frappe.db.set_value(TOWN, town, {"last_report_date": day, "last_received_at": now_datetime()})
	return doc.name


@frappe.whitelist(methods=["POST"])
def receive_report(report: dict | str) -> dict:
	"""A town's push: the caller's API key says which town it is, the signature that the figures are
	that town's."""
	site_role.require_overview()
	frappe.only_for(roles.REPORTER)
	town = frappe.db.get_value(TOWN, {"reporter_user": frappe.session.user})
	if not town:
		frappe.throw(_("This user reports for no town."), frappe.PermissionError)
	store_report(town, report, "Push")
	return {"stored": True}


def pull_town(town: str, day: date):
	doc = frappe.get_doc(TOWN, town)
	secret = doc.get_password("pull_api_secret", raise_exception=False)
	response = requests.get(
		doc.site_url.rstrip("/") + PULL_METHOD,
		params={"report_date": day.isoformat()},
		headers={"Authorization": f"token {doc.pull_api_key}:{secret}", "Accept": "application/json"},
		timeout=TIMEOUT_SECONDS,
	)
	response.raise_for_status()
	return store_report(town, response.json()["message"], "Pull")


def pull_reports():
	"""Scheduler (daily, on the overview): yesterday's report from every town that is pulled. A town
	that does not answer is left late; the others go on."""
	if not site_role.is_overview():
		return
	day = yesterday()
	for town in frappe.get_all(TOWN, filters={"transport": "Pull"}, pluck="name"):
		try:
			pull_town(town, day)
			# a job, not a request: one town's figures are kept even when the next town fails
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(
				title=_("Pulling a town's report failed"), reference_doctype=TOWN, reference_name=town
			)
