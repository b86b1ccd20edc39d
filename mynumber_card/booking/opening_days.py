"""The opening days and extra sessions of MyNumber Card Settings (休日開庁, evening sessions): read as
core sessions for slot generation, and checked when the card manager saves them. The rules live in
core/opening_days.py and core/slots.py."""

import frappe
from frappe import _
from frappe.utils import cint, get_time, getdate

from mynumber_card.core.dates import clock, wareki
from mynumber_card.core.slots import OpeningSession, closed_days_opened, session_clashes, session_days
from mynumber_card.utils.plain_text import checked_text

MAX_NOTE = 140
# what a saved change is compared by: a settings save for another reason checks nothing here
_SESSION_FIELDS = (
	"first_day",
	"last_day",
	"days",
	"weeks",
	"skip_closed_days",
	"location",
	"start_time",
	"end_time",
	"slot_minutes",
	"capacity",
	"purposes",
)
_TEMPLATE_FIELDS = ("weekday", "location", "start_time", "end_time")


def active_purposes() -> set[str]:
	return set(frappe.get_all("Booking Purpose", filters={"is_active": 1}, pluck="name"))


def row_purposes(row, active: set[str], unknown_message: str) -> tuple[str, ...]:
	"""The purposes of a template or session row, one a line; refused when one is unknown or inactive.
	`unknown_message` takes the row number and the names."""
	purposes = tuple(p.strip() for p in (row.purposes or "").splitlines() if p.strip())
	unknown = [p for p in purposes if p not in active]
	if unknown:
		frappe.throw(unknown_message.format(row.idx, frappe.utils.escape_html(", ".join(unknown))))
	return purposes


def sessions_from_settings(settings, active: set[str] | None = None) -> list[OpeningSession]:
	active = active_purposes() if active is None else active
	sessions = []
	for row in settings.get("opening_sessions") or []:
		purposes = row_purposes(
			row, active, _("Row {0} of the opening days names an unknown or inactive purpose: {1}")
		)
		try:
			sessions.append(
				OpeningSession(
					first_day=getdate(row.first_day),
					last_day=getdate(row.last_day) if row.last_day else None,
					days=row.days or "Every Day",
					weeks=row.weeks or "Every Week",
					skip_closed_days=bool(cint(row.skip_closed_days)),
					location=row.location,
					start=get_time(row.start_time),
					end=get_time(row.end_time),
					slot_minutes=cint(row.slot_minutes),
					capacity=cint(row.capacity),
					purposes=purposes,
					note=row.note or "",
				)
			)
		except ValueError:
			frappe.throw(
				_(
					"Row {0} of the opening days is not valid: check the dates (a period of at most a year, the last day not before the first), times, slot length, capacity and purposes."
				).format(row.idx)
			)
	return sessions


def closing_days_of(settings) -> dict:
	return {getdate(row.closing_date): row.reason or "" for row in settings.get("closing_days") or []}


def _signature(settings) -> tuple:
	sessions = tuple(
		tuple(str(row.get(f) or "") for f in _SESSION_FIELDS)
		for row in settings.get("opening_sessions") or []
	)
	templates = tuple(
		tuple(str(row.get(f) or "") for f in _TEMPLATE_FIELDS) for row in settings.get("slot_templates") or []
	)
	closing = tuple(str(row.closing_date) for row in settings.get("closing_days") or [])
	return sessions, templates, closing


def validate(settings):
	"""On saving the settings: each note is plain text; when the sessions, templates or closing days
	changed, each session picks at least one day and meets no other hours at its counter, and the
	manager is told which closed days the sessions open."""
	label = _("Note for Staff")
	for row in settings.get("opening_sessions") or []:
		row.note = checked_text(row.note, label, MAX_NOTE) or None
	before = settings.get_doc_before_save()
	if not settings.get("opening_sessions") or (before and _signature(before) == _signature(settings)):
		return
	from mynumber_card.booking.slot_calendar import templates_from_settings

	closing = closing_days_of(settings)
	sessions = sessions_from_settings(settings)
	rows = settings.opening_sessions
	for index, session in enumerate(sessions):
		if not session_days(session, closing):
			frappe.throw(
				_(
					"Row {0} of the opening days opens no day: check the dates, the days and the weeks of the month."
				).format(rows[index].idx)
			)
	clashes = session_clashes(templates_from_settings(settings), sessions, closing)
	if clashes:
		clash = clashes[0]
		row = rows[clash.session]
		with_what = (
			_("the weekly slot templates")
			if clash.other is None
			else _("row {0} of the opening days").format(rows[clash.other].idx)
		)
		frappe.throw(
			_(
				"Row {0} of the opening days ({1}–{2} on {3} at {4}) overlaps {5}. Choose other hours or another location; to take more residents at the same hours, raise the capacity of the slots."
			).format(
				row.idx,
				clock(row.start_time),
				clock(row.end_time),
				wareki(clash.day, with_weekday=True),
				frappe.utils.escape_html(clash.location),
				with_what,
			),
			title=_("Opening Days and Extra Sessions"),
		)
	opened = closed_days_opened(sessions, closing)
	if opened:
		days = "<br>".join(
			f"{wareki(day, with_weekday=True)} {frappe.utils.escape_html(reason)}"
			for day, reason in opened[:20]
		)
		more = _("and {0} more").format(len(opened) - 20) if len(opened) > 20 else ""
		frappe.msgprint(
			_("The opening days open these closed days for their hours (Generate Slots makes the slots):")
			+ f"<br>{days}<br>{more}",
			title=_("Opening Days and Extra Sessions"),
		)
