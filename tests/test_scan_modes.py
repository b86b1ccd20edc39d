import re

from mynumber_card.core import barcodes, lifecycle
from mynumber_card.core.scan_modes import (
	ACCEPTS,
	ASKS,
	BATCHED,
	MODES,
	READ_ONLY,
	STEP_MODES,
	accepts,
	page_modes,
)


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


def quoted_modes(text: str) -> set[str]:
	names = "|".join(re.escape(m) for m in MODES)
	return {m.group(2) for m in re.finditer(rf"([\"'`])({names})\1", text)}


def test_the_finder_sees_a_list_of_modes_in_any_quotes():
	assert quoted_modes("const MODES = [\"Intake\", 'Mailed', `Lookup`];") == {"Intake", "Mailed", "Lookup"}
	assert quoted_modes("__(m.name) // Intake asks for a delivery") == set()


def test_the_page_and_the_scan_log_take_the_core_modes():
	from tests.app_files import MODULE_DIR, doctypes

	(mode_field,) = (f for f in doctypes()["Card Scan Log"]["fields"] if f["fieldname"] == "mode")
	assert mode_field["options"].split("\n") == list(MODES)
	assert [m["name"] for m in page_modes()] == list(MODES)
	assert set(ASKS) <= set(MODES) and set(READ_ONLY) <= set(MODES)
	assert [m["name"] for m in page_modes() if m["batched"]] == list(BATCHED)
	# The page takes its modes from boot (boot.py sends page_modes()) and names none itself: no list
	# of them, and no mode it branches on (it branches on what core's ASKS says a mode asks for).
	js = (MODULE_DIR / "page" / "card_scanner" / "card_scanner.js").read_text(encoding="utf-8")
	assert "frappe.boot.mynumber_card_scan_modes" in js
	assert quoted_modes(js) == set()
	for asked in set(ASKS.values()):  # the page renders what each mode asks for
		assert f'this.mode.asks === "{asked}"' in js


def test_only_modes_that_ask_nothing_of_a_person_are_batched():
	# a batch answers per code with no dialog: a mode that asks for a witness or a hand-over, reads
	# one booking at the counter, or only looks something up, takes one code at a time
	for mode in BATCHED:
		assert mode in MODES
		assert ASKS.get(mode) in (None, "delivery")
		assert mode not in READ_ONLY
	assert "Check-in" not in BATCHED and "Issue" not in BATCHED
