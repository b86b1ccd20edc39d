"""How long a card and its signing e-certificate stay valid (番号法施行令第13条, 公的個人認証法).

- The card: to the 10th birthday after the issue date for holders 18 or older on that date,
  to the 5th birthday for younger holders.
- The signing e-certificate: to the 5th birthday after the issue date.
"""

from datetime import date

from mynumber_card.core.dates import add_months, age_on, anniversary

ADULT_AGE = 18


def _nth_birthday_after(birth_date: date, issue_date: date, n: int) -> date:
	"""The n-th birthday strictly after the issue date (an issue on a birthday does not count)."""
	years = issue_date.year - birth_date.year
	first = anniversary(birth_date, years)
	if first <= issue_date:
		first = anniversary(birth_date, years + 1)
	return anniversary(birth_date, first.year - birth_date.year + n - 1)


def card_expiry(birth_date: date, issue_date: date) -> date:
	years = 10 if age_on(birth_date, issue_date) >= ADULT_AGE else 5
	return _nth_birthday_after(birth_date, issue_date, years)


def certificate_expiry(birth_date: date, issue_date: date) -> date:
	return _nth_birthday_after(birth_date, issue_date, 5)


def renewal_due(expiry: date | None, today: date, months_ahead: int = 3) -> bool:
	"""True when the expiry falls from today to `months_ahead` months on: time to book a renewal."""
	return bool(expiry) and today <= expiry <= add_months(today, months_ahead)
