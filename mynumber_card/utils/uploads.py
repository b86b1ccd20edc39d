"""What the two import endpoints share: the uploaded file read from the request in memory (never
saved), and a template sent back as a download."""

from collections.abc import Callable

import frappe
from frappe import _


def uploaded_file(limit: int, error: type[Exception]) -> tuple[str, bytes]:
	"""The multipart `file`: its name and at most limit + 1 bytes (the reader refuses a larger one)."""
	upload = frappe.request.files.get("file") if frappe.request else None
	if not upload:
		frappe.throw(_("Choose a file first."), error)
	return upload.filename, upload.stream.read(limit + 1)


def send_template(stem: str, file_type: str, as_csv: Callable[[], bytes], as_xlsx: Callable[[], bytes]):
	"""The template as `stem`.csv or (anything else) `stem`.xlsx."""
	if file_type == "csv":
		content = as_csv()
	else:
		file_type, content = "xlsx", as_xlsx()
	frappe.response["type"] = "binary"
	frappe.response["filename"] = f"{stem}.{file_type}"
	frappe.response["filecontent"] = content
