"""Issuance statistics as the town reports them: cumulative cards issued ÷ population, month by month."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MonthRate:
	month: date  # the first day of the month
	issued: int
	cumulative: int
	population: int
	rate: float  # percent, one decimal, as published


def months(start: date, end: date) -> list[date]:
	"""First days of every month from start's month to end's month."""
	first, last = date(start.year, start.month, 1), date(end.year, end.month, 1)
	found = []
	while first <= last:
		found.append(first)
		first = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
	return found


def monthly_issuance_rate(
	issued_per_month: dict[date, int], start: date, end: date, population: int, issued_before: int = 0
) -> list[MonthRate]:
	"""issued_before counts every card issued before `start` (earlier months and before the system)."""
	if population <= 0:
		raise ValueError("population must be positive")
	cumulative = issued_before
	rows = []
	for month in months(start, end):
		issued = issued_per_month.get(month, 0)
		cumulative += issued
		rows.append(MonthRate(month, issued, cumulative, population, round(cumulative * 100 / population, 1)))
	return rows
