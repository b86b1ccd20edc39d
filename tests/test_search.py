from datetime import date

from mynumber_card.core.search import parse_card_query


def test_identifiers():
	assert (
		parse_card_query("１２３４５６７８９０１２３４５６７８９０１２３").application_id
		== "12345678901234567890123"
	)
	assert parse_card_query("abc-123456").notice_number == "ABC-123456"


def test_name_and_birth_date_in_any_writing():
	q = parse_card_query("山田 太郎 1980/4/1")
	assert (q.name_key, q.birth_date) == ("山田太郎", date(1980, 4, 1))
	q = parse_card_query("ﾔﾏﾀﾞ ﾀﾛｳ S55.4.1")
	assert (q.kana_key, q.birth_date) == ("ヤマダタロウ", date(1980, 4, 1))
	q = parse_card_query("やまだ　昭和55年4月1日")
	assert (q.kana_key, q.birth_date) == ("ヤマダ", date(1980, 4, 1))
	assert parse_card_query("令和元年5月1日").birth_date == date(2019, 5, 1)
	assert parse_card_query("19800401").birth_date == date(1980, 4, 1)


def test_search_reads_every_writing_a_spreadsheet_may_hold():
	# the same reading as Card Import and the forms (core.date_input): 平30 and 明治 too
	assert parse_card_query("山田 平30.1.5").birth_date == date(2018, 1, 5)
	assert parse_card_query("ヤマダ 明治45年7月1日").birth_date == date(1912, 7, 1)
	# an impossible date is skipped for a readable one
	assert parse_card_query("山田 S55.2.30 19800401").birth_date == date(1980, 4, 1)


def test_impossible_date_is_not_a_date():
	q = parse_card_query("山田 2026/2/30")
	assert q.birth_date is None


def test_empty():
	assert parse_card_query("  ").is_empty
	assert parse_card_query(None).is_empty
