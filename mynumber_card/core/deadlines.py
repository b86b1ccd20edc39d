"""Disposal deadlines and re-notice reminders, from the town's own rules.

Towns differ (e.g. 3 months after the re-notice, or 12 months after the first notice, whichever is
later), so the rules come from MyNumber Card Settings and are passed in here. Some count from the
application as well: 東松島市 and あわら市 dispose of a card once the re-notice's 受け取り期限 has
passed 「かつ、カード申請日からおおむね1年を経過」; 三股町 and 須恵町 take the later of 「再通知…から
3カ月以上」 and 「交付通知書を最初に発送したときから12カ月以上」. `months_after_application` (0: not
counted) adds the application to the candidates, and the latest one is the deadline.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mynumber_card.core import lifecycle
from mynumber_card.core.dates import add_months


@dataclass(frozen=True)
class DisposalRules:
	months_after_notice: int = 12
	months_after_renotice: int = 3
	renotice_after_days: int = 60
	months_after_application: int = 0

	def __post_init__(self):
		for value in (
			self.months_after_notice,
			self.months_after_renotice,
			self.renotice_after_days,
			self.months_after_application,
		):
			if value is None or int(value) < 0:
				raise ValueError("disposal rules must be whole numbers, 0 or more")


def disposal_deadline(
	rules: DisposalRules,
	notice_date: date | None,
	renotice_date: date | None,
	hold_until: date | None = None,
	application_date: date | None = None,
) -> date | None:
	"""The latest of the deadlines; None until a notice has been sent. A hold (廃棄保留, the holder
	asked for more time) stops the clock until its date. The application counts when the town's rule
	names it: pass application_counted_from() of the card."""
	candidates = []
	if notice_date:
		candidates.append(add_months(notice_date, rules.months_after_notice))
	if renotice_date:
		candidates.append(add_months(renotice_date, rules.months_after_renotice))
	if candidates and hold_until:
		candidates.append(hold_until)
	if candidates and rules.months_after_application and application_date:
		candidates.append(add_months(application_date, rules.months_after_application))
	return max(candidates) if candidates else None


def application_counted_from(application_received: date | None, card_received: date | None) -> date | None:
	"""The day a deadline 「申請日から」 counts from: the card's 申請受付日, a few days after the resident's
	申請日 at most (so the card is never disposed of early); for a card with none known, the day the
	town received the card, which is later still."""
	return application_received or card_received


def is_overdue(state: str, deadline: date | None, today: date) -> bool:
	"""A card still awaiting its holder after its deadline goes to Pending Disposal."""
	return state in lifecycle.AWAITING_PICKUP and deadline is not None and today > deadline


def renotice_due(rules: DisposalRules, state: str, notice_date: date | None, today: date) -> bool:
	"""The holder has not booked nor come within the set days after the first notice."""
	if state != lifecycle.NOTICE_SENT or not notice_date or rules.renotice_after_days == 0:
		return False
	return today >= notice_date + timedelta(days=rules.renotice_after_days)


def pickup_deadline(
	months_after_notice: int, notice_date: date | None, renotice_date: date | None, letter_date: date
) -> date | None:
	"""The 受取期限 the holder's latest notice gives (not the disposal deadline, which lies later).
	A letter printed before the notice is marked sent goes out with it: its date counts. None when
	the town prints no deadline (0 months)."""
	if not months_after_notice:
		return None
	sent = [d for d in (notice_date, renotice_date) if d]
	return add_months(max(sent) if sent else letter_date, months_after_notice)
