"""The office's name, what to bring and the pickup deadline: the core rules."""

from datetime import date

import pytest

from mynumber_card.core import deadlines, municipality
from mynumber_card.core.what_to_bring import what_to_bring


@pytest.mark.parametrize(
	"kind, town, office, expected",
	[
		("市", "南野市", None, "南野市役所"),
		("町", "みなみ野町", "", "みなみ野町役場"),
		("村", "北野村", None, "北野村役場"),
		("特別区", "千代田区", None, "千代田区役所"),
		("市", "南野", None, "南野市役所"),  # the name typed without its 市
		("市", "", None, "市役所"),
		("市", "南野市", " 南野市役所 本庁舎 ", "南野市役所 本庁舎"),  # staff's own name wins
		(None, "みなみ野町", None, "みなみ野町役場"),  # unset: today's town wording
		("県", "みなみ野町", None, "みなみ野町役場"),  # unknown type: the default
	],
)
def test_office_name(kind, town, office, expected):
	assert municipality.office_name(kind, town, office) == expected


def test_office_words():
	assert [municipality.office_word(k) for k in ("市", "町", "村", "特別区")] == [
		"市役所",
		"町役場",
		"村役場",
		"区役所",
	]


def test_what_to_bring_with_identity_lists():
	bring = what_to_bring(
		"交付通知書（はがき）\n\n 通知カード（お持ちの方） ", True, "運転免許証\nパスポート", "資格確認書"
	)
	assert bring.items == ("交付通知書（はがき）", "通知カード（お持ちの方）")
	assert bring.identity.one_of == ("運転免許証", "パスポート")
	assert bring.identity.two_of == ("資格確認書",)
	assert bring.identity.heading == "本人確認書類（Aから1点、またはAをお持ちでない方はBから2点）"


def test_what_to_bring_without_identity():
	assert what_to_bring("マイナンバーカード", False, "運転免許証", "資格確認書").identity is None
	# asked for, but the town listed nothing: no empty heading
	assert what_to_bring("マイナンバーカード", True, "", None).identity is None
	assert what_to_bring(None, True, "運転免許証", "").identity.heading == "本人確認書類（Aから1点）"
	assert what_to_bring(None, True, "", "社員証").identity.heading == "本人確認書類（Bから2点）"
	assert not what_to_bring(None, False, None, None)


def test_pickup_deadline_counts_from_the_latest_notice():
	letter = date(2026, 12, 1)
	assert deadlines.pickup_deadline(3, date(2026, 11, 30), None, letter) == date(2027, 2, 28)
	assert deadlines.pickup_deadline(3, date(2026, 8, 1), date(2026, 11, 2), letter) == date(2027, 2, 2)
	# printed before the notice is marked sent: it goes out with the letter
	assert deadlines.pickup_deadline(3, None, None, letter) == date(2027, 3, 1)
	assert deadlines.pickup_deadline(0, date(2026, 11, 30), None, letter) is None
