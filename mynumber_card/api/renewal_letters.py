"""Renewal guide letters (更新のご案内) for the holders in the renewal queue: recorded as sent, then
printed as one PDF, one A4 page per holder in furigana order."""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today
from frappe.utils.pdf import get_pdf

from mynumber_card.audit import log_export
from mynumber_card.ledger.letters import renewal_letter_context
from mynumber_card.ledger.renewals import cards_due_for_renewal, record_letters

CARD = "MyNumber Card"
REPORT = "Cards Due for Renewal"


@frappe.whitelist(methods=["POST"])
def send_renewal_letters(on: str | None = None, months: int | None = None, only_unsent: int = 1) -> dict:
	"""Record a letter as sent today for every holder the queue lists; the PDF is printed next."""
	frappe.has_permission(CARD, "write", throw=True)
	rows = cards_due_for_renewal(on, None if months in (None, "") else cint(months), bool(cint(only_unsent)))
	if not rows:
		frappe.throw(_("No holder to send a renewal guide to."))
	record_letters([row.name for row in rows])
	log_export(REPORT, {"on": on, "months": months, "only_unsent": only_unsent}, "PDF")
	return {"count": len(rows), "letter_date": today()}


@frappe.whitelist(methods=["GET"])
def renewal_letters_pdf(letter_date: str):
	"""The letters recorded as sent on a day."""
	frappe.has_permission(CARD, "print", throw=True)
	names = frappe.get_all(
		CARD,
		filters={"renewal_letter_date": getdate(letter_date)},
		order_by="kana_key asc, name asc",
		pluck="name",
	)
	html = frappe.render_template(
		"mynumber_card/templates/print/renewal_letter.html", {"ctx": renewal_letter_context(names=names)}
	)
	frappe.local.response.filename = f"renewal-guides-{getdate(letter_date)}.pdf"
	frappe.local.response.filecontent = get_pdf(html, {"page-size": "A4"})
	frappe.local.response.type = "pdf"
