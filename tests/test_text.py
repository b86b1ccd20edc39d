from mynumber_card.core.identifiers import (
	is_local_government_code,
	normalize_application_id,
	normalize_notice_number,
)
from mynumber_card.core.text import has_kana, is_kana_only, kana_key, name_key, normalize, normalize_code


def test_normalize_full_width_and_control_characters():
	assert normalize("\x02１２３ＡＢＣ\r\n") == "123ABC"
	assert normalize("ｶﾞｰﾄﾞ") == "ガード"
	assert normalize(None) == ""


def test_normalize_code_unifies_dashes_and_case():
	for typed in ("abc-123456", "ＡＢＣ－１２３４５６", "ABC―123456", "ABCー123456", " abc 123456 "):
		assert normalize_code(typed).replace("-", "") == "ABC123456"


def test_ime_kana_detected():
	assert has_kana("あｂｃ１２３")
	assert has_kana("ｱｲｳ")
	assert not has_kana("ABC-123456")


def test_kana_key_matches_across_widths_and_scripts():
	assert kana_key("ﾔﾏﾀﾞ ﾀﾛｳ") == kana_key("ヤマダ　タロウ") == kana_key("やまだ たろう") == "ヤマダタロウ"
	assert name_key("山田　太郎") == name_key("山田 太郎") == "山田太郎"


def test_is_kana_only():
	assert is_kana_only("ヤマダ タロウ")
	assert is_kana_only("ﾔﾏﾀﾞ")
	assert not is_kana_only("山田")
	assert not is_kana_only("")


def test_application_id():
	assert (
		normalize_application_id("１２３４５６７８９０１２３４５６７８９０１２３")
		== "12345678901234567890123"
	)
	assert normalize_application_id("1234567890123456789012") is None
	assert normalize_application_id("1234567890123456789012X") is None


def test_notice_number():
	assert normalize_notice_number("abc123456") == "ABC-123456"
	assert normalize_notice_number("Ａ１Ｃ－１２３４５６") == "A1C-123456"
	assert normalize_notice_number("AB-123456") is None
	assert normalize_notice_number("ABC-12345") is None
	assert normalize_notice_number(None) is None


def test_local_government_code():
	assert is_local_government_code("085464")  # 五霞町: 0·6+8·5+5·4+4·3+6·2 = 84, 84 mod 11 = 7, 11 - 7 = 4
	assert is_local_government_code("131016")  # 千代田区
	assert not is_local_government_code("085465")
	assert not is_local_government_code("08546")
