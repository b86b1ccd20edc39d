from mynumber_card.core import barcodes, lifecycle
from mynumber_card.core.scan_modes import ACCEPTS, MODES, STEP_MODES, accepts


def test_every_mode_takes_some_code_and_never_an_individual_number():
	assert set(ACCEPTS) == set(MODES)
	for kinds in ACCEPTS.values():
		assert kinds and barcodes.INDIVIDUAL_NUMBER not in kinds and barcodes.UNKNOWN not in kinds


def test_intake_takes_only_application_ids_and_check_in_only_bookings():
	assert accepts("Intake", barcodes.APPLICATION_ID)
	assert not accepts("Intake", barcodes.NOTICE_NUMBER)
	assert accepts("Check-in", barcodes.BOOKING_CODE)
	assert not accepts("Check-in", barcodes.APPLICATION_ID)
	assert all(
		accepts("Lookup", kind)
		for kind in (barcodes.APPLICATION_ID, barcodes.NOTICE_NUMBER, barcodes.BOOKING_CODE)
	)
	assert not accepts("No such mode", barcodes.APPLICATION_ID)


def test_step_modes_follow_the_lifecycle_table():
	for before, after in STEP_MODES.values():
		assert lifecycle.find_transition(before, after) is not None


def test_the_page_and_the_scan_log_take_the_core_modes():
	from mynumber_card.boot import extend_bootinfo
	from tests.app_files import MODULE_DIR, doctypes

	class Boot(dict):
		__setattr__ = dict.__setitem__

	boot = Boot()
	extend_bootinfo(boot)
	assert boot["mynumber_card_scan_modes"] == list(MODES)
	js = (MODULE_DIR / "page" / "card_scanner" / "card_scanner.js").read_text(encoding="utf-8")
	assert "const MODES = frappe.boot.mynumber_card_scan_modes;" in js
	(mode_field,) = (f for f in doctypes()["Card Scan Log"]["fields"] if f["fieldname"] == "mode")
	assert mode_field["options"].split("\n") == list(MODES)
