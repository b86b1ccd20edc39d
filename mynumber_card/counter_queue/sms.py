"""One SMS through the gateway of Frappe's SMS Settings, built as Frappe's own send_via_gateway builds
it (its parameters, headers, GET or POST, JSON or form), without Frappe's SMS Log: v15 has that doctype
only with ERPNext, and a log of it would keep the resident's number."""

import frappe
from frappe.core.doctype.sms_settings.sms_settings import get_headers, send_request


def send(phone: str, text: str) -> int:
	"""The gateway's HTTP status; raises on a refusal (4xx/5xx) or no gateway."""
	settings = frappe.get_doc("SMS Settings")
	if not settings.sms_gateway_url:
		raise frappe.ValidationError("no SMS gateway")
	headers = get_headers(settings)
	params = {settings.message_parameter: text}
	for row in settings.get("parameters"):
		if not row.header:
			params[row.parameter] = row.value
	params[settings.receiver_parameter] = "".join(ch for ch in phone if ch.isdigit())
	return send_request(
		settings.sms_gateway_url,
		params,
		headers,
		settings.use_post,
		headers.get("Content-Type") == "application/json",
	)
