"""How long a card and its e-certificates stay valid (番号法施行令第13条, 公的個人認証法).

Everything counts from the card's 発行日 (the day J-LIS made it, printed on the card), never from
the day it was handed over:
- the card: to the 10th birthday after 発行日 for holders of age on 発行日, to the 5th for younger
  ones; of age is 18 since 2022-04-01 and was 20 before (民法改正, 成年年齢の引下げ); a foreign
  resident's card ends on the 在留期間満了日 when that comes first;
- the e-certificates: to the 5th birthday after their own issue (the card's 発行日, or a renewal at
  the counter), never past the card; 署名用 only from 15 and never on a 顔認証 card; none when the
  holder declined them.
"""

from dataclasses import dataclass
from datetime import date

from mynumber_card.core.dates import add_months, age_on, anniversary

MAJORITY_LOWERED_ON = date(2022, 4, 1)
SIGNING_CERTIFICATE_MIN_AGE = 15
# The town's renewal window: a card or certificate can be renewed from 3 months before its expiry.
RENEWAL_WINDOW_MONTHS = 3


def age_of_majority(issue_date: date) -> int:
	return 18 if issue_date >= MAJORITY_LOWERED_ON else 20


def _nth_birthday_after(birth_date: date, after: date, n: int) -> date:
	"""The n-th birthday strictly after a date (an issue on a birthday does not count)."""
	years = after.year - birth_date.year
	first = anniversary(birth_date, years)
	if first <= after:
		first = anniversary(birth_date, years + 1)
	return anniversary(birth_date, first.year - birth_date.year + n - 1)


def card_expiry(birth_date: date, issue_date: date, residence_expiry: date | None = None) -> date:
	years = 10 if age_on(birth_date, issue_date) >= age_of_majority(issue_date) else 5
	expiry = _nth_birthday_after(birth_date, issue_date, years)
	if residence_expiry and residence_expiry < expiry:
		return residence_expiry
	return expiry


def certificate_expiry(birth_date: date, issued_on: date, card_expires: date | None = None) -> date:
	"""The 5th birthday after the certificate's issue (発行日 or renewal), capped by the card."""
	expiry = _nth_birthday_after(birth_date, issued_on, 5)
	if card_expires and card_expires < expiry:
		return card_expires
	return expiry


@dataclass(frozen=True)
class Certificates:
	signing: bool  # 署名用電子証明書
	user: bool  # 利用者証明用電子証明書

	@property
	def any(self) -> bool:
		return self.signing or self.user


def certificates_carried(
	birth_date: date, issue_date: date, declined: bool = False, face_auth: bool = False
) -> Certificates:
	"""Which e-certificates a new card carries. A 顔認証 card (since 2023-12) has no PIN, so no
	署名用 certificate; its 利用者証明用 one works with the face instead of a PIN."""
	if declined:
		return Certificates(signing=False, user=False)
	signing = not face_auth and age_on(birth_date, issue_date) >= SIGNING_CERTIFICATE_MIN_AGE
	return Certificates(signing=signing, user=True)


@dataclass(frozen=True)
class Validity:
	card: date
	certificate: date | None  # None when the card carries no certificate
	printed_differs: bool = False  # the expiry printed on the card is not what the rules give


def card_validity(
	birth_date: date,
	issue_date: date,
	*,  # by name: the optional dates share a type and must not swap places
	residence_expiry: date | None = None,
	printed_expiry: date | None = None,
	certificates: Certificates | None = None,
) -> Validity:
	"""The card's expiry (the printed one wins when entered) and its certificates' expiry."""
	computed = card_expiry(birth_date, issue_date, residence_expiry)
	card = printed_expiry or computed
	carried = certificates or certificates_carried(birth_date, issue_date)
	certificate = certificate_expiry(birth_date, issue_date, card) if carried.any else None
	return Validity(
		card=card,
		certificate=certificate,
		printed_differs=bool(printed_expiry) and printed_expiry != computed,
	)


CARD_DUE = "Card"
CERTIFICATE_DUE = "Certificate"
BOTH_DUE = "Card and Certificate"


def renewal_window_end(today: date, months_ahead: int = RENEWAL_WINDOW_MONTHS) -> date:
	"""The last expiry date that is due today: a card or certificate expiring on or before it (or
	already expired) can be renewed now. The renewal queue asks the database with this date."""
	return add_months(today, months_ahead)


def renewal_kind(
	card_expires: date | None,
	certificate_expires: date | None,
	today: date,
	months_ahead: int = RENEWAL_WINDOW_MONTHS,
) -> str | None:
	"""What a holder must renew now: expiring within the window or already expired. A new card
	carries new certificates, so a card that is due with its certificate is one renewal of both."""
	window_end = renewal_window_end(today, months_ahead)
	card_due = bool(card_expires) and card_expires <= window_end
	certificate_due = bool(certificate_expires) and certificate_expires <= window_end
	if card_due:
		return BOTH_DUE if certificate_expires else CARD_DUE
	return CERTIFICATE_DUE if certificate_due else None
