"""The town's side of the prefecture overview: its signed report for a day, pushed by the scheduler to
the overview's whitelisted method under the town's API key, or read by the overview over HTTP
(`report_for`) where the network allows no push. Both carry the same payload (core/town_report.py)."""

from datetime import date

import frappe
import requests
from frappe import _
from frappe.utils import add_days, getdate, now_datetime

from mynumber_card import settings as town_settings
from mynumber_card.core import town_report
from mynumber_card.prefecture import roles, site_role
from mynumber_card.prefecture.town_figures import figures_for

RECEIVE_METHOD = "/api/method/mynumber_card.prefecture.overview.receive_report"
TIMEOUT_SECONDS = 30


def _town_code() -> str:
	code = town_settings.values("local_government_code").local_government_code
	if not code:
		frappe.throw(_("Set the local government code in the MyNumber Card Settings first."))
	return code


def signed_report(day: date) -> dict:
	secret = frappe.get_single(site_role.SETTINGS).get_password(
		"report_signing_secret", raise_exception=False
	)
	if not secret:
		frappe.throw(
			_("This town has no report signing secret: the prefecture sets it when it adds the town.")
		)
	return town_report.make_report(_town_code(), day, figures_for(day), secret)


def yesterday() -> date:
	return getdate(add_days(now_datetime(), -1))


@frappe.whitelist(methods=["GET"])
def report_for(report_date: str) -> dict:
	"""The overview's pull: the signed figures of one past day, for the prefecture's reporting user."""
	frappe.only_for((roles.REPORTER, roles.SYSTEM_MANAGER))
	site_role.require_town()
	day = getdate(report_date)
	if day > yesterday():
		frappe.throw(_("Figures are reported for days that have ended."))
	return signed_report(day)


def send_daily_report():
	"""Scheduler (daily): a town that pushes sends every ended day it has not sent yet."""
	if site_role.is_overview():
		return
	settings = frappe.get_single(site_role.SETTINGS)
	if settings.report_transport != "Push" or not settings.overview_url:
		return
	last = getdate(settings.last_report_sent) if settings.last_report_sent else None
	for day in town_report.days_to_send(last, yesterday()):
		try:
			push(settings, signed_report(day))
		except Exception as error:
			# the error's kind only: a response body could hold anything
			settings.db_set("last_report_error", f"{day}: {type(error).__name__}")
			frappe.log_error(title=_("Report to the prefecture failed"))
			return
		settings.db_set({"last_report_sent": day, "last_report_error": None})


def push(settings, report: dict):
	secret = settings.get_password("overview_api_secret", raise_exception=False)
	response = requests.post(
		settings.overview_url.rstrip("/") + RECEIVE_METHOD,
		json={"report": report},
		headers={
			"Authorization": f"token {settings.overview_api_key}:{secret}",
			"Accept": "application/json",
		},
		timeout=TIMEOUT_SECONDS,
	)
	response.raise_for_status()
