"""What `bench mynumber-card-towns` does on one town's site, once connected: the settings the list
sets (only the values that differ), the office as a booking location and the first weekly slot
templates when the town has none yet. A second run with the same list changes nothing."""

import frappe

from mynumber_card import settings as town_settings
from mynumber_card.core import town_list
from mynumber_card.prefecture import site_role

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
FIRST_SESSIONS = (("09:00", "12:00"), ("13:00", "16:30"))
SLOT_MINUTES = 30
CAPACITY = 2


def location_name(town: town_list.TownRow) -> str:
	return town.settings.get("office_name") or f"{town.town_name} 窓口"


def complete_setup() -> bool:
	"""A new site skips Frappe's setup wizard as a Japanese town's: Japanese, Tokyo time (the desk
	shows the wizard otherwise). True when it was not done yet."""
	from mynumber_card.install import mark_setup_wizard_done

	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return False
	system = frappe.get_single("System Settings")
	system.update({"language": "ja", "time_zone": "Asia/Tokyo", "country": "Japan", "setup_complete": 1})
	system.flags.ignore_mandatory = True
	system.save()
	mark_setup_wizard_done()
	return True


def apply_town(town: town_list.TownRow) -> list[str]:
	"""Bring the site in line with its row; what changed, as short words for the command's line."""
	site_role.require_town()
	done = ["setup"] if complete_setup() else []
	settings = town_settings.editable()
	changed = town_list.changes({k: settings.get(k) for k in town.settings}, town.settings)
	if changed:
		settings.update(changed)
		done.append("settings:" + ",".join(sorted(changed)))
	place = location_name(town)
	if not frappe.db.exists("Booking Location", place):
		frappe.get_doc({"doctype": "Booking Location", "location_name": place, "is_active": 1}).insert()
		done.append("location")
	if not settings.slot_templates:
		purposes = "\n".join(
			frappe.get_all("Booking Purpose", filters={"is_active": 1}, pluck="name", order_by="name")
		)
		for weekday in WEEKDAYS:
			for start, end in FIRST_SESSIONS:
				settings.append(
					"slot_templates",
					{
						"weekday": weekday,
						"location": place,
						"start_time": start,
						"end_time": end,
						"slot_minutes": SLOT_MINUTES,
						"capacity": CAPACITY,
						"purposes": purposes,
					},
				)
		done.append(f"slot_templates:{len(settings.slot_templates)}")
	if done:
		settings.save()
	return done
