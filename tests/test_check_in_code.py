"""The check-in code of the confirmation's QR as the scanner rules see it: recognised in what a
camera or a keyboard-wedge scanner gives, never logged whole, never taken for a booking number."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mynumber_card.core import barcodes
from mynumber_card.core.barcodes import CHECK_IN_CODE, default_rules, normalize_check_in_code
from mynumber_card.core.scan_modes import accepts
from mynumber_card.core.signing import make_check_in_code
from tests.app_files import naming_series

RULES = default_rules(naming_series("Card Booking"))
SECRET = "site-secret"
CODE = make_check_in_code("BK-2026-00012", 3, date(2026, 11, 30), SECRET)


def test_the_code_is_a_check_in_code_and_its_log_keeps_only_the_prefix():
	result = barcodes.classify(CODE, RULES)
	assert (result.kind, result.value, result.refused, result.message_key) == (
		CHECK_IN_CODE,
		CODE,
		False,
		"ok",
	)
	assert result.masked == "MNC-CI.…"
	assert "BK-2026" not in result.masked and CODE not in result.masked


@pytest.mark.parametrize(
	"typed",
	[
		f"{CODE}\r\n",  # a wedge scanner's Enter
		CODE.lower(),  # caps lock on the kiosk's keyboard
		CODE.replace("-", "－").replace(".", "．"),  # full width
		CODE.translate({ord(c): ord(c) + 0xFEE0 for c in "ABCDEFGHIJKLMNOP"}),
	],
)
def test_what_scanners_do_to_the_code_is_undone(typed):
	result = barcodes.classify(typed, RULES)
	assert (result.kind, result.value) == (CHECK_IN_CODE, CODE)


@pytest.mark.parametrize(
	"raw",
	[
		"MNC-CI.",
		"MNC-CI.AB.CD",
		CODE + "A",  # signature one letter too long
		CODE.replace(".", "", 1),
		"MNC-CI.ABCQ." + "A" * 32,  # Q is not a letter of the code
		f"https://town.example.jp/my-booking?code={CODE}",
	],
)
def test_other_shapes_are_not_check_in_codes(raw):
	assert barcodes.classify(raw, RULES).kind != CHECK_IN_CODE
	assert normalize_check_in_code(raw) is None


def test_a_bare_booking_number_stays_a_booking_number():
	assert barcodes.classify("BK-2026-00012", RULES).kind == barcodes.BOOKING_CODE


def test_the_scanner_checks_in_and_looks_up_by_the_code_only():
	assert accepts("Check-in", CHECK_IN_CODE) and accepts("Lookup", CHECK_IN_CODE)
	assert not any(accepts(mode, CHECK_IN_CODE) for mode in ("Intake", "Issue", "Disposal", "Prepared"))


@settings(max_examples=200, deadline=None)
@given(
	name=st.from_regex(r"BK-20[0-9]{2}-[0-9]{5,6}", fullmatch=True),
	version=st.integers(0, 10**6),
	day=st.dates(date(2024, 1, 1), date(2099, 12, 31)),
)
def test_every_code_is_recognised_and_never_refused_as_an_individual_number(name, version, day):
	code = make_check_in_code(name, version, day, SECRET)
	result = barcodes.classify(code, RULES)
	assert (result.kind, result.value, result.refused) == (CHECK_IN_CODE, code, False)
