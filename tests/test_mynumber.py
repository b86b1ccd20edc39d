import pytest

from mynumber_card.core.mynumber import (
	MASK,
	check_digit,
	contains_individual_number,
	is_individual_number,
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
	],
)
def test_not_found_where_it_is_not(text):
	assert not contains_individual_number(text)


def test_redact_masks_only_the_number():
	assert redact(f"番号 {VALID} 受付") == f"番号 {MASK} 受付"
	assert VALID not in redact(f"x{VALID}x".replace("x", " "))
	assert redact("12345678901234567890123") == "12345678901234567890123"


def test_check_digit_rejects_bad_input():
	with pytest.raises(ValueError):
		check_digit("123")
