"""Staff actions on the slot calendar: generate slots from the weekly templates and the opening days
(休日開庁, extra sessions), close a day."""

import frappe
from frappe import _
from frappe.utils import get_time, getdate

from mynumber_card import settings as town_settings
from mynumber_card.booking import opening_days
from mynumber_card.core import booking_states
from mynumber_card.core.closing_days import WEEKDAYS
from mynumber_card.core.slots import SlotTemplate, generate_slots, missing_slots


def templates_from_settings(settings, active: set[str] | None = None) -> list[SlotTemplate]:
	active = opening_days.active_purposes() if active is None else active
	templates = []
	for row in settings.slot_templates:
		purposes = opening_days.row_purposes(
			row, active, _("Row {0} of the slot templates names an unknown or inactive purpose: {1}")
		)
		try:
			templates.append(
				SlotTemplate(
					weekday=WEEKDAYS.index(row.weekday),
					location=row.location,
					start=get_time(row.start_time),
					end=get_time(row.end_time),
					slot_minutes=int(row.slot_minutes or 0),
					capacity=int(row.capacity or 0),
					purposes=purposes,
				)
			)
		except ValueError:
			frappe.throw(
				_(
					"Row {0} of the slot templates is not valid: check times, slot length, capacity and purposes."
				).format(row.idx)
			)
	return templates


@frappe.whitelist(methods=["POST"])
def generate(from_date: str, to_date: str) -> dict:
	"""Create the slots the templates and opening days give in the range; existing slots (booked or
	not) stay as they are, so generating twice makes nothing twice."""
	frappe.has_permission("Booking Slot", "create", throw=True)
	settings = town_settings.document()
	active = opening_days.active_purposes()
	templates = templates_from_settings(settings, active)
	sessions = opening_days.sessions_from_settings(settings, active)
	if not templates and not sessions:
		frappe.throw(_("Add weekly slot templates in MyNumber Card Settings first."))
	try:
		specs = generate_slots(
			templates, getdate(from_date), getdate(to_date), opening_days.closing_days_of(settings), sessions
		)
	except ValueError as error:
		frappe.throw(_("Cannot generate slots: {0}").format(frappe.utils.escape_html(str(error))))
	slot = frappe.qb.DocType("Booking Slot")
	existing = set(
		frappe.qb.from_(slot)
		.select(slot.slot_key)
		.where(slot.slot_date.between(getdate(from_date), getdate(to_date)))
		.run(pluck=True)
	)
	created = 0
	for spec in missing_slots(specs, existing):
		frappe.get_doc(
			{
				"doctype": "Booking Slot",
				"location": spec.location,
				"slot_date": spec.day,
				"start_time": spec.start,
				"end_time": spec.end,
				"capacity": spec.capacity,
				"purposes": [{"purpose": p} for p in spec.purposes],
				"opening_note": spec.note or None,
			}
		).insert()
		created += 1
	return {"created": created, "kept": len(specs) - created}


@frappe.whitelist(methods=["POST"])
def close_slots(slot_date: str, location: str | None = None, reason: str | None = None) -> list[dict]:
	"""Close every slot of a day (at one location or all) and list the residents to contact."""
	frappe.has_permission("Booking Slot", "write", throw=True)
	filters = {"slot_date": getdate(slot_date)}
	if location:
		filters["location"] = location
	names = frappe.get_all("Booking Slot", filters=filters, pluck="name")
	for name in names:
		slot = frappe.get_doc("Booking Slot", name)
		slot.is_closed = 1
		slot.closed_reason = reason or slot.closed_reason
		slot.save()
	return bookings_to_contact(names)


def bookings_to_contact(slot_names: list[str]) -> list[dict]:
	if not slot_names:
		return []
	return frappe.get_all(
		"Card Booking",
		filters={"slot": ("in", slot_names), "workflow_state": ("in", booking_states.ACTIVE)},
		fields=["name", "full_name", "phone", "email", "slot_date", "start_time", "purpose"],
		order_by="start_time asc",
	)
