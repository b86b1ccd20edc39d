import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mynumber_card.core.mynumber import (
	MASK,
	check_digit,
	contains_individual_number,
	holds_individual_number,
	html_text,
	is_individual_number,
	mask_long_numbers,
	redact,
)

VALID = "123456789018"  # worked by hand: weighted sum 212, 212 mod 11 = 3, 11 - 3 = 8


def test_check_digit_worked_example():
	assert check_digit("12345678901") == 8


@pytest.mark.parametrize(
	"first_eleven, expected", [("00000000000", 0), ("00000000006", 0), ("00000000010", 8)]
)
def test_check_digit_small_remainders(first_eleven, expected):
	# r = 0 and r = 1 (6 × 2 = 12) give 0; "…10" has r = 3 (weight 3 on the 10th digit), so 11 - 3 = 8
	assert check_digit(first_eleven) == expected


def test_valid_number_recognised_in_every_shape():
	assert is_individual_number(VALID)
	assert is_individual_number("１２３４５６７８９０１８")
	assert is_individual_number("1234-5678-9018")
	assert not is_individual_number("123456789012")  # wrong check digit
	assert not is_individual_number("12345678901")


@pytest.mark.parametrize(
	"text",
	[
		f"個人番号は{VALID}です",
		"1234 5678 9018",
		"１２３４－５６７８－９０１８",
		f"tel:{VALID}",
		"1234-5678 9018",  # mixed separators
		"1234.5678.9018",
		"1234/5678/9018",
		"1 2 3 4 5 6 7 8 9 0 1 8",  # spaced one by one
		"1234 - 5678 - 9018",
		"1234ー5678ー9018",  # the IME's long-vowel mark for a hyphen
		"１２３４・５６７８・９０１８",
		"１２３４　５６７８　９０１８",  # 全角 spaces
		"1234\u200b5678\u200b9018",  # zero-width spaces between the groups
		"1234\t5678\t9018",
		"<p>1234 5678 9018</p>",
		"電話 0280-22-1234\n番号 1234.5678.9018",
		f"1234-5678-{VALID}",  # a run of exactly 12 inside a longer number still counts
	],
)
def test_found_in_free_text(text):
	assert contains_individual_number(text)


@pytest.mark.parametrize(
	"text",
	[
		"12345678901234567890123",  # a 23-digit 申請書ID holds 12-digit runs that must not count
		f"{VALID}9",
		f"9{VALID}",
		"1234-5678-9018-0000",  # a longer grouped number
		"090-1234-5678",
		"",
		None,
		"1234 5678 9012",  # wrong check digit: an order number
		"1234.5678.9012",
		"1 2 3 4 5 6 7 8 9 0 1 2",
		"1234    5678 9018",  # four spaces: two numbers, not one
		"12345678901\n8",  # a line break ends a number
	],
)
def test_not_found_where_it_is_not(text):
	assert not contains_individual_number(text)


# Common ways of writing Japanese phone numbers: 10 or 11 digits, or an international number after +.
PHONES = [
	"090-1234-5678",
	"090 1234 5678",
	"09012345678",
	"０９０－１２３４－５６７８",
	"0280-22-1234",
	"0280(22)1234",
	"(0280) 22-1234",
	"03-1234-5678",
	"0120-123-456",
	"0570-000-123",
	"050-1234-5678",
	"+81-9012345678",  # Frappe's Phone field
	"+81 90-1234-5678",
	"+81 90 1234 5678",
	"+819012345678",
	"＋８１－９０－１２３４－５６７８",
	"+63 917 123 4567",  # the Philippines: 12 digits too
	"TEL 0280-22-1234 FAX 0280-22-1235",
	"0280-22-1234／090-1234-5678",
]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_never_trip_the_guard(phone):
	assert not contains_individual_number(phone)
	assert not is_individual_number(phone)
	assert MASK not in redact(phone)


def test_every_twelve_digit_phone_like_number_after_a_plus_is_left_alone():
	# with 1 in 11 of all 12-digit numbers valid, some of these would trip without the + rule
	for tail in range(10000, 10100):
		assert not contains_individual_number(f"+81-90{tail:04d}{tail % 10000:04d}")


def test_redact_masks_only_the_number():
	assert redact(f"番号 {VALID} 受付") == f"番号 {MASK} 受付"
	assert VALID not in redact(f"x{VALID}x".replace("x", " "))
	assert redact("12345678901234567890123") == "12345678901234567890123"


def test_check_digit_rejects_bad_input():
	with pytest.raises(ValueError):
		check_digit("123")


def test_redact_masks_every_spelling_and_keeps_the_rest():
	assert redact("番号 1234-5678 9018 です") == f"番号 {MASK} です"
	assert redact("a 1 2 3 4 5 6 7 8 9 0 1 8 b") == f"a {MASK} b"
	assert redact("1234/5678/9018 と 090-1234-5678") == f"{MASK} と 090-1234-5678"
	assert redact("1行目\n1234.5678.9018") == f"1行目\n{MASK}"


def test_redact_masks_again_what_masking_uncovers():
	# the run of 12 is masked first; what stands before it is then a 12-digit number of its own
	text = f"1234-5678-9018-{VALID}"
	assert contains_individual_number(text)
	assert redact(text) == f"{MASK}-{MASK}"


def test_mask_long_numbers_masks_twelve_digits_or_more_valid_or_not():
	assert mask_long_numbers("1234-5678-9012 と 1234-5678-9018-7 と 090-1234-5678") == (
		f"{MASK} と {MASK} と 090-1234-5678"
	)


# Properties --------------------------------------------------------------------------------------

SEPARATORS = ["", " ", "-", ".", "/", "\u3000", "－", "・", "ー", "‐", "−", "．", "／", " - ", "  "]


@st.composite
def valid_numbers(draw) -> str:
	first_eleven = draw(st.text(alphabet="0123456789", min_size=11, max_size=11))
	return first_eleven + str(check_digit(first_eleven))


@st.composite
def spelled(draw, number: str) -> str:
	"""The digits (some full-width) with a separator drawn for every gap between two digits."""
	digits = [draw(st.sampled_from([d, chr(ord(d) + 0xFEE0)])) for d in number]
	gaps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(number) - 1, max_size=len(number) - 1))
	return digits[0] + "".join(gap + digit for gap, digit in zip(gaps, digits[1:], strict=True))


surroundings = st.sampled_from(["", "番号は", "メモ: ", "tel:", "(", "「", "\n"])
endings = st.sampled_from(["", "です", " 受付", ")", "」", "\n"])


@settings(max_examples=300, deadline=None)
@given(data=st.data(), number=valid_numbers(), before=surroundings, after=endings)
def test_any_spelling_of_a_valid_number_is_found_and_redacted(data, number, before, after):
	written = data.draw(spelled(number))
	text = before + written + after
	assert contains_individual_number(text)
	assert is_individual_number(written)
	cleaned = redact(text)
	assert MASK in cleaned
	assert not contains_individual_number(cleaned)
	assert number not in "".join(ch for ch in cleaned if ch.isdigit())


@settings(max_examples=300, deadline=None)
@given(digits=st.text(alphabet="0123456789", min_size=13, max_size=40), before=surroundings, after=endings)
def test_a_run_of_13_or_more_digits_never_fires_inside(digits, before, after):
	text = before + digits + after
	assert not contains_individual_number(text)
	assert MASK not in redact(text)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), digits=st.text(alphabet="0123456789", min_size=13, max_size=30))
def test_a_longer_grouped_number_fires_only_for_a_run_of_exactly_12(data, digits):
	"""Grouped (1234-5678-9018-0000) a longer number is no 個人番号, unless one of its groups is one."""
	cuts = sorted(data.draw(st.sets(st.integers(1, len(digits) - 1), min_size=1)))
	groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
	separator = data.draw(st.sampled_from(SEPARATORS[1:]))
	text = separator.join(groups)
	group_is_one = any(is_individual_number(group) for group in groups)
	assert contains_individual_number(text) == group_is_one


@settings(max_examples=300, deadline=None)
@given(number=valid_numbers(), wrong=st.integers(1, 9), data=st.data())
def test_a_wrong_check_digit_is_never_refused(number, wrong, data):
	other = number[:11] + str((int(number[11]) + wrong) % 10)
	assume(not is_individual_number(other))
	assert not contains_individual_number(data.draw(spelled(other)))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_redact_leaves_no_number_in_any_text(text):
	assert not contains_individual_number(redact(text))


def test_html_is_read_as_it_shows():
	assert html_text("<p>1234&nbsp;5678&nbsp;9018</p>").strip() == "1234\xa05678\xa09018"
	assert holds_individual_number("<div class='ql-editor'><p>1234&nbsp;5678&nbsp;9018</p></div>")
	assert holds_individual_number("1234<b>5678</b>9018")
	assert holds_individual_number("&#49;&#50;&#51;&#52; 5678 9018")
	assert not holds_individual_number("<p>1234</p><p>5678</p><p>9018</p>")  # three lines
	assert not holds_individual_number("<p>電話 090-1234-5678</p>")
	assert not holds_individual_number(None)
	assert not holds_individual_number(True)
