"""What the overview pages show: the table of towns (each town's newest figures, late or not, beside
総務省's newest published month), one town's history, the Excel export, and the import of 総務省's file."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import ministry_figures, spreadsheet, town_report
from mynumber_card.prefecture import roles, site_role
from mynumber_card.prefecture.overview import REPORT, TOWN

MINISTRY = "Ministry Figure"
READERS = (roles.OFFICER, roles.SYSTEM_MANAGER)
HISTORY_DAYS = 400


def _allowed():
	frappe.only_for(READERS)
	site_role.require_overview()


def _rate(part, whole) -> float | None:
	return round(100 * part / whole, 1) if part is not None and whole else None


def _latest_ministry() -> dict[str, dict]:
	found = {}
	for row in frappe.get_all(
		MINISTRY, fields=["town", "month", "population", "issued", "held"], order_by="month asc"
	):
		found[row.town] = row
	return found


def town_rows(on_day=None) -> list[dict]:
	day = getdate(on_day or today())
	grace = frappe.db.get_single_value(site_role.SETTINGS, "late_after_days") or 0
	ministry = _latest_ministry()
	rows = []
	for town in frappe.get_all(
		TOWN,
		fields=["name", "town_name", "municipality_type", "transport", "last_report_date"],
		order_by="name",
	):
		last = getdate(town.last_report_date) if town.last_report_date else None
		late = town_report.lateness(last, day, int(grace))
		figures = (
			frappe.db.get_value(
				REPORT, {"town": town.name, "report_date": last}, list(town_report.FIGURES), as_dict=True
			)
			if last
			else None
		) or {}
		if not figures.get("tickets_served"):
			figures["median_wait_minutes"] = None  # nobody queued: no median (the column keeps 0)
		published = ministry.get(town.name) or {}
		row = {
			"town": town.name,
			"town_name": town.town_name,
			"municipality_type": town.municipality_type,
			"transport": town.transport,
			"last_report_date": last,
			"late": late.late,
			"days_late": late.days_late,
			# a town that never reported has no figures: None, shown as blank, never 0
			**{key: figures.get(key) for key in town_report.FIGURES},
			"issued_rate": _rate(figures.get("cards_issued_total"), figures.get("population")),
			"held_rate": _rate(figures.get("cards_held"), figures.get("population")),
			"ministry_month": published.get("month"),
			"ministry_held": published.get("held"),
			"ministry_issued": published.get("issued"),
			"ministry_population": published.get("population"),
		}
		rows.append(row)
	return rows


@frappe.whitelist(methods=["GET"])
def overview_table() -> list[dict]:
	_allowed()
	return town_rows()


@frappe.whitelist(methods=["GET"])
def town_history(town: str) -> dict:
	_allowed()
	if not frappe.db.exists(TOWN, town):
		frappe.throw(_("No such town."), frappe.DoesNotExistError)
	doc = frappe.get_doc(TOWN, town)
	reports = frappe.get_all(
		REPORT,
		filters={"town": town},
		fields=["report_date", "transport", *town_report.FIGURES],
		order_by="report_date desc",
		limit=HISTORY_DAYS,
	)
	for report in reports:
		if not report.tickets_served:
			report.median_wait_minutes = None  # nobody queued that day: no median (the column keeps 0)
	published = frappe.get_all(
		MINISTRY,
		filters={"town": town},
		fields=["month", "population", "issued", "held"],
		order_by="month desc",
	)
	current = next((row for row in town_rows() if row["town"] == town), {})
	return {
		"town": town,
		"town_name": doc.town_name,
		"municipality_type": doc.municipality_type,
		"late": current.get("late"),
		"days_late": current.get("days_late"),
		"reports": list(reversed(reports)),
		"ministry": published,
	}


EXPORT_COLUMNS = (
	("town", "Local Government Code"),
	("town_name", "Town Name"),
	("municipality_type", "Municipality Type"),
	("last_report_date", "Last Report For"),
	("late", "Late"),
	("population", "Population"),
	("cards_issued_total", "Cards Issued in Total"),
	("issued_rate", "Issuance Rate (%)"),
	("cards_held", "Cards Held"),
	("held_rate", "Holding Rate (%)"),
	("cards_received", "Cards Received"),
	("cards_issued", "Cards Issued"),
	("uncollected_past_deadline", "Uncollected Past the Deadline"),
	("renewals_due", "Renewals Due in 3 Months"),
	("bookings", "Bookings"),
	("tickets_served", "Tickets Served"),
	("median_wait_minutes", "Median Wait (Minutes)"),
	("ministry_month", "Ministry Figures Month"),
	("ministry_issued", "Cards Issued (Ministry)"),
	("ministry_held", "Cards Held (Ministry)"),
)


def export_rows() -> list[list]:
	data = [[_(label) for _key, label in EXPORT_COLUMNS]]
	for row in town_rows():
		values = []
		for key, _label in EXPORT_COLUMNS:
			value = row.get(key)
			if key == "late":
				value = _("Late") if value else ""
			values.append(str(value) if hasattr(value, "isoformat") else value)
		data.append(spreadsheet.neutralise_row(values))
	return data


@frappe.whitelist(methods=["GET"])
def export_overview():
	"""The table of towns as an Excel file (figures only, as the pages show them)."""
	_allowed()
	from frappe.utils.xlsxutils import make_xlsx

	xlsx = make_xlsx(export_rows(), _("Towns"))
	frappe.response["filename"] = f"prefecture-overview-{today()}.xlsx"
	frappe.response["filecontent"] = xlsx.getvalue()
	frappe.response["type"] = "binary"


@frappe.whitelist(methods=["POST"])
def import_ministry_figures(file_url: str, month: str) -> dict:
	"""総務省's published table (CSV or Excel) for a month: each row matched to a town by code, else by
	name within the prefecture; rows of other municipalities are skipped."""
	frappe.only_for(roles.SYSTEM_MANAGER)
	site_role.require_overview()
	file = frappe.get_doc("File", {"file_url": file_url})
	try:
		content = file.get_content()  # text for a CSV, bytes for an Excel file
		content = content.encode("utf-8") if isinstance(content, str) else content
		rows = ministry_figures.read_rows(spreadsheet.iter_rows(file.file_name, content))
	except (ministry_figures.MinistryFileError, spreadsheet.SpreadsheetError):
		frappe.throw(
			_("The file is not a table of 総務省's figures (no header row with 保有枚数 or 交付枚数).")
		)
	first_day = getdate(month).replace(day=1)
	towns = dict(frappe.get_all(TOWN, fields=["name", "town_name"], as_list=True))
	prefecture = frappe.db.get_single_value(site_role.SETTINGS, "prefecture_name") or ""
	matched = 0
	for row in rows:
		town = ministry_figures.match(row, towns, prefecture)
		if not town:
			continue
		name = frappe.db.get_value(MINISTRY, {"town": town, "month": first_day})
		doc = frappe.get_doc(MINISTRY, name) if name else frappe.new_doc(MINISTRY)
		doc.update(
			{
				"town": town,
				"month": first_day,
				"published_name": (row.prefecture + row.name)[:140],
				"population": row.population,
				"issued": row.issued,
				"held": row.held,
			}
		)
		doc.save(ignore_permissions=True)
		matched += 1
	return {"rows": len(rows), "matched": matched}
