"""The カード管理簿 (card ledger) for a date range, as a printable page or a PDF."""

import frappe
from frappe import _
from frappe.query_builder.functions import Coalesce
from frappe.utils import getdate
from frappe.utils.pdf import get_pdf

from mynumber_card.audit import log_export
from mynumber_card.core.dates import wareki

CARD = "MyNumber Card"
LEDGER_FIELDS = (
	"name",
	"application_id",
	"notice_number",
	"full_name",
	"full_name_kana",
	"birth_date",
	"workflow_state",
	"received_date",
	"mailed_date",
	"notice_date",
	"renotice_date",
	"issued_date",
	"disposal_deadline",
	"disposed_date",
	"returned_date",
	"revoked_date",
	"remarks",
)
MAX_DAYS = 366 * 5


def ledger_rows(from_date, to_date) -> list[dict]:
	"""Cards that entered the ledger in the period, in the order they did: received from J-LIS, or,
	for a card J-LIS mailed straight to its holder (特急発行), recorded as mailed (as the report)."""
	card = frappe.qb.DocType(CARD)
	entered = Coalesce(card.received_date, card.mailed_date)
	return (
		frappe.qb.from_(card)
		.select(*(card[f] for f in LEDGER_FIELDS))
		.where(entered.between(from_date, to_date))
		.orderby(entered)
		.orderby(card.name)
	).run(as_dict=True)


@frappe.whitelist(methods=["GET"])
def card_ledger(from_date: str, to_date: str, output: str = "pdf"):
	frappe.has_permission(CARD, "read", throw=True)
	if not frappe.has_permission(CARD, "print"):
		frappe.throw(_("You are not allowed to print the card ledger."), frappe.PermissionError)
	start, end = getdate(from_date), getdate(to_date)
	if start > end:
		frappe.throw(_("The start date must not be after the end date."))
	if (end - start).days > MAX_DAYS:
		frappe.throw(_("Print at most five years at a time."))

	log_export("Card Ledger", {"from_date": str(start), "to_date": str(end)}, output.upper())
	html = frappe.render_template(
		"mynumber_card/templates/print/card_ledger.html",
		{
			"rows": ledger_rows(start, end),
			"period": f"{wareki(start)}〜{wareki(end)}",
			"town": frappe.db.get_single_value("MyNumber Card Settings", "town_name") or "",
		},
	)
	if output == "html":
		return html  # the desk opens it in a print window
	frappe.local.response.filename = f"card-ledger-{start}-{end}.pdf"
	frappe.local.response.filecontent = get_pdf(html, {"orientation": "Landscape", "page-size": "A4"})
	frappe.local.response.type = "pdf"
