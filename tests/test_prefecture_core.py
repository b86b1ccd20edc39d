"""The prefecture's rules without a site: the towns list, the 団体コード check digit, the town report's
allowlist and signature, lateness, and reading 総務省's published table."""

import json
from datetime import date

import pytest

from mynumber_card.core import ministry_figures as mf
from mynumber_card.core import town_list as tl
from mynumber_card.core import town_report as tr

HEADER = ("団体名", "団体コード", "区分", "人口", "窓口名", "電話", "メール", "サイト名")
SECRET = "s3cret-for-tests"


def figures(**changed):
	values = dict.fromkeys(tr.FIGURES, 0) | {"median_wait_minutes": 12.5, "population": 8000}
	return values | changed


@pytest.mark.parametrize("code", ["085464", "131016", "011002", "472981", "082015", "082210", "083020"])
def test_published_codes_pass(code):
	# published codes: 五霞町, 千代田区, 札幌市 and four more whose check digit the rule must accept
	assert tl.checked_code(code) == code


def test_check_digit_rule_by_hand():
	assert tl.check_digit("08546") == 4  # 84 mod 11 = 7, 11 - 7 = 4
	assert tl.check_digit("13101") == 6  # 27 mod 11 = 5
	# remainder 1 gives 0 (11 - 1 = 10, last digit), remainder 0 gives 1 (11 - 0 = 11)
	assert tl.check_digit("00002") == 7
	assert tl.check_digit("01100") == 2
	first_five = next(
		f"{n:05d}"
		for n in range(100000)
		if sum(int(d) * w for d, w in zip(f"{n:05d}", tl.WEIGHTS, strict=True)) % 11 == 0
	)
	assert tl.check_digit(first_five) == 1
	first_five = next(
		f"{n:05d}"
		for n in range(100000)
		if sum(int(d) * w for d, w in zip(f"{n:05d}", tl.WEIGHTS, strict=True)) % 11 == 1
	)
	assert tl.check_digit(first_five) == 0


def test_a_wrong_check_digit_names_the_right_code():
	with pytest.raises(tl.TownListError) as refused:
		tl.checked_code("085465")
	assert refused.value.reason == tl.CODE_CHECK_DIGIT
	assert refused.value.expected == "085464"
	with pytest.raises(tl.TownListError) as refused:
		tl.checked_code("08546")
	assert refused.value.reason == tl.CODE_SHAPE


def test_full_width_codes_are_read():
	assert tl.checked_code("０８５４６４") == "085464"


def test_the_list_is_read_row_by_row_and_a_bad_row_does_not_stop_the_rest():
	rows = [
		HEADER,
		("五霞町", "085464", "町", "8,000", "住民課", "0280-84-1111", "", "pref-goka.localhost"),
		("誤り町", "085465", "町", "100", "", "", "", "pref-wrong.localhost"),
		("", "", "", "", "", "", "", ""),
		("千代田区", "131016", "特別区", "", "", "", "", "pref-chiyoda.localhost"),
		("二重", "131016", "市", "", "", "", "", "pref-twice.localhost"),
		("変な区分", "011002", "郡", "", "", "", "", "pref-x.localhost"),
		("サイト", "011002", "市", "", "", "", "", "Bad Site/../x"),
		("<b>町", "011002", "市", "", "", "", "", "pref-tag.localhost"),
	]
	found = tl.read_towns(rows)
	assert [type(r).__name__ for r in found] == ["TownRow", "RowRefused", "TownRow"] + ["RowRefused"] * 4
	goka = found[0]
	assert goka.line == 2 and goka.site_name == "pref-goka.localhost"
	assert goka.settings == {
		"town_name": "五霞町",
		"local_government_code": "085464",
		"municipality_type": "町",
		"population": 8000,
		"office_name": "住民課",
		"contact_phone": "0280-84-1111",
	}
	assert "population" not in found[2].settings  # empty in the list: left as it is on the site
	reasons = [r.error.reason for r in found if isinstance(r, tl.RowRefused)]
	assert reasons == [tl.CODE_CHECK_DIGIT, tl.DUPLICATE, tl.BAD_TYPE, tl.BAD_SITE, tl.BAD_TEXT]
	assert found[1].line == 3 and found[1].label == "誤り町"


def test_a_list_without_the_required_columns_is_refused_whole():
	with pytest.raises(tl.TownListError) as refused:
		tl.read_towns([("団体名", "人口")])
	assert refused.value.reason == tl.MISSING_COLUMNS
	assert "団体コード" in refused.value.detail and "サイト名" in refused.value.detail


def test_only_changed_values_are_changes():
	current = {"town_name": "五霞町", "population": 8000, "office_name": None, "municipality_type": "町"}
	wanted = {"town_name": "五霞町", "population": 8000, "office_name": "住民課", "municipality_type": "町"}
	assert tl.changes(current, wanted) == {"office_name": "住民課"}
	assert tl.changes(current | {"office_name": "住民課"}, wanted) == {}
	assert tl.changes(current, wanted | {"population": 8100}) == {"office_name": "住民課", "population": 8100}


def test_the_report_carries_only_allowlisted_keys():
	report = tr.make_report("085464", date(2026, 12, 5), figures(), SECRET)
	serialised = json.loads(json.dumps(report))
	assert set(serialised) == tr.ALLOWED_KEYS
	# and the allowlist itself holds figures and the envelope, nothing that could name a person
	personal = {
		"full_name",
		"full_name_kana",
		"birth_date",
		"address",
		"notice_number",
		"application_id",
		"phone",
	}
	assert not personal & set(serialised)
	assert all(isinstance(serialised[k], int | float | type(None)) for k in tr.FIGURES)


@pytest.mark.parametrize("extra", ["full_name", "birth_date", "address", "individual_number"])
def test_a_report_with_any_other_key_is_refused_on_both_sides(extra):
	with pytest.raises(tr.ReportRefused):
		tr.make_report("085464", date(2026, 12, 5), figures(**{extra: 1}), SECRET)
	report = tr.make_report("085464", date(2026, 12, 5), figures(), SECRET)
	report[extra] = "山田 太郎"
	report["signature"] = tr.sign(report, SECRET)  # even signed by the town
	with pytest.raises(tr.ReportRefused, match="allowlist"):
		tr.read_report(report, SECRET)


@pytest.mark.parametrize("value", ["山田", "1990-01-01", [1], {"a": 1}, True, -1, 1.5])
def test_figures_are_numbers_only(value):
	with pytest.raises(tr.ReportRefused):
		tr.make_report("085464", date(2026, 12, 5), figures(cards_held=value), SECRET)


def test_the_overview_reads_a_signed_report_and_refuses_a_changed_one():
	report = tr.make_report("085464", date(2026, 12, 5), figures(cards_held=4321), SECRET)
	read = tr.read_report(json.dumps(report), SECRET)
	assert read["cards_held"] == 4321 and read["report_date"] == date(2026, 12, 5)
	assert read["median_wait_minutes"] == 12.5
	with pytest.raises(tr.ReportRefused, match="signature"):
		tr.read_report(report, "another town's secret")
	report["cards_held"] = 9999
	with pytest.raises(tr.ReportRefused, match="signature"):
		tr.read_report(report, SECRET)


def test_a_town_that_stops_reporting_is_late_not_zero():
	today = date(2026, 12, 6)
	assert tr.lateness(date(2026, 12, 5), today, 1) == tr.Lateness(False, 0)
	assert tr.lateness(date(2026, 12, 4), today, 1) == tr.Lateness(False, 1)
	assert tr.lateness(date(2026, 12, 3), today, 1) == tr.Lateness(True, 2)
	assert tr.lateness(None, today, 1).late


def test_median():
	assert tr.median([3, 1, 2, None]) == 2.0
	assert tr.median([1, 2]) == 1.5
	assert tr.median([]) is None


MINISTRY = [
	("マイナンバーカード交付状況（令和8年11月末時点）",),
	(),
	("都道府県名", "市区町村名", "総数（人口）", "保有枚数", "人口に対する保有枚数率"),
	("茨城県", "五霞町", "8,012", "6,100", "76.1%"),
	("東京都", "府中市", 260000, 200000, 0.77),
	("広島県", "府中市", 37000, 28000, 0.76),
]


def test_the_published_table_is_read_past_its_title_rows():
	rows = mf.read_rows(MINISTRY)
	assert rows[0] == mf.MinistryRow("", "茨城県", "五霞町", 8012, None, 6100)
	towns = {"085464": "五霞町", "342084": "府中市"}
	assert mf.match(rows[0], towns, "茨城県") == "085464"
	assert mf.match(rows[1], towns, "広島県") is None  # 東京都's 府中市 is not the prefecture's
	assert mf.match(rows[2], towns, "広島県") == "342084"


def test_a_table_with_codes_matches_by_code():
	rows = mf.read_rows([("団体コード", "団体名", "人口", "交付枚数"), ("08546", "五霞町", 8000, 5000)])
	assert mf.match(rows[0], {"085464": "別名"}) == "085464"
	with pytest.raises(mf.MinistryFileError):
		mf.read_rows([("a", "b")] * 25)


@pytest.mark.parametrize(
	"value, expected",
	[
		("https://pref.example.lg.jp/", "https://pref.example.lg.jp"),
		("http://127.0.0.1:8104", "http://127.0.0.1:8104"),
		("https://user@pref.example.jp", None),
		("https://pref.example.jp/path", None),
		("javascript:alert(1)", None),
		("http://x:99999", None),
		("", None),
	],
)
def test_site_urls(value, expected):
	from mynumber_card.core.site_url import checked_site_url

	assert checked_site_url(value) == expected


def test_a_town_sends_the_days_it_missed_up_to_a_month():
	until = date(2026, 12, 5)
	assert tr.days_to_send(None, until) == [until]
	assert tr.days_to_send(until, until) == []
	assert tr.days_to_send(date(2026, 12, 2), until) == [date(2026, 12, 3), date(2026, 12, 4), until]
	missed = tr.days_to_send(date(2026, 1, 1), until)
	assert len(missed) == tr.CATCH_UP_DAYS and missed[-1] == until
