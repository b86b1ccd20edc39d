"""The town's settings for the ticket on the phone and the public waits (MyNumber Card Settings →
窓口の呼出), read as the pages and the alerts need them, and checked when the card manager saves them."""

import frappe
from frappe import _
from frappe.utils import cint, escape_html, get_time

from mynumber_card import settings
from mynumber_card.core import queue_phone

SMS_SETTINGS = "SMS Settings"


def near_threshold() -> int:
	return max(settings.get_int("queue_near_alert"), 0)


def reception_hours():
	v = settings.values("queue_reception_opens", "queue_reception_closes")
	return get_time(v.queue_reception_opens), get_time(v.queue_reception_closes)


def push_services() -> list[str]:
	return queue_phone.origin_lines(settings.values("queue_push_services").queue_push_services)[0]


def frame_origins() -> list[str]:
	"""The town's own sites that may show /queue-waits-embed in a frame."""
	return queue_phone.origin_lines(settings.values("queue_waits_frame_origins").queue_waits_frame_origins)[0]


def web_push_offered() -> bool:
	return bool(settings.get_int("queue_web_push")) and bool(push_services())


def sms_offered() -> bool:
	return bool(settings.get_int("queue_sms_alerts")) and bool(
		frappe.db.get_single_value(SMS_SETTINGS, "sms_gateway_url")
	)


def mail_offered() -> bool:
	from mynumber_card.booking.notify import has_outgoing_email

	return bool(settings.get_int("queue_mail_alerts")) and has_outgoing_email()


def validate(doc, method=None):
	"""MyNumber Card Settings.validate: each origin list holds origins only, and the
	reception closes after it opens."""
	for fieldname in ("queue_push_services", "queue_waits_frame_origins"):
		_good, bad = queue_phone.origin_lines(doc.get(fieldname))
		if bad:
			number, line = bad[0]
			frappe.throw(
				_(
					"Line {0} of {1} is not a web address of the form https://www.example.jp (no path): {2}"
				).format(number, _(doc.meta.get_label(fieldname)), escape_html(line))
			)
	opens, closes = doc.get("queue_reception_opens"), doc.get("queue_reception_closes")
	if opens and closes and get_time(closes) <= get_time(opens):
		frappe.throw(_("Reception must close after it opens."))
	if cint(doc.get("queue_near_alert")) < 0:
		frappe.throw(_("The number of residents ahead for the notice cannot be negative."))
