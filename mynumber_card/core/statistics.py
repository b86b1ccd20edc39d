"""Issuance statistics as the town reports them, month by month: 交付率 (cumulative cards issued ÷
population) and, the ministry's headline since 2023-07, 保有枚数率 (cards still held ÷ population).

A card counts as issued from the day its holder got it, at the counter or by post, and stays counted
when it is later returned (返納) or revoked (廃止); it is held (保有) from that day until then. A
suspended card (一時停止) is still held."""

from dataclasses import dataclass
from datetime import date

from mynumber_card.core import lifecycle

# Every card in these states was handed over once (交付), at the counter or by post.
AFTER_HANDOVER = (lifecycle.ISSUED, lifecycle.SUSPENDED, lifecycle.RETURNED, lifecycle.REVOKED)
# Of those, the holder still has these (保有): a suspended card is still theirs.
HELD = lifecycle.HELD
# ... and no longer these; the date field on the card says since when.
NO_LONGER_HELD_DATE_FIELDS = {lifecycle.RETURNED: "returned_date", lifecycle.REVOKED: "revoked_date"}
# 未交付: made for a holder who has been told or sent it, and has not got it yet (the post included).
UNCOLLECTED = (
	lifecycle.NOTICE_SENT,
	lifecycle.RENOTICE_SENT,
	lifecycle.BOOKED,
	lifecycle.MAILED,
	lifecycle.MAIL_RETURNED,
	lifecycle.PENDING_DISPOSAL,
)


@dataclass(frozen=True)
class MonthRate:
	month: date  # the first day of the month
	issued: int
	cumulative: int
	population: int
	rate: float  # percent, one decimal, as published
	held: int = 0  # 保有枚数 at the month's end: issued in total, less cards returned or revoked
	held_rate: float = 0.0  # 保有枚数率, percent, one decimal


def months(start: date, end: date) -> list[date]:
	"""First days of every month from start's month to end's month."""
	first, last = date(start.year, start.month, 1), date(end.year, end.month, 1)
	found = []
	while first <= last:
		found.append(first)
		first = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
	return found


def percent(count: int, population: int) -> float:
	return round(count * 100 / population, 1)


def running_totals(per_month: dict[date, int], start: date, end: date, before: int = 0) -> dict[date, int]:
	"""The total at each month's end: what came before `start`, plus every month up to that one."""
	totals, total = {}, before
	for month in months(start, end):
		total += per_month.get(month, 0)
		totals[month] = total
	return totals


def held_by_month(
	issued_per_month: dict[date, int],
	start: date,
	end: date,
	issued_before: int = 0,
	ended_per_month: dict[date, int] | None = None,
	ended_before: int = 0,
) -> dict[date, int]:
	"""保有枚数 at each month's end: cards issued in total, less issued cards that stopped being held
	(returned, revoked)."""
	issued = running_totals(issued_per_month, start, end, issued_before)
	ended = running_totals(ended_per_month or {}, start, end, ended_before)
	return {month: issued[month] - ended[month] for month in issued}


def monthly_issuance_rate(
	issued_per_month: dict[date, int],
	start: date,
	end: date,
	population: int,
	issued_before: int = 0,
	ended_per_month: dict[date, int] | None = None,
	ended_before: int = 0,
) -> list[MonthRate]:
	"""issued_before counts every card issued before `start` (earlier months and before the system);
	ended_per_month and ended_before count issued cards that stopped being held (returned, revoked)."""
	if population <= 0:
		raise ValueError("population must be positive")
	cumulative = running_totals(issued_per_month, start, end, issued_before)
	held = held_by_month(issued_per_month, start, end, issued_before, ended_per_month, ended_before)
	return [
		MonthRate(
			month,
			issued_per_month.get(month, 0),
			cumulative[month],
			population,
			percent(cumulative[month], population),
			held[month],
			percent(held[month], population),
		)
		for month in cumulative
	]
