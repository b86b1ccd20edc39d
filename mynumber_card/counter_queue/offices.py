"""The office a kiosk, a calling display or a clerk works for (core/offices.py has the rules), and the
plain Japanese the shell says when an office rule refuses a step."""

import frappe
from frappe import _

from mynumber_card.core import offices
from mynumber_card.core.offices import OfficeError

OFFICE = "Booking Location"

MESSAGES = {
	"unknown_office": lambda office: _("There is no active office named {0}.").format(office),
	"booked_elsewhere": lambda office: _("This booking is for {0}. Please check in at {0}.").format(office),
	"other_office": lambda office: _("This ticket belongs to another office ({0}).").format(
		office or _("no office")
	),
	"transfer_between_offices": lambda office: _(
		"A ticket cannot be transferred to another office ({0}). Please ask the resident to take a ticket there."
	).format(office),
}


class OfficeRefused(frappe.ValidationError):
	pass


def refuse(error: OfficeError):
	frappe.throw(MESSAGES[error.key](error.office), OfficeRefused)


def active_offices() -> list[str]:
	return frappe.get_all(OFFICE, filters={"is_active": 1}, pluck="name", order_by="name asc")


def office_for(requested: str | None) -> str | None:
	"""The office asked for by a page or a clerk, checked: the only active one in a town of one office,
	None when several are active and none was asked for."""
	try:
		return offices.chosen_office(requested, active_offices())
	except OfficeError as error:
		refuse(error)


def choices() -> dict:
	"""What a kiosk, display or clerk's panel needs to offer a choice: the active offices, and whether
	there is anything to choose."""
	names = active_offices()
	return {"offices": names, "choose": len(names) > 1}
