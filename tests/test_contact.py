import pytest

from mynumber_card.core.contact import normalize_email, normalize_phone


@pytest.mark.parametrize(
	"typed, stored",
	[
		("0280-00-0000", "0280-00-0000"),
		("０９０－１２３４－５６７８", "090-1234-5678"),
		("09012345678", "09012345678"),
		("0280(00)0000", "0280-00-0000"),
	],
)
def test_phone_accepted(typed, stored):
	assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
	"typed", ["123", "1234567890", "090-1234-56789", "abc", "", None, "０９０ー１２３４"]
)
def test_phone_refused(typed):
	assert normalize_phone(typed) is None


def test_email():
	assert normalize_email(" Taro@Example.JP ") == "taro@example.jp"
	assert normalize_email("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ") == "taro@example.jp"
	assert normalize_email("taro@") is None
	assert normalize_email("<script>@x.jp") is None
