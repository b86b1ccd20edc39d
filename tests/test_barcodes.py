import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mynumber_card.core import barcodes
from mynumber_card.core.barcodes import (
	CARD_RULES,
	KINDS,
	MASKED_LENGTH,
	MAX_CODE_LENGTH,
	RULE_KINDS,
	ScanResult,
	ScanRule,
	booking_rules,
	default_rules,
	normalize_booking_code,
	rules_from_config,
)
from mynumber_card.core.mynumber import MASK, check_digit, contains_individual_number, is_individual_number
from tests.app_files import naming_series

# The scanner's built-in rules, with Card Booking's naming series as its DocType JSON ships it.
DEFAULT_RULES = default_rules(naming_series("Card Booking"))


def classify(raw, rules=DEFAULT_RULES) -> ScanResult:
	return barcodes.classify(raw, rules)


VALID = "123456789018"  # a valid 個人番号 (check digit worked in test_mynumber.py)
WRONG_CHECK = "123456789012"
APPLICATION_ID = "12345678901234567890123"


def assert_ok(result: ScanResult, kind: str, value: str):
	assert (result.kind, result.value, result.masked, result.refused) == (kind, value, value, False)
	assert result.message_key == "ok"
	assert result.ok


def assert_refused(result: ScanResult, digits: str = VALID):
	assert result.kind == "individual_number"
	assert result.refused
	assert result.value is None
	assert result.masked == MASK
	assert result.message_key == "individual_number"
	assert not result.ok
	assert digits not in repr(result)


def assert_unknown(result: ScanResult):
	assert result.kind == "unknown"
	assert result.value is None
	assert not result.refused
	assert result.message_key in ("unknown", "ime_on", "empty")


# -- 申請書ID ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"raw",
	[
		APPLICATION_ID,
		"１２３４５６７８９０１２３４５６７８９０１２３",
		"1234-5678-9012-3456-7890-123",
		f"\x02{APPLICATION_ID}\r\n",
		f"  {APPLICATION_ID}\t",
	],
)
def test_application_id(raw):
	assert_ok(classify(raw), "application_id", APPLICATION_ID)


@pytest.mark.parametrize(
	"raw",
	[
		f"AID:{APPLICATION_ID}",
		f"*{APPLICATION_ID}*",
		f"J{APPLICATION_ID}",
		f"{APPLICATION_ID};01",
		f"JLIS-2026:{APPLICATION_ID}/A1",
		f"aid={APPLICATION_ID}",
	],
)
def test_application_id_inside_a_label_string(raw):
	assert_ok(classify(raw), "application_id", APPLICATION_ID)


@pytest.mark.parametrize(
	"raw",
	[
		APPLICATION_ID[:-1],  # 22 digits
		APPLICATION_ID + "4",  # 24 digits
		f"9-{APPLICATION_ID}",  # digits on both sides of a hyphen: part of a longer number
		f"{APPLICATION_ID}:{APPLICATION_ID}",  # two IDs: do not guess
		"A" * 17 + ":" + APPLICATION_ID,  # prefix longer than a label would have
		f"{APPLICATION_ID}/" + "B" * 17,
		f"ID {APPLICATION_ID} (please keep)",  # free text is not a label
	],
)
def test_application_id_not_guessed(raw):
	result = classify(raw)
	assert result.kind != "application_id"
	assert result.value is None


# -- 交付通知書番号 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"raw, expected",
	[
		("ABC-123456", "ABC-123456"),
		("abc123456", "ABC-123456"),
		("ＡＢＣ－１２３４５６", "ABC-123456"),
		("Ａ１Ｃ１２３４５６", "A1C-123456"),
		("ABC―123456", "ABC-123456"),
		("\x02ABC-123456\x03", "ABC-123456"),
		("ABC-123456\r", "ABC-123456"),
		(" ABC 123456 ", "ABC-123456"),
	],
)
def test_notice_number(raw, expected):
	result = classify(raw)
	assert_ok(result, "notice_number", expected)
	assert not result.ime_kana


@pytest.mark.parametrize("raw", ["AB-123456", "ABC-12345", "ABCD-123456", "ABC-1234567", "AB!-123456"])
def test_not_a_notice_number(raw):
	assert_unknown(classify(raw))


# -- booking codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"raw",
	[
		"BK-2026-00012",
		"bk-2026-00012",
		"ＢＫ－２０２６－０００１２",
		"\x02BK-2026-00012\r\n",
		"https://town.example/booking?code=BK-2026-00012",
		"HTTPS://TOWN.EXAMPLE/BOOKING?CODE=BK-2026-00012",
		"https://town.example/booking?lang=ja&code=BK-2026-00012&sig=3f9a0c",
		"https://town.example/booking/BK-2026-00012",
		"https://town.example/booking/BK-2026-00012/",
		"https://town.example/app#/booking/BK-2026-00012",
		"http://town.example/b?c=bk-2026-00012",
	],
)
def test_booking_code(raw):
	assert_ok(classify(raw), "booking_code", "BK-2026-00012")


def test_booking_counter_past_99999():
	assert_ok(classify("BK-2026-123456"), "booking_code", "BK-2026-123456")


@pytest.mark.parametrize(
	"raw",
	[
		"BK-26-00012",
		"BK-2026-0012",
		"BK-2026-00012X",
		"XBK-2026-00012",
		"https://town.example/booking?code=XBK-2026-00012",
		"https://town.example/booking?code=BK-2026-00012X",
		"ftp://town.example/BK-2026-00012",
		"town.example/booking?code=BK-2026-00012",
	],
)
def test_not_a_booking_code(raw):
	assert_unknown(classify(raw))


def test_normalize_booking_code():
	assert normalize_booking_code("ｂｋ－２０２６－０００１２") == "BK-2026-00012"
	assert normalize_booking_code("BK-2026-00012 ") == "BK-2026-00012"
	assert normalize_booking_code("https://town.example/BK-2026-00012") is None  # only a name
	assert normalize_booking_code("BK--2026") is None
	assert normalize_booking_code(None) is None


# -- 個人番号: refused, never echoed --------------------------------------------------------------


@pytest.mark.parametrize(
	"raw",
	[
		VALID,
		"１２３４５６７８９０１８",
		"1234-5678-9018",
		"1234 5678 9018",
		"１２３４－５６７８－９０１８",
		f"\x02{VALID}\r\n",
		f"\t{VALID}\x03",
		f"tel:{VALID}",
		f"MN{VALID}X",
		f"https://town.example/booking?code={VALID}",
		f"BK-2026-{VALID}",  # even inside something that looks like one of ours
		f"ABC-{VALID}",
		f"{VALID}-ABC",
		f"個人番号 {VALID}",
		"123456-789018",  # hyphen-joined runs that make 12 digits
		"1234.5678.9018",
		"1234/5678/9018",
		"https://town.example/1234/5678/9018",
		f"{VALID} 99999999999",  # would make 23 digits once the space goes
		f"99999999999 {VALID}",
		f"{VALID}\t99999999999",  # two scans with the scanner's tab suffix in between
		f"\x02{VALID}\r\n\x0299999999999\r\n",
		f"{VALID}\u200b99999999999",
	],
)
def test_individual_number_refused(raw):
	assert_refused(classify(raw))


def test_individual_number_refused_even_when_the_ime_was_on():
	result = classify(f"あ{VALID}")
	assert_refused(result)
	assert result.ime_kana


def test_wrong_check_digit_is_not_refused_but_still_not_echoed():
	result = classify(WRONG_CHECK)
	assert_unknown(result)
	assert WRONG_CHECK not in result.masked


def test_longer_digit_runs_are_not_taken_for_a_number():
	# a 23-digit 申請書ID holds 12-digit runs with valid check digits: it is not refused
	assert not classify(APPLICATION_ID).refused
	assert not classify(f"{VALID}9").refused
	assert not classify(f"9{VALID}").refused


def test_refusal_comes_before_every_rule():
	greedy = ScanRule(kind="booking_code", pattern=r".*", template="BK-2026-00012")
	assert_ok(classify("anything", rules=(greedy,)), "booking_code", "BK-2026-00012")
	assert_refused(classify(VALID, rules=(greedy,)))
	assert_refused(classify(f"x {VALID} x", rules=(greedy,)))


# -- unknown input ------------------------------------------------------------------------------


def test_unknown_is_truncated_and_masked():
	result = classify("Z" * 100)
	assert_unknown(result)
	assert result.message_key == "unknown"
	assert result.masked == "Z" * MASKED_LENGTH


def test_unknown_never_shows_a_long_digit_run():
	result = classify(f"hello {VALID[:4]} {VALID[4:8]} {VALID[8:]} 5")  # 13 digits once spaces go
	assert_unknown(result)
	assert VALID not in result.masked
	assert MASK in result.masked


def test_masking_happens_before_truncation():
	result = classify("Q" * 35 + WRONG_CHECK + "Q")
	assert len(result.masked) == MASKED_LENGTH
	assert not re.search(r"\d{5}", result.masked)


@pytest.mark.parametrize("raw", ["", None, "   ", "\x02\r\n", "\u200b"])
def test_empty_input(raw):
	result = classify(raw)
	assert_unknown(result)
	assert result.message_key == "empty"
	assert result.masked == ""


def test_too_long_input_is_not_matched():
	assert_unknown(classify("https://town.example/" + "a" * MAX_CODE_LENGTH + "?code=BK-2026-00012"))
	assert_refused(classify("a" * MAX_CODE_LENGTH + f" {VALID}"))


# -- IME ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"raw", ["あｂｃ123456", "あbc-123456", "ｱｲｳ１２３４５６", "ぬふあうえおやゆよわほへ"]
)
def test_ime_kana(raw):
	result = classify(raw)
	assert result.ime_kana
	assert result.kind == "unknown"
	assert result.message_key == "ime_on"


def test_ime_long_vowel_mark_for_a_hyphen_still_reads_but_is_flagged():
	result = classify("ABCー123456")  # the IME typed the hyphen as ー
	assert result.kind == "notice_number"
	assert result.value == "ABC-123456"
	assert result.ime_kana
	assert result.message_key == "ok"


def test_no_kana_no_ime_flag():
	assert not classify("ABC-123456").ime_kana
	assert not classify("ＡＢＣ－１２３４５６").ime_kana


# -- rules as data ------------------------------------------------------------------------------


def test_booking_rules_follow_the_naming_series():
	town = booking_rules(["YOYAKU-.YY.-.####"])
	assert_ok(classify("yoyaku-26-0007", rules=town), "booking_code", "YOYAKU-26-0007")
	assert_ok(
		classify("https://t.example/b?c=YOYAKU-26-12345", rules=town), "booking_code", "YOYAKU-26-12345"
	)
	assert_unknown(classify("BK-2026-00012", rules=town))
	assert_unknown(classify("YOYAKU-2026-0007", rules=town))
	assert booking_rules([]) == ()


def test_without_rules_only_cards_are_known():
	assert barcodes.classify("BK-2026-00012").kind == "unknown"
	assert barcodes.classify("ABC-123456").kind == "notice_number"
	assert {rule.kind for rule in CARD_RULES} == {"application_id", "notice_number"}


def test_default_rules_cover_every_rule_kind():
	assert {rule.kind for rule in DEFAULT_RULES} == set(RULE_KINDS)
	assert set(RULE_KINDS) < set(KINDS)
	assert "individual_number" not in RULE_KINDS
	assert all(rule.description for rule in DEFAULT_RULES)


def test_later_rules_are_read_once_and_only_for_a_code_the_first_rules_do_not_know():
	town = rules_from_config([{"kind": "notice_number", "pattern": r"TOWN(\d{9})", "template": "ABC-{1}"}])
	reads = []

	def later():
		reads.append(1)
		return booking_rules(naming_series("Card Booking")) + town

	rules = barcodes.RulesThen(default_rules(()), later)
	assert_ok(barcodes.classify(APPLICATION_ID, rules), "application_id", APPLICATION_ID)
	assert_ok(barcodes.classify("ABC-123456", rules), "notice_number", "ABC-123456")
	assert reads == []  # a card's code: neither the booking series nor the town's rules were read
	codes = ("BK-2026-00012", "TOWN123456789", "nothing-known", APPLICATION_ID)
	full = DEFAULT_RULES + town
	assert [barcodes.classify(code, rules) for code in codes] == [classify(code, full) for code in codes]
	assert reads == [1]
	assert list(rules) == list(full)  # the same rules in the same order


def test_custom_rules_from_config():
	rows = [
		{"kind": "booking_code", "pattern": r"RSV:(BK-\d{4}-\d{5}):\d+", "description": "letter QR"},
		{"kind": "Application ID ", "pattern": r"JL(?P<value>\d{23})V\d", "name": "row-2", "idx": 2},
		{"kind": "notice_number", "pattern": r"N([A-Z]{3})(\d{6})", "template": "{1}-{2}"},
		{"kind": "notice_number", "pattern": r"T(\d)([A-Z0-9]{3}-\d{6})", "value_group": "2"},
		{"kind": "booking_code", "pattern": r"OLD(.*)", "enabled": 0},
	]
	rules = rules_from_config(rows)
	assert len(rules) == 4
	assert rules[0].description == "letter QR"
	assert rules[1].kind == "application_id"
	combined = rules + DEFAULT_RULES
	assert_ok(classify("RSV:BK-2026-00012:3", rules=combined), "booking_code", "BK-2026-00012")
	assert_ok(classify(f"jl{APPLICATION_ID}v1", rules=combined), "application_id", APPLICATION_ID)
	assert_ok(classify("NXYZ654321", rules=combined), "notice_number", "XYZ-654321")
	assert_ok(classify("T7ABC-123456", rules=combined), "notice_number", "ABC-123456")
	assert_unknown(classify("OLDBK-2026-00012", rules=combined))
	# the defaults still work after the town's rules
	assert_ok(classify("ABC-123456", rules=combined), "notice_number", "ABC-123456")
	# the town's rules are not in effect unless passed
	assert_unknown(classify("RSV:BK-2026-00012:3"))


def test_custom_rule_value_must_be_valid_for_its_kind():
	rules = rules_from_config([{"kind": "application_id", "pattern": r"APP(\d+)"}])
	assert_unknown(classify("APP123", rules=rules))
	assert_ok(classify(f"APP{APPLICATION_ID}", rules=rules), "application_id", APPLICATION_ID)


def test_custom_rule_value_group_by_default():
	whole = rules_from_config([{"kind": "booking_code", "pattern": r"BK-\d{4}-\d{5}"}])
	assert whole[0].extract("BK-2026-00012") == "BK-2026-00012"
	first = rules_from_config([{"kind": "booking_code", "pattern": r"X(BK-\d{4}-\d{5})(Y)"}])
	assert first[0].extract("XBK-2026-00012Y") == "BK-2026-00012"


def test_custom_patterns_match_the_whole_normalised_code():
	rules = rules_from_config([{"kind": "booking_code", "pattern": r"rsv(BK-\d{4}-\d{5})"}])
	assert_ok(classify("ＲＳＶ　ｂｋ－２０２６－０００１２", rules=rules), "booking_code", "BK-2026-00012")
	assert_unknown(classify("xRSVBK-2026-00012", rules=rules))


@pytest.mark.parametrize(
	"row, message",
	[
		({"kind": "booking_code", "pattern": "(BK-"}, "invalid scan rule pattern"),
		({"kind": "booking_code", "pattern": "[z-a]"}, "invalid scan rule pattern"),
		({"kind": "passport", "pattern": "P(\\d+)"}, "unknown scan rule kind 'passport'"),
		({"kind": "individual_number", "pattern": "(\\d{12})"}, "cannot produce a 個人番号"),
		({"kind": "unknown", "pattern": "(.*)"}, "unknown scan rule kind"),
		({"kind": "", "pattern": "(.*)"}, "kind is missing"),
		({"pattern": "(.*)"}, "kind is missing"),
		({"kind": "booking_code"}, "pattern is missing"),
		({"kind": "booking_code", "pattern": "   "}, "pattern is missing"),
		({"kind": "booking_code", "pattern": "X" * 501}, "longer than 500"),
		({"kind": "booking_code", "pattern": "(A)(B)", "group": 3}, "value group 3 does not exist"),
		({"kind": "booking_code", "pattern": "(A)", "group": "code"}, "'code' is not a group"),
		({"kind": "booking_code", "pattern": "(A)", "template": "{2}"}, "value group 2 does not exist"),
		({"kind": "booking_code", "pattern": "(A)", "template": "{1.__class__}"}, "group number or name"),
		({"kind": "booking_code", "pattern": "(A)", "template": "{1!r}"}, "format spec or conversion"),
		({"kind": "booking_code", "pattern": "(A)", "template": "{1:>20}"}, "format spec or conversion"),
		({"kind": "booking_code", "pattern": "(A)", "template": "{"}, "invalid scan rule template"),
		({"kind": "booking_code", "pattern": r"(\d{12})"}, "captures a 個人番号"),
		({"kind": "notice_number", "pattern": r"(\d{4}-\d{4}-\d{4})"}, "captures a 個人番号"),
		({"kind": "application_id", "pattern": r"(.*)"}, "captures a 個人番号"),
	],
)
def test_bad_config_rows(row, message):
	rows = [{"kind": "booking_code", "pattern": r"(BK-\d{4}-\d{5})"}, row]
	with pytest.raises(ValueError) as caught:
		rules_from_config(rows)
	assert str(caught.value).startswith("scan rule 2: ")
	assert message in str(caught.value)


def test_bad_config_error_names_the_row():
	with pytest.raises(ValueError, match=r"^scan rule 1: invalid scan rule pattern '\(': "):
		rules_from_config([{"kind": "booking_code", "pattern": "("}])
	with pytest.raises(ValueError, match="scan rule 1: expected a mapping"):
		rules_from_config(["(BK-.*)"])


def test_empty_config():
	assert rules_from_config([]) == ()
	assert rules_from_config(None) == ()


def test_custom_capture_of_an_individual_number_is_refused_at_scan_time():
	# These slip past the config-time probes; the capture itself is checked on every scan.
	tail = rules_from_config([{"kind": "booking_code", "pattern": r"N(\d{12})\d{3}"}])
	assert_refused(classify(f"N{VALID}777", rules=tail))
	glued = rules_from_config(
		[{"kind": "notice_number", "pattern": r"(\d{6})X(\d{6})", "template": "{1}{2}"}]
	)
	assert_refused(classify(f"{VALID[:6]}X{VALID[6:]}", rules=glued))
	# ...and a capture that is not a 個人番号 passes through the same rule to the normal checks
	assert_unknown(classify(f"{WRONG_CHECK[:6]}X{WRONG_CHECK[6:]}", rules=glued))


def test_scan_rule_is_validated_when_built_directly():
	with pytest.raises(ValueError, match="invalid scan rule pattern"):
		ScanRule(kind="booking_code", pattern="(")
	with pytest.raises(ValueError, match="cannot produce"):
		ScanRule(kind="individual_number", pattern=r"(\d{12})")


def test_rules_are_data():
	rule = ScanRule(kind="booking_code", pattern=r"(BK-\d{4}-\d{5})", description="ours")
	assert rule == ScanRule(kind="booking_code", pattern=r"(BK-\d{4}-\d{5})", description="ours")
	assert "BK-" in repr(rule)
	with pytest.raises(AttributeError):
		rule.kind = "notice_number"


# -- properties --------------------------------------------------------------------------------

eleven_digits = st.text(alphabet="0123456789", min_size=11, max_size=11)
SHAPES = [
	"{n}",
	"{n}\r\n",
	"\x02{n}\x03",
	"{a}-{b}-{c}",
	"{a} {b} {c}",
	"{w}",
	"MN:{n}",
	"https://town.example/booking?code={n}",
	"BK-2026-{n}",
	"あ{n}",
]


def shaped(number: str, shape: str) -> str:
	full_width = "".join(chr(ord(d) + 0xFEE0) for d in number)
	return shape.format(n=number, a=number[:4], b=number[4:8], c=number[8:], w=full_width)


@settings(max_examples=300, deadline=None)
@given(prefix=eleven_digits, shape=st.sampled_from(SHAPES))
def test_every_valid_individual_number_is_refused(prefix, shape):
	number = prefix + str(check_digit(prefix))
	result = classify(shaped(number, shape))
	assert_refused(result, number)
	assert result.value is None
	assert number not in result.masked


@settings(max_examples=200, deadline=None)
@given(prefix=eleven_digits, shape=st.sampled_from(SHAPES))
def test_individual_number_refused_with_custom_rules_too(prefix, shape):
	number = prefix + str(check_digit(prefix))
	rules = (ScanRule(kind="booking_code", pattern=r".*", template="BK-2026-00012"), *DEFAULT_RULES)
	assert_refused(classify(shaped(number, shape), rules=rules), number)


@settings(max_examples=200, deadline=None)
@given(prefix=eleven_digits, wrong=st.integers(0, 9))
def test_twelve_digits_with_a_wrong_check_digit_are_unknown_and_masked(prefix, wrong):
	assume(wrong != check_digit(prefix))
	number = f"{prefix}{wrong}"
	result = classify(number)
	assert_unknown(result)
	assert result.masked == MASK


@settings(max_examples=200, deadline=None)
@given(digits=st.text(alphabet="0123456789", min_size=23, max_size=23))
def test_every_23_digit_number_is_an_application_id(digits):
	assert_ok(classify(digits), "application_id", digits)


scanner_noise = st.text(
	alphabet=st.sampled_from("0123456789０１２-－ー .:/?=&#ABKbkｱあ\x02\r\t\u200b"), max_size=60
)


@settings(max_examples=500, deadline=None)
@given(raw=st.one_of(st.text(max_size=80), scanner_noise))
def test_nothing_ever_leaks_a_number(raw):
	result = classify(raw)
	assert result.kind in KINDS
	for text in (result.masked, result.value or ""):
		assert not contains_individual_number(text)
		assert not is_individual_number(text)
	if result.refused:
		assert (result.kind, result.value, result.masked) == ("individual_number", None, MASK)
	if result.value is not None:
		assert result.message_key == "ok"
	assert len(result.masked) <= max(MASKED_LENGTH, len(result.value or ""))
