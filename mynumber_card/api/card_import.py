"""Card Import endpoints: templates, the check of an upload (dry run or import), retry. Card
Managers only. The upload is read from the request in memory and never saved as a file."""

import frappe
from frappe import _

from mynumber_card.core import card_import as rules
from mynumber_card.ledger import card_import

TEMPLATE_NAMES = {rules.LEDGER: "カード取込_以前の台帳", rules.DELIVERY: "カード取込_J-LIS納品リスト"}


@frappe.whitelist(methods=["POST"])
def check(import_type: str, delivery: str | None = None, dry_run: bool = True) -> dict:
	"""The file comes as multipart form data (`file`), with the other arguments as form fields."""
	frappe.has_permission(card_import.CARD_IMPORT, "create", throw=True)
	if not dry_run:
		frappe.has_permission(card_import.CARD, "create", throw=True)
	upload = frappe.request.files.get("file") if frappe.request else None
	if not upload:
		frappe.throw(_("Choose a file first."), card_import.CardImportError)
	content = upload.stream.read(card_import.max_upload_bytes() + 1)
	return card_import.check_upload(import_type, upload.filename, content, delivery, dry_run=dry_run)


@frappe.whitelist()
def download_template(import_type: str, file_type: str = "xlsx"):
	frappe.has_permission(card_import.CARD_IMPORT, "create", throw=True)
	if import_type not in rules.IMPORT_TYPES:
		frappe.throw(_("Choose what the file is: an earlier ledger or a J-LIS delivery list."))
	if file_type == "csv":
		content = rules.template_csv(import_type)
	else:
		file_type, content = "xlsx", rules.template_xlsx(import_type)
	frappe.response["type"] = "binary"
	frappe.response["filename"] = f"{TEMPLATE_NAMES[import_type]}.{file_type}"
	frappe.response["filecontent"] = content


@frappe.whitelist(methods=["POST"])
def retry(name: str):
	doc = frappe.get_doc(card_import.CARD_IMPORT, name)
	doc.check_permission("write")
	card_import.retry(doc)
