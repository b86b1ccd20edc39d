"""What a new card costs, when 特急 may be asked for, and what happens to the old card (core/fees.py).
Each row is a case a town publishes; the amounts are the national defaults of the settings."""

import pytest

from mynumber_card.core import fees, lifecycle, reasons, services

DEFAULT = fees.Fees()


# (with certificates, by express, amount) -> the cases towns publish at that amount: (reason, source)
PUBLISHED = {
	(True, False, 1000): [
		("Lost", "川俣町 「カード再発行 800円 電子証明書の発行 200円」; 幕別町"),
		("Damaged", "幕別町 「汚損、き損または破損し、使用不可能」 有料"),
		("Renewal without Old Card", "彦根市 「紛失などしている場合は…カード800円+電子証明書200円」"),
		("Lapsed", "幕別町 「継続利用手続きを行わず…失効」 有料; 芦屋市"),
		("After Voluntary Return", "幕別町 「いったん返納した後、再度…」 有料"),
		("Other", "no free ground recorded: the ordinary fee"),
	],
	(False, False, 800): [
		("Lost", "幕別町 「電子証明書が不要な場合の再交付手数料は800円」"),
		("Renewal without Old Card", "小諸市 「紛失と同じ取り扱い」"),
		("Holder's Wish", "幕別町 「別の写真でカードを作り直したい」 有料"),
	],
	(True, True, 2000): [
		("Lost", "明和町 「特急発行の再交付手数料は、2,000円」; 大江町 1,800円+200円"),
		("Damaged", "ふじみ野市: 焼失・損傷 may be 特急; 明和町 2,000円"),
	],
	(False, True, 1800): [("Lost", "明和町 「電子証明書の発行を希望しない場合は、1,800円」")],
	(True, False, 0): [
		("Additional Field Full", "越前町, 幕別町 「表面の記載事項が満欄」 無料"),
		("Renewal", "忠岡町 「旧マイナンバーカードを返納していただく場合は、更新手数料は無料」"),
		("Re-entry from Abroad", "幕別町 「海外から転入し、新しい住所が記載された…」 無料"),
		("Name Changed by Special Adoption", "越前町: 特別養子縁組による氏名変更 無料"),
		("Gender Changed", "越前町: 性別変更 無料"),
		("Disaster", "「天災その他本人の責めによらない場合には、無料」 (511508 town page)"),
		("Stolen", "山都町 盗難 無料; 葛飾区 「被害届受理番号により確認できた場合は無料」"),
	],
	(True, True, 0): [
		("Additional Field Full", "中頓別町: 追記欄満欄 特急 「無料」"),
		("Re-entry from Abroad", "中頓別町: 国外転入 特急 無料"),
		("Number Changed", "中頓別町: 番号変更 特急 無料; 越前町"),
		("Office Error", "「市区町村もしくは機構に誤りがあった場合…無料」; 特急: 役所起因の誤失効"),
	],
}


@pytest.mark.parametrize(
	"reason, with_certificates, express, amount, source",
	[(reason, *terms, source) for terms, cases in PUBLISHED.items() for reason, source in cases],
)
def test_published_amounts(reason, with_certificates, express, amount, source):
	assert fees.card_fee(DEFAULT, reason, with_certificates, express) == amount, source


def test_a_first_card_costs_nothing_even_by_express():
	# 中頓別町: 1歳未満, 国外転入, 新たに住民票に記載 by 特急 「無料」: a first card has no reissue reason
	assert fees.card_fee(DEFAULT, None, True, True) == 0


def test_the_town_sets_the_amounts_and_the_stolen_case():
	town = fees.Fees(card=900, certificate=250, express_card=2000, stolen_free=False)
	assert fees.card_fee(town, "Damaged", True, False) == 1150
	assert fees.card_fee(town, "Lost", True, True) == 2250  # 特急 replaces the card fee, adds nothing
	assert fees.card_fee(town, "Stolen", False, False) == 900
	assert fees.card_fee(town, "Disaster", True, True) == 0


def test_one_row_per_reason_in_the_lists_order():
	assert tuple(fees.REISSUE_RULES) == reasons.REISSUE_REASONS
	for rule in fees.REISSUE_RULES.values():
		assert rule.express_reason is None or rule.express_reason in reasons.EXPRESS_REASONS
	assert set(fees.AFTER_RETURN) <= set(reasons.REISSUE_REASONS)


@pytest.mark.parametrize(
	"reason, express_reason",
	[
		("Lost", "Lost Card"),  # 明和町, ふじみ野市: 紛失
		("Stolen", "Lost Card"),
		("Damaged", "Damaged Card"),  # 焼失・損傷・機能喪失
		("Disaster", "Damaged Card"),
		("Office Error", "Damaged Card"),  # 役所起因の誤失効
		("Additional Field Full", "Additional Field Full"),  # 追記欄満欄 (refused before this issue)
		("Number Changed", "Number Changed"),
		("Re-entry from Abroad", "Moved in from Abroad"),  # 国外転入
		("Renewal", None),  # 更新 is not on the 特急 list
		("Renewal without Old Card", None),
		("Lapsed", None),
		("Holder's Wish", None),
		(None, None),
	],
)
def test_who_may_ask_for_express(reason, express_reason):
	assert fees.express_reason_for(reason) == express_reason


def _problem(reason, held=True, returned=False, due=True, express=False, police=False, town=DEFAULT):
	return fees.reissue_problem(reason, held, returned, due, express, police, town)


def test_a_renewal_needs_the_old_card_and_the_window():
	assert _problem("Renewal") is None
	# suspended or revoked: the card cannot be exchanged (彦根市: then paid, as a loss)
	assert _problem("Renewal", held=False) == fees.RENEWAL_NEEDS_OLD_CARD
	assert _problem("Renewal", due=False) == fees.RENEWAL_NOT_DUE
	assert _problem("Renewal", express=True) == fees.EXPRESS_NOT_FOR_REASON
	assert _problem("Renewal without Old Card", held=False) is None


def test_express_only_for_its_reasons():
	assert _problem("Additional Field Full", express=True) is None
	assert _problem("Holder's Wish", express=True) == fees.EXPRESS_NOT_FOR_REASON


def test_a_returned_card_is_made_again_only_after_abroad_or_a_voluntary_return():
	assert _problem("Re-entry from Abroad", held=False, returned=True) is None
	assert _problem("After Voluntary Return", held=False, returned=True) is None
	assert _problem("Lost", held=False, returned=True) == fees.CARD_RETURNED


def test_a_free_stolen_card_needs_the_police_report_number():
	assert _problem("Stolen") == fees.STOLEN_NEEDS_REPORT
	assert _problem("Stolen", police=True) is None
	assert _problem("Stolen", town=fees.Fees(stolen_free=False)) is None  # paid: no proof asked


def test_a_renewal_keeps_the_old_card_until_the_exchange():
	# 彦根市 「今のカードと交換でのお渡し」: the old card stays Issued (held) at the application
	assert services.state_after(services.REISSUE_APPLICATION, lifecycle.ISSUED, "Renewal") is None
	# 生駒市 「継続更新以外で再交付…事前にマイナンバーカード廃止」
	for reason in ("Lost", "Additional Field Full", "Renewal without Old Card", "Holder's Wish"):
		assert (
			services.state_after(services.REISSUE_APPLICATION, lifecycle.ISSUED, reason) == lifecycle.REVOKED
		)
	assert (
		services.state_after(services.REISSUE_APPLICATION, lifecycle.SUSPENDED, "Lost") == lifecycle.REVOKED
	)
	assert services.state_after(services.REISSUE_APPLICATION, lifecycle.REVOKED, "Lost") is None
	assert (
		services.state_after(services.REISSUE_APPLICATION, lifecycle.RETURNED, "Re-entry from Abroad") is None
	)


@pytest.mark.parametrize(
	"computed, fee, reason, manager, problem",
	[
		(1000, None, None, False, None),  # the table's amount
		(1000, 1000, None, False, None),
		(1000, 0, "本人の責によらない破損（窓口で確認）", True, None),
		(1000, 0, None, True, fees.FEE_REASON_MISSING),
		(1000, 0, "   ", True, fees.FEE_REASON_MISSING),
		(1000, 0, "窓口で確認", False, fees.FEE_CHANGED_BY_CLERK),
		(1000, -200, "返金", True, fees.FEE_NEGATIVE),
	],
)
def test_only_a_manager_corrects_the_fee_and_says_why(computed, fee, reason, manager, problem):
	assert fees.fee_correction_problem(computed, fee, reason, manager) == problem
