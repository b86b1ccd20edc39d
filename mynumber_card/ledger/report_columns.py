"""Column definitions shared by the card ledger reports."""

from frappe import _

_SPECS = {
	"name": ("MyNumber Card", "Link", 160, "MyNumber Card"),
	"full_name": ("Full Name", "Data", 140, None),
	"full_name_kana": ("Full Name (Kana)", "Data", 160, None),
	"birth_date": ("Date of Birth", "Date", 110, None),
	"notice_number": ("Notice Number", "Data", 120, None),
	"notice_date": ("Notice Sent", "Date", 110, None),
	"disposal_deadline": ("Disposal Deadline", "Date", 120, None),
	"certificate_expiry_date": ("E-certificate Valid Until", "Date", 140, None),
	"card_expiry_date": ("Card Valid Until", "Date", 130, None),
	"address": ("Address", "Data", 260, None),
}


def card_columns(*fieldnames: str) -> list[dict]:
	columns = []
	for fieldname in fieldnames:
		label, fieldtype, width, options = _SPECS[fieldname]
		column = {"fieldname": fieldname, "label": _(label), "fieldtype": fieldtype, "width": width}
		if options:
			column["options"] = options
		columns.append(column)
	return columns


# Cards waiting for their holder, as the re-notice and uncollected lists show them.
WAITING_CARD_FIELDS = (
	"name",
	"full_name",
	"full_name_kana",
	"notice_number",
	"notice_date",
	"disposal_deadline",
	"address",
)
