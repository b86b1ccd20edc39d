# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""A setting the town never saved reads as its DocType JSON default; a 0 it set on purpose stays 0."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mynumber_card import settings
from mynumber_card.booking import jobs, places
from mynumber_card.install import set_default_settings
from mynumber_card.ledger import renewals
from mynumber_card.settings import SETTINGS

FIELDS = (
	"booking_opens_days_ahead",
	"booking_closes_hours_before",
	"reminder_days_before",
	"renewal_window_months",
	"retention_days",
	"storage_box_size",
)


def forget(fieldname: str):
	"""As on a site that never saved the field (one an update added)."""
	frappe.db.delete("Singles", {"doctype": SETTINGS, "field": fieldname})
	frappe.clear_document_cache(SETTINGS, SETTINGS)  # the delete went past Frappe: as after an update
	frappe.db.value_cache.pop(SETTINGS, None)


class TestSettingsDefaults(FrappeTestCase):
	def test_never_saved_reads_the_json_default(self):
		for fieldname in FIELDS:
			forget(fieldname)
		meta = frappe.get_meta(SETTINGS)
		json_default = {f: int(meta.get_field(f).default) for f in FIELDS}
		self.assertEqual(json_default["booking_closes_hours_before"], 24)
		window = places.booking_window()
		self.assertEqual(
			(window.opens_days_ahead, window.closes_hours_before),
			(json_default["booking_opens_days_ahead"], json_default["booking_closes_hours_before"]),
		)
		self.assertEqual(jobs.reminder_days_before(), json_default["reminder_days_before"])
		self.assertEqual(renewals.renewal_window_months(), json_default["renewal_window_months"])
		self.assertEqual(settings.get_int("retention_days"), json_default["retention_days"])

	def test_zero_set_on_purpose_stays_zero(self):
		for fieldname in ("booking_closes_hours_before", "reminder_days_before", "retention_days"):
			frappe.db.set_single_value(SETTINGS, fieldname, 0)
		self.assertEqual(places.booking_window().closes_hours_before, 0)
		self.assertEqual(jobs.reminder_days_before(), 0)
		self.assertEqual(settings.get_int("retention_days"), 0)

	def test_migrate_writes_missing_defaults_and_keeps_the_towns_values(self):
		forget("storage_box_size")
		frappe.db.set_single_value(SETTINGS, "retention_days", 30)
		set_default_settings()
		stored = frappe.db.get_singles_dict(SETTINGS)
		self.assertEqual(int(stored.storage_box_size), int(settings.default("storage_box_size")))
		self.assertEqual(int(stored.retention_days), 30)
