"""The app's naming series, as the DocType meta gives them (Customize Form included), and their counter
rows created ahead of time.

Frappe creates a series row on the first document of a year; two residents booking at that very
moment would both try to create it and one would get a deadlock. Rows for this year and the next
are made at install, on migrate and every day, so a booking only ever locks an existing row. The
counter queue's rows (ticket numbers, the clerks' lock of each office) are per day: today's and
tomorrow's; an office made or opened during the day gets its rows at once (Booking Location)."""

from datetime import date, timedelta

import frappe
from frappe.utils import getdate

from mynumber_card.core import offices, queue
from mynumber_card.core.naming import series_prefix, supported

MODULE = "MyNumber Card"


def series_options(doctype: str) -> list[str]:
	"""The naming series a doctype's names come from (its naming_series options, or its autoname), those
	the app can read: a series with a field part ({fieldname}) is left to Frappe alone."""
	meta = frappe.get_meta(doctype)
	if meta.autoname == "naming_series:":
		options = (meta.get_field("naming_series").options or "").split("\n")
	else:
		options = [meta.autoname or ""]
	return [o.strip() for o in options if o.strip() and supported(o.strip())]


def series_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType", filters={"module": MODULE, "autoname": "naming_series:", "istable": 0}, pluck="name"
	)


def ensure_series_rows():
	now = getdate()
	prefixes = {
		series_prefix(option, day)
		for doctype in series_doctypes()
		for option in series_options(doctype)
		for day in (now, date(now.year + 1, 1, 1))
	}
	prefixes.update(key for day in (now, now + timedelta(days=1)) for key in queue.day_keys(day))
	active = frappe.get_all("Booking Location", filters={"is_active": 1}, pluck="name")
	prefixes.update(key for office in active for key in office_keys(office))
	for prefix in sorted(prefixes):
		ensure_series_row(prefix)


def office_keys(office: str) -> list[str]:
	"""The rows of an office's clerks' lock, today's and tomorrow's."""
	now = getdate()
	return [offices.calls_key(day, office) for day in (now, now + timedelta(days=1))]


def ensure_office_rows(office: str):
	"""Booking Location: an office made or opened today has its lock rows before its clerks call."""
	for key in office_keys(office):
		ensure_series_row(key)


def ensure_series_row(key: str):
	"""The counter row of a series key, made at 0 if missing (a row made meanwhile is kept)."""
	if frappe.db.get_value("Series", key, "name", order_by="name") is None:
		series = frappe.qb.DocType("Series")
		frappe.qb.into(series).columns(series.name, series.current).insert(key, 0).ignore().run()


NUMBER_MARK = "\x00"  # where the number goes in a name built once for a block


def reserve_names(series: str, count: int) -> list[str]:
	"""Names for `count` new documents of a naming series, from one locked read and one write of its
	counter row instead of two queries a document. Frappe's own `parse_naming_series` builds the name
	once, with a mark where the number goes; the block's numbers fill it. The date parts are those of
	the moment of the reservation (a block is filled within a second or so). Names of rows that fail
	stay unused (a gap)."""
	from frappe.model.naming import parse_naming_series

	counter = {}

	def mark(key: str, digits: int) -> str:
		counter.update(key=key, digits=digits)
		return NUMBER_MARK

	template = parse_naming_series(series, number_generator=mark)
	if not counter:  # a series without a number part: Frappe names such documents itself
		raise frappe.ValidationError(f"naming series {series} has no number part")
	start, digits = _reserve(counter["key"], count), counter["digits"]
	return [
		template.replace(NUMBER_MARK, f"{number:0{digits}d}")
		for number in range(start + 1, start + count + 1)
	]


def _reserve(key: str, count: int) -> int:
	"""Move the counter of a series key on by `count` and return where it stood."""
	ensure_series_row(key)
	series = frappe.qb.DocType("Series")
	current = frappe.qb.from_(series).select(series.current).where(series.name == key).for_update().run()
	start = int(current[0][0] or 0)
	frappe.qb.update(series).set(series.current, start + count).where(series.name == key).run()
	return start
