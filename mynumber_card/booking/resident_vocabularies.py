"""The lists the residents' booking scripts need, sent with the page (the web form's data) so that no
list lives in the JS: the eras of the birth-date selects (core/eras), the kinds of proxy with the
words a resident knows, and the family members' boxes with their lengths from the doctype."""

import frappe
from frappe import _

from mynumber_card.core import eras

BOOKING, MEMBER = "Card Booking", "Card Booking Member"
# the proxy kinds (Card Booking.proxy_kind's options) in a resident's words
PROXY_WORDS = {
	"Legal Representative": "法定代理人（15歳未満の方の親権者、成年後見人など）",
	"Authorised Proxy": "任意代理人（ご本人に頼まれた家族など）",
}
# a member's typed boxes, in the order shown; the birth date has its own control
MEMBER_BOXES = ("notice_number", "full_name", "full_name_kana")


def proxy_kinds() -> list[dict]:
	options = frappe.get_meta(BOOKING).get_field("proxy_kind").options or ""
	return [{"value": o, "label": _(PROXY_WORDS.get(o, o))} for o in options.split("\n") if o]


def member_fields() -> list[dict]:
	meta = frappe.get_meta(MEMBER)
	fields = []
	for fieldname in MEMBER_BOXES:
		df = meta.get_field(fieldname)
		fields.append(
			{
				"fieldname": fieldname,
				"label": _(df.label),
				"help": _(df.description) if df.description else "",
				"length": df.length or 140,  # Frappe's Data default
				# the furigana: required unless "no kana" is ticked
				"reqd": bool(df.reqd or df.mandatory_depends_on),
			}
		)
	return fields


def member_ticks() -> list[dict]:
	"""A member's ticks: "no kana" (an alphabet name), worded as the applicant's, with the box it makes
	optional."""
	df = frappe.get_meta(MEMBER).get_field("no_kana")
	return [
		{
			"fieldname": "no_kana",
			"label": _(df.label),
			"help": _(df.description),
			"releases": "full_name_kana",
		}
	]


def vocabularies() -> dict:
	return {
		"eras": eras.table(eras.BIRTH_ERAS),
		"proxy_kinds": proxy_kinds(),
		"member_fields": member_fields(),
		"member_ticks": member_ticks(),
	}


def add_to_web_form(context):
	doc = context.get("web_form_doc")
	if doc is not None:
		doc["mnc_vocabularies"] = vocabularies()
