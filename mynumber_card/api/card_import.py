"""Card Import endpoints: templates, the check of an upload (dry run or import), retry. Card
Managers only. The upload is read from the request in memory and never saved as a file."""

import frappe
from frappe import _

from mynumber_card.core import card_import as rules
from mynumber_card.ledger import card_import
from mynumber_card.utils.uploads import send_template, uploaded_file

TEMPLATE_NAMES = {rules.LEDGER: "カード取込_以前の台帳", rules.DELIVERY: "カード取込_J-LIS納品リスト"}


@frappe.whitelist(methods=["POST"])
def check(import_type: str, delivery: str | None = None, dry_run: bool = True) -> dict:
	"""The file comes as multipart form data (`file`), with the other arguments as form fields."""
	frappe.has_permission(card_import.CARD_IMPORT, "create", throw=True)
	if not dry_run:
		frappe.has_permission(card_import.CARD, "create", throw=True)
	filename, content = uploaded_file(card_import.max_upload_bytes(), card_import.CardImportError)
	return card_import.check_upload(import_type, filename, content, delivery, dry_run=dry_run)


@frappe.whitelist()
def download_template(import_type: str, file_type: str = "xlsx"):
	frappe.has_permission(card_import.CARD_IMPORT, "create", throw=True)
	if import_type not in rules.IMPORT_TYPES:
		frappe.throw(_("Choose what the file is: an earlier ledger or a J-LIS delivery list."))
	send_template(
		TEMPLATE_NAMES[import_type],
		file_type,
		lambda: rules.template_csv(import_type),
		lambda: rules.template_xlsx(import_type),
	)


@frappe.whitelist(methods=["POST"])
def retry(name: str):
	doc = frappe.get_doc(card_import.CARD_IMPORT, name)
	doc.check_permission("write")
	card_import.retry(doc)
