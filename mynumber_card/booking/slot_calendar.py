"""Staff actions on the slot calendar: generate slots from the weekly templates, close a day."""

import frappe
from frappe import _
from frappe.utils import get_time, getdate

from mynumber_card.core import booking_states
from mynumber_card.core.slots import WEEKDAYS, SlotTemplate, generate_slots, missing_slots

SETTINGS = "MyNumber Card Settings"


def templates_from_settings(settings) -> list[SlotTemplate]:
	active = set(frappe.get_all("Booking Purpose", filters={"is_active": 1}, pluck="name"))
	templates = []
	for row in settings.slot_templates:
		purposes = tuple(p.strip() for p in (row.purposes or "").splitlines() if p.strip())
		unknown = [p for p in purposes if p not in active]
		if unknown:
			frappe.throw(
				_("Row {0} of the slot templates names an unknown or inactive purpose: {1}").format(
					row.idx, frappe.utils.escape_html(", ".join(unknown))
				)
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


def closing_days_from_settings(settings) -> dict:
	return {getdate(row.closing_date): row.reason or "" for row in settings.closing_days}


@frappe.whitelist(methods=["POST"])
def generate(from_date: str, to_date: str) -> dict:
	"""Create the slots the templates give in the range; existing slots (booked or not) stay as they are."""
	frappe.has_permission("Booking Slot", "create", throw=True)
	settings = frappe.get_single(SETTINGS)
	templates = templates_from_settings(settings)
	if not templates:
		frappe.throw(_("Add weekly slot templates in MyNumber Card Settings first."))
	try:
		specs = generate_slots(
			templates, getdate(from_date), getdate(to_date), closing_days_from_settings(settings)
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
