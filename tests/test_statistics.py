from datetime import date

import pytest

from mynumber_card.core.statistics import monthly_issuance_rate, months


def test_months_span_years():
	assert months(date(2026, 11, 15), date(2027, 2, 1)) == [
		date(2026, 11, 1),
		date(2026, 12, 1),
		date(2027, 1, 1),
		date(2027, 2, 1),
	]


def test_worked_example_by_hand():
	# A town of 8,373 with 4,000 cards issued before April; 150 in April, none in May, 321 in June.
	# April: 4,150 / 8,373 = 49.56… → 49.6 %; May: 49.6 %; June: 4,471 / 8,373 = 53.397… → 53.4 %
	rows = monthly_issuance_rate(
		{date(2026, 4, 1): 150, date(2026, 6, 1): 321}, date(2026, 4, 1), date(2026, 6, 30), 8373, 4000
	)
	assert [(r.issued, r.cumulative, r.rate) for r in rows] == [
		(150, 4150, 49.6),
		(0, 4150, 49.6),
		(321, 4471, 53.4),
	]


def test_population_must_be_known():
	with pytest.raises(ValueError):
		monthly_issuance_rate({}, date(2026, 4, 1), date(2026, 4, 30), 0)
