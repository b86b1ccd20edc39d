"""The カード管理簿 (card ledger) for a date range, as a printable page or a PDF: the rows the desk
report lists (ledger/card_ledger.py)."""

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.pdf import get_pdf

from mynumber_card import settings
from mynumber_card.audit import log_export
from mynumber_card.core.dates import wareki
from mynumber_card.ledger.card_ledger import ledger_rows

CARD = "MyNumber Card"
MAX_DAYS = 366 * 5


@frappe.whitelist(methods=["GET"])
@frappe.read_only()  # served from the replica when the site has one
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
			"town": settings.town_name(),
		},
	)
	if output == "html":
		return html  # the desk opens it in a print window
	frappe.local.response.filename = f"card-ledger-{start}-{end}.pdf"
	frappe.local.response.filecontent = get_pdf(html, {"orientation": "Landscape", "page-size": "A4"})
	frappe.local.response.type = "pdf"
