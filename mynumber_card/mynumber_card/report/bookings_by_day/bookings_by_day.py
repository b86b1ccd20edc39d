# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""予約一覧: the day sheet staff print in the morning, per location. A proxy who will come (法定代理人,
任意代理人) is shown with their name and relationship, so the clerk prepares the checks a proxy needs."""

import frappe
from frappe import _
from frappe.utils import format_time, getdate, today

from mynumber_card.core import booking_states


def execute(filters=None):
	filters = frappe._dict(filters or {})
	booking = frappe.qb.DocType("Card Booking")
	query = (
		frappe.qb.from_(booking)
		.select(
			booking.start_time,
			booking.location,
			booking.name,
			booking.full_name,
			booking.full_name_kana,
			booking.purpose,
			booking.phone,
			booking.notice_number,
			booking.workflow_state,
			booking.channel,
			booking.proxy_coming,
			booking.proxy_kind,
			booking.proxy_name,
			booking.proxy_name_kana,
			booking.proxy_relationship,
		)
		.where(booking.slot_date == getdate(filters.get("date") or today()))
		.orderby(booking.start_time)
		.orderby(booking.location)
	)
	if filters.get("location"):
		query = query.where(booking.location == filters.location)
	if not filters.get("include_cancelled"):
		query = query.where(booking.workflow_state.notin(booking_states.RELEASING))
	rows = query.run(as_dict=True)
	members = members_by_booking([r.name for r in rows])
	for row in rows:
		row.time = format_time(row.start_time, "HH:mm")
		row.state = booking_states.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
		row.members = "、".join(members.get(row.name, []))
		row.proxy = proxy_line(row)
	return columns(), rows


def proxy_line(row) -> str:
	"""e.g. 任意代理人：代理 花子（ダイリ ハナコ）続柄 娘; empty when the holder comes alone."""
	if not row.proxy_coming:
		return ""
	return _("{0}: {1} ({2}), relationship {3}").format(
		_(row.proxy_kind or "Proxy"),
		row.proxy_name or "",
		row.proxy_name_kana or "",
		row.proxy_relationship or "",
	)


def members_by_booking(names: list[str]) -> dict[str, list[str]]:
	if not names:
		return {}
	found: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Card Booking Member",
		filters={"parent": ("in", names)},
		fields=["parent", "full_name"],
		order_by="idx",
	):
		found.setdefault(row.parent, []).append(row.full_name)
	return found


def columns() -> list[dict]:
	return [
		{"fieldname": "time", "label": _("Start Time"), "fieldtype": "Data", "width": 70},
		{
			"fieldname": "location",
			"label": _("Location"),
			"fieldtype": "Link",
			"options": "Booking Location",
			"width": 130,
		},
		{
			"fieldname": "name",
			"label": _("Card Booking"),
			"fieldtype": "Link",
			"options": "Card Booking",
			"width": 130,
		},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 120},
		{"fieldname": "full_name_kana", "label": _("Full Name (Kana)"), "fieldtype": "Data", "width": 140},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 100},
		{"fieldname": "members", "label": _("Members"), "fieldtype": "Data", "width": 140},
		{"fieldname": "proxy", "label": _("Proxy Coming"), "fieldtype": "Data", "width": 320},
		{"fieldname": "notice_number", "label": _("Notice Number"), "fieldtype": "Data", "width": 110},
		{"fieldname": "phone", "label": _("Phone"), "fieldtype": "Data", "width": 120},
		{"fieldname": "state", "label": _("State"), "fieldtype": "Data", "width": 80},
		{"fieldname": "channel", "label": _("Channel"), "fieldtype": "Data", "width": 70},
	]
