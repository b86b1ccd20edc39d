"""Resident Event Import endpoints: the template, and the check of an upload (dry run or import).
Card Managers only. The upload is read from the request in memory and never saved as a file."""

import frappe
from frappe import _

from mynumber_card.core import resident_events as rules
from mynumber_card.ledger import card_import, resident_events

TEMPLATE_NAME = "住基異動リスト_死亡・転出"


@frappe.whitelist(methods=["POST"])
def check(dry_run: bool = True) -> dict:
	"""The file comes as multipart form data (`file`)."""
	frappe.has_permission(resident_events.EVENT_IMPORT, "create", throw=True)
	if not dry_run:
		frappe.has_permission(resident_events.CARD, "write", throw=True)
	upload = frappe.request.files.get("file") if frappe.request else None
	if not upload:
		frappe.throw(_("Choose a file first."), resident_events.ResidentEventImportError)
	content = upload.stream.read(card_import.max_upload_bytes() + 1)
	return resident_events.check_upload(upload.filename, content, dry_run=dry_run)


@frappe.whitelist()
def download_template(file_type: str = "xlsx"):
	frappe.has_permission(resident_events.EVENT_IMPORT, "create", throw=True)
	if file_type == "csv":
		content = rules.template_csv()
	else:
		file_type, content = "xlsx", rules.template_xlsx()
	frappe.response["type"] = "binary"
	frappe.response["filename"] = f"{TEMPLATE_NAME}.{file_type}"
	frappe.response["filecontent"] = content
