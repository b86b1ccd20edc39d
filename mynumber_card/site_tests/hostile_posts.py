"""The first wall: hostile text posted by a guest through the public endpoints, as an attacker would
(over HTTP, to the served site), into every field a guest can write: the two web forms (applicant,
family members, proxy) and the cancel reason of /my-booking. Each post is answered; what the site
stored is kept for the staff views to show (none, when the wall holds)."""

import json
from dataclasses import dataclass, field

import frappe
import requests

from mynumber_card.booking.links import token_for
from mynumber_card.core import lifecycle, plain_text
from mynumber_card.testing import (
	BASE_URL,
	BOOKING_PROXY,
	HTTP_TIMEOUT_S,
	booking_values,
	make_card,
	make_slot,
	remove_slot,
)

ACCEPT = f"{BASE_URL}/api/method/frappe.website.doctype.web_form.web_form.accept"
CANCEL = f"{BASE_URL}/api/method/mynumber_card.api.booking.cancel_booking"

# Markup, script URLs, spreadsheet formulas, and characters that hide or reorder text.
MARKUP_PAYLOADS = (
	'"<img src=x onerror=alert(11)>"',  # parses as JSON: Frappe's sanitiser skips it
	"<svg/onload=alert(12)>",
	"</script><script>alert(13)</script>",
	'<a href="javascript:alert(14)">x</a>',
)
HIDDEN_PAYLOADS = ("山田\u202e郎太", "山田\u200b太郎", "山田\x00太郎")
PLAIN_HOSTILE = ("javascript:alert(15)", '=HYPERLINK("http://x","y")', "+SUM(1)", "-2+3", "@SUM(1)")
PAYLOADS = MARKUP_PAYLOADS + HIDDEN_PAYLOADS + PLAIN_HOSTILE

# A name or furigana holds none of these; free text may hold the plain ones (escaped when shown,
# neutralised in exports) but never markup or hidden characters.
APPLICANT_FIELDS = ("full_name", "full_name_kana", "phone", "email")
MEMBER_FIELDS = ("full_name", "full_name_kana")
PROXY_NAME_FIELDS = ("proxy_name", "proxy_name_kana")
PROXY_TEXT_FIELDS = ("proxy_relationship",)


@dataclass
class Posted:
	slot: str = ""
	cards: list[str] = field(default_factory=list)
	cancel_target: str = ""  # a booking made for the cancel reason posts
	accepted: list[str] = field(default_factory=list)  # "where: payload" the site stored
	statuses: dict[str, int] = field(default_factory=dict)


def _post(url: str, data: dict, client: int) -> requests.Response:
	# each post from its own address behind the test server: Frappe allows 10 web form posts a minute
	headers = {"X-Forwarded-For": f"10.21.{client // 250}.{client % 250 + 1}"}
	return requests.post(url, data=data, headers=headers, timeout=HTTP_TIMEOUT_S)


def _must_refuse(where: str, payload: str) -> bool:
	"""Whether the site must refuse this payload here (else it may store it as plain text)."""
	free_text = where.startswith(("proxy_relationship", "cancel_reason"))
	return not free_text or payload in MARKUP_PAYLOADS + HIDDEN_PAYLOADS


def _pickup_cards(posted: Posted) -> list:
	"""Two cards waiting with their notices (the applicant's and a family member's), committed."""
	cards = [make_card(lifecycle.NOTICE_SENT) for _ in range(2)]
	posted.cards += [card.name for card in cards]
	frappe.db.commit()
	return cards


def _attempts(payload: str, slot: str, cards: list):
	"""(where, web form, posted values) for one payload in each guest-writable field."""
	for fieldname in APPLICANT_FIELDS:
		yield fieldname, "visit-booking", booking_values(slot, **{fieldname: payload})
	pickup = booking_values(
		slot, purpose="カード受取", notice_number=cards[0].notice_number, birth_date=str(cards[0].birth_date)
	)
	for fieldname in MEMBER_FIELDS:
		member = {
			"full_name": "家族 次郎",
			"full_name_kana": "カゾク ジロウ",
			"birth_date": str(cards[1].birth_date),
			"notice_number": cards[1].notice_number,
			fieldname: payload,
		}
		yield f"members.{fieldname}", "pickup-booking", {**pickup, "members": [member]}
	for fieldname in PROXY_NAME_FIELDS + PROXY_TEXT_FIELDS:
		yield fieldname, "pickup-booking", {**pickup, **BOOKING_PROXY, fieldname: payload}


def _stored_count(slot: str) -> int:
	frappe.db.rollback()  # a fresh snapshot: the served site committed in its own transaction
	return frappe.db.count("Card Booking", {"slot": slot})


def post_everywhere() -> Posted:
	"""Post every payload into every guest-writable field; committed records for the served site."""
	posted = Posted()
	posted.slot = make_slot(capacity=500, days_ahead=3).name
	target = frappe.get_doc(booking_values(posted.slot, full_name="取消 試験")).insert(
		ignore_permissions=True
	)
	posted.cancel_target = target.name
	frappe.db.commit()
	cards = _pickup_cards(posted)

	client = 0
	for payload in PAYLOADS:
		for where, web_form, values in list(_attempts(payload, posted.slot, cards)):
			values = {key: value for key, value in values.items() if key != "doctype"}
			before = _stored_count(posted.slot)
			response = _post(ACCEPT, {"web_form": web_form, "data": json.dumps(values)}, client)
			client += 1
			posted.statuses[f"{where}: {payload}"] = response.status_code
			if _stored_count(posted.slot) == before:
				continue
			if _must_refuse(where, payload):
				posted.accepted.append(f"{where}: {payload}")
			if web_form == "pickup-booking":
				cards = _pickup_cards(posted)  # these are booked now: the next pickup needs its own

	token = token_for(target)
	for payload in PAYLOADS:
		response = _post(CANCEL, {"token": token, "reason": payload}, client)
		client += 1
		posted.statuses[f"cancel_reason: {payload}"] = response.status_code
		if response.status_code != 200:
			continue
		# cancelled: Frappe's own sanitiser may have emptied a reason it could parse as HTML (not
		# one that parses as JSON); what counts is what was stored
		frappe.db.rollback()
		stored = frappe.db.get_value("Card Booking", target.name, "cancel_reason") or ""
		if _must_refuse("cancel_reason", payload) and not plain_text.check_free_text(stored, 500, True).ok:
			posted.accepted.append(f"cancel_reason: {payload}")
		break  # the booking takes no second reason
	return posted


def remove_posted(posted: Posted):
	"""Take the slot with every booking made on it, and the cards, away again; commit."""
	frappe.db.rollback()
	if posted.slot:
		remove_slot(posted.slot)
	for name in posted.cards:
		if frappe.db.exists("MyNumber Card", name):
			frappe.delete_doc("MyNumber Card", name, force=True, ignore_permissions=True)
	frappe.db.commit()
