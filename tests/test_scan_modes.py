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


def test_the_page_and_the_scan_log_list_the_core_modes():
	import json
	import re

	from tests.app_files import MODULE_DIR, doctypes

	js = (MODULE_DIR / "page" / "card_scanner" / "card_scanner.js").read_text(encoding="utf-8")
	listed = re.search(r"const MODES = \[(.*?)\];", js, re.S).group(1)
	assert json.loads(f"[{listed.strip().rstrip(',')}]") == list(MODES)
	(mode_field,) = [f for f in doctypes()["Card Scan Log"]["fields"] if f["fieldname"] == "mode"]
	assert mode_field["options"].split("\n") == list(MODES)
