"""Issuance statistics as the town reports them, month by month: 交付率 (cumulative cards issued ÷
population) and, the ministry's headline since 2023-07, 保有枚数率 (cards still held ÷ population).

A card counts as issued from the day its holder got it, at the counter or by post, and stays counted
when it is later returned (返納) or revoked (廃止); it is held (保有) from that day until it is returned,
revoked or expires, or its holder dies or leaves the town's 住民基本台帳 (転出, 国外転出, other 消除; from
the town's lists, core/resident_events.py), whichever comes first. A suspended card (一時停止) is still
held.

Cards a town issued before it kept them in this ledger come in as a few figures per month (the
town's own records: cumulative issued and held at the month's end), added to the ledger's counts."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mynumber_card.core import lifecycle

# Every card in these states was handed over once (交付), at the counter or by post.
AFTER_HANDOVER = (lifecycle.ISSUED, lifecycle.SUSPENDED, lifecycle.RETURNED, lifecycle.REVOKED)
# Of those, the holder still has these (保有): a suspended card is still theirs.
HELD = lifecycle.HELD
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
	held: int = 0  # 保有枚数 at the month's end: issued in total, less cards no longer held
	held_rate: float = 0.0  # 保有枚数率, percent, one decimal


@dataclass(frozen=True)
class EarlierFigure:
	"""Cards outside the ledger, from the town's earlier records: totals at the end of a month."""

	month: date
	issued: int
	held: int


def held_until(
	returned: date | None, revoked: date | None, card_expires: date | None, left: date | None = None
) -> date | None:
	"""The first day an issued card is no longer held: returned, revoked, the day after it expired,
	or the day its holder left the town's resident register (`left`: died, moved out or abroad, or
	the 住民票 was removed; core/resident_events.py says why the 転出 date itself ends it here),
	whichever comes first."""
	expired = card_expires + timedelta(days=1) if card_expires else None
	ends = [d for d in (returned, revoked, expired, left) if d]
	return min(ends) if ends else None


def earlier_on(figures: Sequence[EarlierFigure], month: date) -> EarlierFigure:
	"""The latest earlier figure up to a month's end (its values carry on until a newer row)."""
	found = EarlierFigure(month, 0, 0)
	for figure in sorted(figures, key=lambda f: f.month):
		if (figure.month.year, figure.month.month) <= (month.year, month.month):
			found = figure
	return found


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
	start: date,
	end: date,
	*,
	issued_per_month: dict[date, int],
	issued_before: int = 0,
	ended_per_month: dict[date, int] | None = None,
	ended_before: int = 0,
	earlier: Sequence[EarlierFigure] = (),
) -> dict[date, int]:
	"""保有枚数 at each month's end: cards issued in total, less issued cards that stopped being held
	(returned, revoked, expired, holder left), with the held cards outside the ledger."""
	issued = running_totals(issued_per_month, start, end, issued_before)
	ended = running_totals(ended_per_month or {}, start, end, ended_before)
	return {month: issued[month] - ended[month] + earlier_on(earlier, month).held for month in issued}


def monthly_issuance_rate(
	issued_per_month: dict[date, int],
	start: date,
	end: date,
	population: int,
	issued_before: int = 0,
	ended_per_month: dict[date, int] | None = None,
	ended_before: int = 0,
	earlier: Sequence[EarlierFigure] = (),
) -> list[MonthRate]:
	"""issued_before counts the ledger's cards issued before `start`; ended_per_month and
	ended_before count issued cards that stopped being held (returned, revoked, expired, holder
	left); `earlier` adds the cards the ledger does not hold, month by month."""
	if population <= 0:
		raise ValueError("population must be positive")
	cumulative = running_totals(issued_per_month, start, end, issued_before)
	held = held_by_month(
		start,
		end,
		issued_per_month=issued_per_month,
		issued_before=issued_before,
		ended_per_month=ended_per_month,
		ended_before=ended_before,
		earlier=earlier,
	)
	rows = []
	for month in cumulative:
		outside, outside_before = earlier_on(earlier, month), earlier_on(earlier, month - timedelta(days=1))
		issued_total, held_total = cumulative[month] + outside.issued, held[month]
		rows.append(
			MonthRate(
				month,
				issued_per_month.get(month, 0) + outside.issued - outside_before.issued,
				issued_total,
				population,
				percent(issued_total, population),
				held_total,
				percent(held_total, population),
			)
		)
	return rows
