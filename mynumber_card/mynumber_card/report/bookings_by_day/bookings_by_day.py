# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""予約一覧: the day sheet staff print in the morning, per location. A proxy who will come (法定代理人,
任意代理人) is shown with their name and relationship, so the clerk prepares the checks a proxy needs."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core import booking_states
from mynumber_card.core.dates import clock
from mynumber_card.ledger.report_columns import report_columns


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = day_bookings(filters)
	members = members_by_booking([r.name for r in rows])
	for row in rows:
		row.booking = row.name  # the link column every booking report shares
		row.time = clock(row.start_time)
		row.state = booking_states.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
		row.members = "、".join(members.get(row.name, []))
		row.proxy = proxy_line(row)
	return report_columns(
		"time",
		"location",
		"booking",
		"full_name",
		"full_name_kana",
		"purpose",
		"members",
		"proxy",
		"notice_number",
		"phone",
		"state",
		"channel",
	), rows


def day_bookings(filters) -> list[dict]:
	"""The day's bookings, by time and location; cancelled ones and no-shows only when asked."""
	fields = (
		"name",
		"start_time",
		"location",
		"full_name",
		"full_name_kana",
		"purpose",
		"phone",
		"notice_number",
		"workflow_state",
		"channel",
		"proxy_coming",
		"proxy_kind",
		"proxy_name",
		"proxy_name_kana",
		"proxy_relationship",
	)
	booking = frappe.qb.DocType("Card Booking")
	query = (
		frappe.qb.from_(booking)
		.select(*(booking[field] for field in fields))
		.where(booking.slot_date == getdate(filters.get("date") or today()))
		.orderby(booking.start_time)
		.orderby(booking.location)
	)
	if filters.get("location"):
		query = query.where(booking.location == filters.location)
	if not filters.get("include_cancelled"):
		query = query.where(booking.workflow_state.notin(booking_states.RELEASING))
	return query.run(as_dict=True)


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
