"""Resident Event Import endpoints: the template, and the check of an upload (dry run or import).
Card Managers only. The upload is read from the request in memory and never saved as a file."""

import frappe

from mynumber_card.core import resident_events as rules
from mynumber_card.ledger import card_import, resident_events
from mynumber_card.utils.uploads import send_template, uploaded_file

TEMPLATE_NAME = "住基異動リスト_死亡・転出"


@frappe.whitelist(methods=["POST"])
def check(dry_run: bool = True) -> dict:
	"""The file comes as multipart form data (`file`)."""
	frappe.has_permission(resident_events.EVENT_IMPORT, "create", throw=True)
	if not dry_run:
		frappe.has_permission(resident_events.CARD, "write", throw=True)
	filename, content = uploaded_file(
		card_import.max_upload_bytes(), resident_events.ResidentEventImportError
	)
	return resident_events.check_upload(filename, content, dry_run=dry_run)


@frappe.whitelist()
def download_template(file_type: str = "xlsx"):
	frappe.has_permission(resident_events.EVENT_IMPORT, "create", throw=True)
	send_template(TEMPLATE_NAME, file_type, rules.template_csv, rules.template_xlsx)
