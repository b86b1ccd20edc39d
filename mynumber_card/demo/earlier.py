"""The demo town's earlier ledger: a generated Excel file of cards handed over before the system,
brought in through Card Import like a real town's, so the renewal queue, its letters and both rates
show real numbers."""

import io
import random
from datetime import date, timedelta

import frappe

from mynumber_card.core.card_import import LEDGER

EARLIER_CARDS = 2000
HEADER = ("氏名", "フリガナ", "生年月日", "住所", "発行日", "交付日", "電子証明書有効期限", "備考")
# Cards made per year before the system: the wave of 2020–2023 (マイナポイント) as in most towns.
YEAR_WEIGHTS = {2016: 4, 2017: 3, 2018: 3, 2019: 4, 2020: 10, 2021: 12, 2022: 18, 2023: 10, 2024: 5, 2025: 4}


def import_earlier_ledger(surnames, given_names, districts) -> int:
	"""Once per site: the cards come in as issued, registered from earlier records."""
	if frappe.db.exists("MyNumber Card", {"registered_from_records": 1}):
		return 0
	from mynumber_card.ledger.card_import import check_upload

	content = earlier_ledger_xlsx(random.Random(2016), surnames, given_names, districts)
	report = check_upload(LEDGER, "みなみ野町_交付台帳_2016-2025.xlsx", content, dry_run=False)
	return report["counts"]["importable"]


def earlier_ledger_xlsx(rng: random.Random, surnames, given_names, districts) -> bytes:
	import openpyxl

	workbook = openpyxl.Workbook(write_only=True)
	sheet = workbook.create_sheet("交付台帳")
	sheet.append(("みなみ野町 マイナンバーカード交付台帳（平成28年〜令和7年）",))
	sheet.append(HEADER)
	for index in range(EARLIER_CARDS):
		(surname, surname_kana), (given, given_kana) = rng.choice(surnames), rng.choice(given_names)
		birth = date(1938, 1, 1) + timedelta(days=rng.randrange(365 * 80))
		year = rng.choices(list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values()))[0]
		made = max(date(year, 1, 5) + timedelta(days=rng.randrange(350)), birth + timedelta(days=30))
		handed = made + timedelta(days=rng.randrange(20, 70))
		# half of those whose certificate ran out renewed it at the counter before the system
		renewed = ""
		if made < date(2021, 6, 1) and rng.random() < 0.5:
			renewed = wareki_text(date(made.year + 10, birth.month, min(birth.day, 28)))
		sheet.append(
			(
				f"{surname} {given}",
				f"{surname_kana} {given_kana}",
				wareki_text(birth),
				f"茨城県猿島郡みなみ野町{rng.choice(districts)}{rng.randrange(1, 3000)}番地",
				wareki_text(made),
				handed.strftime("%Y/%m/%d"),  # ledgers mix 和暦 and 西暦
				renewed,
				"旧住基カード回収済" if index % 9 == 0 else "",
			)
		)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def wareki_text(day: date) -> str:
	"""As clerks typed it: 令和 and 平成 in short form, 昭和 in full."""
	if day >= date(2019, 5, 1):
		return f"R{day.year - 2018}.{day.month}.{day.day}"
	if day >= date(1989, 1, 8):
		return f"H{day.year - 1988}.{day.month}.{day.day}"
	return f"昭和{day.year - 1925}年{day.month}月{day.day}日"
