"""Every column the reports show, defined once: a field has the same label, type and width in each
report that lists it, and a report names its columns in order (`report_columns("name", ...)`)."""

from frappe import _


def _column(label: str, fieldtype: str, width: int, options: str | None = None, **more) -> dict:
	column = {"label": label, "fieldtype": fieldtype, "width": width, **more}
	if options:
		column["options"] = options
	return column


def _known() -> dict[str, dict]:
	"""Built on each call so that labels are in the language of the request."""
	return {
		# a card and its holder
		"application_id": _column(_("Application ID"), "Data", 200),
		"notice_number": _column(_("Notice Number"), "Data", 120),
		"full_name": _column(_("Full Name"), "Data", 130),
		"full_name_kana": _column(_("Full Name (Kana)"), "Data", 150),
		"birth_date": _column(_("Date of Birth"), "Date", 110),
		"address": _column(_("Address"), "Data", 260),
		"state": _column(_("State"), "Data", 100),
		"issue_method": _column(_("Issue Method"), "Data", 120),
		"old_juki_card_returned": _column(_("Old Juki Card Returned"), "Check", 80),
		"remarks": _column(_("Remarks"), "Data", 200),
		"place": _column(_("Storage Place"), "Data", 90),
		# the day a card entered each state, and its deadlines
		"received_date": _column(_("Received"), "Date", 100),
		"prepared_date": _column(_("Prepared"), "Date", 100),
		"notice_date": _column(_("Notice Sent"), "Date", 110),
		"notice_returned_date": _column(_("Notice Returned Undeliverable"), "Date", 130),
		"renotice_date": _column(_("Re-notice Sent"), "Date", 110),
		"mailed_date": _column(_("Mailed"), "Date", 100),
		"mail_returned_date": _column(_("Returned by Post"), "Date", 110),
		"issued_date": _column(_("Issued"), "Date", 100),
		"disposal_deadline": _column(_("Disposal Deadline"), "Date", 120),
		"disposal_hold_until": _column(_("Disposal Hold Until"), "Date", 120),
		"disposed_date": _column(_("Disposed"), "Date", 100),
		"suspended_date": _column(_("Suspended"), "Date", 100),
		"revoked_date": _column(_("Revoked"), "Date", 100),
		"returned_date": _column(_("Returned"), "Date", 100),
		# renewal
		"due": _column(_("Due"), "Data", 150),
		"renewal_action": _column(_("What the Holder Does"), "Data", 220),
		"certificate_expiry_date": _column(_("E-certificate Valid Until"), "Date", 140),
		"card_expiry_date": _column(_("Card Valid Until"), "Date", 130),
		"renewal_letter_date": _column(_("Renewal Guide Sent"), "Date", 120),
		# a booking
		"time": _column(_("Start Time"), "Data", 70),
		"members": _column(_("Members"), "Data", 140),
		"proxy": _column(_("Proxy Coming"), "Data", 320),
		"phone": _column(_("Phone"), "Data", 120),
		"channel": _column(_("Channel"), "Data", 70),
		# monthly figures
		"month": _column(_("Month"), "Data", 140),
		"issued": _column(_("Issued in the Month"), "Int", 140),
		"cumulative": _column(_("Issued in Total"), "Int", 130),
		"population": _column(_("Population"), "Int", 110),
		"held": _column(_("Cards Held at Month End"), "Int", 140),
		"application_support": _column(_("Application Support"), "Int", 130),
		# links to the record a row is about, and where it happens
		"name": _column(_("MyNumber Card"), "Link", 150, "MyNumber Card"),
		"card": _column(_("MyNumber Card"), "Link", 150, "MyNumber Card"),
		"delivery": _column(_("Card Delivery"), "Link", 120, "Card Delivery"),
		"booking": _column(_("Booking"), "Link", 130, "Card Booking"),
		"location": _column(_("Location"), "Link", 130, "Booking Location"),
		"purpose": _column(_("Purpose"), "Link", 110, "Booking Purpose"),
		# rates in per cent
		"rate": _column(_("Issuance Rate (%)"), "Float", 130, precision=1),
		"held_rate": _column(_("Cards Held Rate (%)"), "Float", 140, precision=1),
	}


def report_columns(*fieldnames: str) -> list[dict]:
	known = _known()
	return [{"fieldname": fieldname, **known[fieldname]} for fieldname in fieldnames]


def columns_of(fields: tuple[str, ...]) -> list[dict]:
	"""The columns for a query's fields, in order; the workflow state is shown by its Japanese label,
	which the report puts in `state`."""
	return report_columns(*("state" if field == "workflow_state" else field for field in fields))


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
