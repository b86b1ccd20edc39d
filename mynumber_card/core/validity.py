"""How long a card and its e-certificates stay valid, per card generation.

Legal basis. The card: 番号法第17条第6項 leaves its validity to the 主務省令, 平成26年総務省令第85号 (the
card ordinance, now titled 「…命令」); the article is UNCONFIRMED (a third-party tool cites arts. 26, 27
and 29; not seen in the ordinance's text). The e-certificates: 公的個人認証法 (平成14年法律第153号) and its
施行規則 (平成15年総務省令第120号); the article is UNCONFIRMED. (The 施行令第13条 cited here before is
about 交付, not validity.)

Everything counts from the card's 発行日 (the day J-LIS made it, printed on the card), never from
the day it was handed over:
- the card: to the 10th birthday after 発行日 for holders of age on 発行日, to the 5th for younger
  ones. Of age is 18, or 20 when J-LIS received the application (申請受付日) before 2022-04-01
  (政府広報 2025-09 「申請受付日が2022年4月1日より前のかたは「18歳未満」を「20歳未満」と読み替え」; 米子市,
  大阪狭山市, 行橋市). A foreign resident's card ends on the end of their stay when that comes first,
  except for 永住者, 高度専門職2号 and 特別永住者 (山陽小野田市, 米子市);
- the e-certificates: to the 5th birthday after their own issue (the card's 発行日, or a renewal at
  the counter; the 6th when renewed while fewer than 3 months were left: J-LIS jpki.go.jp, 東村山市,
  宇治市), never past the card; 署名用 only from 15, never for a 成年被後見人 and never on a 顔認証
  card; none when the holder declined them.

The rules that differ between card generations (the current card since 2016, the next card planned
by デジタル庁) are one `Generation` each; every function takes the generation, CURRENT by default.
"""

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from mynumber_card.core.dates import add_months, age_on, anniversary

MAJORITY_LOWERED_ON = date(2022, 4, 1)  # 民法改正, 成年年齢の引下げ
SIGNING_CERTIFICATE_MIN_AGE = 15
# 「有効期間が満了する日までの期間が三月未満となった場合」: renewal opens when fewer than 3 months are left.
RENEWAL_WINDOW_MONTHS = 3


@dataclass(frozen=True)
class Generation:
	"""The validity rules of one card generation (the parameters that differ between them)."""

	code: str  # stored on the card (`card_generation`) and in the settings; a Select option
	provisional: bool  # a draft, not in force
	source: str
	adult_card_birthdays: int
	minor_card_birthdays: int
	# (申請受付日 from, age of majority): the threshold is chosen by the day J-LIS received the
	# application; the age itself is taken on the 発行日
	majority_ages: tuple[tuple[date, int], ...]
	certificate_birthdays: int
	# a certificate renewed while its old one had fewer than `renewal_window_months` left
	certificate_birthdays_renewed_in_window: int
	renewal_window_months: int
	# the card and certificates run this many months past the birthday (the next card: +1 month)
	validity_extension_months: int
	signing_certificate_min_age: int

	def age_of_majority(self, application_date: date) -> int:
		age = self.majority_ages[0][1]
		for start, value in self.majority_ages:
			if application_date >= start:
				age = value
		return age


CURRENT = Generation(
	code="Current Card (since 2016)",
	provisional=False,
	source="番号法第17条第6項・総務省令第85号; 公的個人認証法・同施行規則; J-LIS jpki.go.jp",
	adult_card_birthdays=10,
	minor_card_birthdays=5,
	majority_ages=((date.min, 20), (MAJORITY_LOWERED_ON, 18)),
	certificate_birthdays=5,
	certificate_birthdays_renewed_in_window=6,  # J-LIS: 「有効期間満了前に更新…6回目の誕生日まで」
	renewal_window_months=RENEWAL_WINDOW_MONTHS,
	validity_extension_months=0,
	signing_certificate_min_age=SIGNING_CERTIFICATE_MIN_AGE,
)

# PROVISIONAL DRAFT, not in force: 次期個人番号カード as the デジタル庁 次期個人番号カードタスクフォース
# 最終とりまとめ (2024-03-18) describes it: certificates 10 years 「カードの有効期間にあわせて」, renewal
# from 1 year before expiry, validity extended to one month after the birthday. Start planned for
# FY2028 (UNCONFIRMED). Choices made here where the draft says nothing, all UNCONFIRMED:
# - "one month after the birthday" is the same day one month on, the month's last day when that day
#   does not exist (core.dates.add_months); the certificates get the same month, as they follow the
#   card; a cap by the end of stay is not extended;
# - a certificate renewed within the window gets no extra birthday (the current 6th-birthday rule has
#   no counterpart in the draft); under-18 certificates run as long as the card (capped by it);
# - 署名用 from 15 as now; of age is 18 (every application is after 2022-04-01).
NEXT = replace(  # what differs from the current card
	CURRENT,
	code="Next Card (Provisional Draft)",
	provisional=True,
	source="デジタル庁 次期個人番号カードタスクフォース 最終とりまとめ 2024-03-18 (draft, not in force)",
	majority_ages=((date.min, 18),),
	certificate_birthdays=10,
	certificate_birthdays_renewed_in_window=10,
	renewal_window_months=12,
	validity_extension_months=1,
)

GENERATIONS = (CURRENT, NEXT)
GENERATION_CODES = tuple(g.code for g in GENERATIONS)


def generation_for(code: str | None) -> Generation:
	"""The generation stored on a card or in the settings; a card from before generations is CURRENT."""
	if not code:
		return CURRENT
	for generation in GENERATIONS:
		if generation.code == code:
			return generation
	raise ValueError(f"unknown card generation: {code}")


@dataclass(frozen=True)
class ResidenceStatus:
	code: str  # a Residence Status record, linked from the card (core/vocabularies.py)
	uncapped: bool  # the card runs to the birthday like a Japanese national's, whatever the stay
	end_of_stay: str  # what the card's end-of-stay date holds for this status


# 山陽小野田市 (外国人の有効期限), 米子市, 足立区: the card of a foreign resident ends with their stay,
# except for these three statuses; the end date differs by status.
RESIDENCE_STATUSES = (
	ResidenceStatus("Permanent Resident", True, ""),  # 永住者
	ResidenceStatus("Highly Skilled Professional (ii)", True, ""),  # 高度専門職第2号
	ResidenceStatus("Special Permanent Resident", True, ""),  # 特別永住者
	# 中長期在留者 with any other status: 在留期間の満了日
	ResidenceStatus("Mid- to Long-Term Resident (Other Status)", False, "在留期間の満了日"),
	ResidenceStatus("Temporary Refuge Permit", False, "上陸期間を経過する日"),  # 一時庇護許可者
	ResidenceStatus("Provisional Stay Permit", False, "仮滞在期間を経過する日"),  # 仮滞在許可者
	# 出生・国籍喪失による経過滞在者: 60 days after the birth or the loss of nationality
	ResidenceStatus(
		"Transitional Stay (Birth or Loss of Nationality)", False, "出生・国籍喪失の日から60日を経過する日"
	),
)
RESIDENCE_STATUS_CODES = tuple(s.code for s in RESIDENCE_STATUSES)
UNCAPPED_STATUSES = frozenset(s.code for s in RESIDENCE_STATUSES if s.uncapped)


def residence_capped(status: str | None) -> bool:
	"""Whether the end of stay caps the card. No status (an older card) or an unknown one: it does
	whenever an end of stay is recorded, as before statuses were kept."""
	return status not in UNCAPPED_STATUSES


@dataclass(frozen=True)
class Stay:
	"""A foreign resident's stay as the card records it; a Japanese national's card has none."""

	end: date | None = None  # the card's end-of-stay date (what RESIDENCE_STATUSES says it holds)
	status: str | None = None  # a RESIDENCE_STATUSES code; none on a card from before statuses were kept

	@property
	def caps_card(self) -> bool:
		"""Whether the card ends with the stay when that comes first: an end is recorded and the status
		does not keep the card to the birthday."""
		return bool(self.end) and residence_capped(self.status)

	def cap(self, expiry: date) -> date:
		"""The card's expiry by the birthdays, cut short by the stay."""
		return self.end if self.caps_card and self.end < expiry else expiry


NO_STAY = Stay()


def age_of_majority(application_date: date, generation: Generation = CURRENT) -> int:
	"""The age of majority for a card whose application J-LIS received on this day."""
	return generation.age_of_majority(application_date)


def _nth_birthday_after(birth_date: date, after: date, n: int) -> date:
	"""The n-th birthday strictly after a date (an issue on a birthday does not count)."""
	years = after.year - birth_date.year
	first = anniversary(birth_date, years)
	if first <= after:
		first = anniversary(birth_date, years + 1)
	return anniversary(birth_date, first.year - birth_date.year + n - 1)


def _validity_end(birth_date: date, after: date, birthdays: int, generation: Generation) -> date:
	return add_months(_nth_birthday_after(birth_date, after, birthdays), generation.validity_extension_months)


def _is_adult(
	birth_date: date, issue_date: date, application_date: date | None, generation: Generation
) -> bool:
	# no 申請受付日 known (an import): the 発行日 stands in for it (see card_validity's threshold_uncertain)
	return age_on(birth_date, issue_date) >= generation.age_of_majority(application_date or issue_date)


def card_expiry(
	birth_date: date,
	issue_date: date,
	stay: Stay = NO_STAY,
	*,
	application_date: date | None = None,
	generation: Generation = CURRENT,
) -> date:
	"""The 10th (adult) or 5th birthday after the 発行日, capped by the stay (Stay.cap).
	`application_date` is the 申請受付日 (J-LIS received the application): it chooses the age of
	majority; the age is taken on the 発行日 (政府広報 2025-09 「発行時に18歳未満」; 鴻巣市 and 大阪狭山市
	read the age on the 申請受付日 instead — see tests, case D)."""
	adult = _is_adult(birth_date, issue_date, application_date, generation)
	birthdays = generation.adult_card_birthdays if adult else generation.minor_card_birthdays
	return stay.cap(_validity_end(birth_date, issue_date, birthdays, generation))


def certificate_expiry(
	birth_date: date,
	issued_on: date,
	card_expires: date | None = None,
	*,
	renewed_in_window: bool = False,
	generation: Generation = CURRENT,
) -> date:
	"""The 5th birthday after the certificate's issue (発行日 or renewal), the 6th for a renewal made
	while the old certificate had fewer than 3 months left (renewed_in_window), capped by the card."""
	birthdays = (
		generation.certificate_birthdays_renewed_in_window
		if renewed_in_window
		else generation.certificate_birthdays
	)
	expiry = _validity_end(birth_date, issued_on, birthdays, generation)
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
	birth_date: date,
	issue_date: date,
	declined: bool = False,
	face_auth: bool = False,
	*,
	under_guardianship: bool = False,
	generation: Generation = CURRENT,
) -> Certificates:
	"""Which e-certificates a card carries. A 顔認証 card (since 2023-12) has no PIN, so no 署名用
	certificate; its 利用者証明用 one works with the face instead of a PIN. A 成年被後見人 gets no
	署名用 certificate (it stands for a registered seal): 世田谷区 「15歳未満の方、成年被後見人の方には原則
	発行されません」, 杉並区, 鳴門市 「搭載されません」. The 「原則」 exception is described nowhere found
	(UNCONFIRMED), so there is no way round it here."""
	if declined:
		return Certificates(signing=False, user=False)
	signing = (
		not face_auth
		and not under_guardianship
		and age_on(birth_date, issue_date) >= generation.signing_certificate_min_age
	)
	return Certificates(signing=signing, user=True)


@dataclass(frozen=True)
class Validity:
	card: date
	certificate: date | None  # None when the card carries no certificate
	printed_differs: bool = False  # the expiry printed on the card is not what the rules give
	# no 申請受付日 known and the card's term would differ had J-LIS received the application before
	# the age of majority changed: the 発行日 stood in for it
	threshold_uncertain: bool = False


def card_validity(
	birth_date: date,
	issue_date: date,
	*,  # by name: the optional dates share a type and must not swap places
	stay: Stay = NO_STAY,
	printed_expiry: date | None = None,
	certificates: Certificates | None = None,
	application_date: date | None = None,
	generation: Generation = CURRENT,
) -> Validity:
	"""The card's expiry (the printed one wins when entered) and its certificates' expiry."""
	computed = card_expiry(
		birth_date, issue_date, stay, application_date=application_date, generation=generation
	)
	card = printed_expiry or computed
	carried = certificates or certificates_carried(birth_date, issue_date, generation=generation)
	certificate = (
		certificate_expiry(birth_date, issue_date, card, generation=generation) if carried.any else None
	)
	return Validity(
		card=card,
		certificate=certificate,
		printed_differs=bool(printed_expiry) and printed_expiry != computed,
		threshold_uncertain=application_date is None
		and _threshold_depends_on_application(birth_date, issue_date, generation),
	)


def _threshold_depends_on_application(birth_date: date, issue_date: date, generation: Generation) -> bool:
	"""Whether any age of majority in force for an application received by the 発行日 gives another
	answer than the one of the 発行日 itself."""
	age = age_on(birth_date, issue_date)
	possible = {threshold for start, threshold in generation.majority_ages if start <= issue_date}
	return len({age >= threshold for threshold in possible}) > 1


CARD_DUE = "Card"
CERTIFICATE_DUE = "Certificate"
BOTH_DUE = "Card and Certificate"


def months_period_end(start: date, months: int) -> date:
	"""The last day of a period of `months` months whose first day is `start` (民法143条2項): the day
	before the day of the last month that corresponds to `start`, or that month's last day when it
	has no such day (a period from 30 November ends on 28 February)."""
	month_index = start.month - 1 + months
	year, month = start.year + month_index // 12, month_index % 12 + 1
	last_day = calendar.monthrange(year, month)[1]
	if start.day > last_day:
		return date(year, month, last_day)
	return date(year, month, start.day) - timedelta(days=1)


def renewal_window_end(
	today: date, months_ahead: int | None = None, *, generation: Generation = CURRENT
) -> date:
	"""The last expiry date that is due today: a card or certificate expiring on or before it (or
	already expired) can be renewed now. The renewal queue asks the database with this date.

	Due means 「有効期間が満了する日までの期間が三月未満」 (名古屋市 FAQ; 東村山市; 志賀町 「3か月前の翌日から」):
	the remaining period starts tomorrow (初日不算入, 民法140条) and must be shorter than the window, so
	an expiry of 2026-04-15 is due from 2026-01-16 and one of 2026-05-31 from 2026-03-01 (民法143条;
	the month-end case is derived, no official worked example found)."""
	months = generation.renewal_window_months if months_ahead is None else months_ahead
	return months_period_end(today + timedelta(days=1), months) - timedelta(days=1)


def renewal_kind(
	card_expires: date | None,
	certificate_expires: date | None,
	today: date,
	months_ahead: int | None = None,
	*,
	generation: Generation = CURRENT,
) -> str | None:
	"""What a holder must renew now: expiring within the window or already expired. A new card
	carries new certificates, so a card that is due with its certificate is one renewal of both.
	The window is the generation's (3 months; the next card 1 year) unless given."""
	window_end = renewal_window_end(today, months_ahead, generation=generation)
	card_due = bool(card_expires) and card_expires <= window_end
	certificate_due = bool(certificate_expires) and certificate_expires <= window_end
	if card_due:
		return BOTH_DUE if certificate_expires else CARD_DUE
	return CERTIFICATE_DUE if certificate_due else None


def renewed_in_window(
	previous_expiry: date | None, renewed_on: date, generation: Generation = CURRENT
) -> bool:
	"""A certificate renewed while the old one was still valid with fewer than the window's months
	left (東村山市 「有効期間が満了する日までの期間が3月未満となった場合に、発行の申請を行い」). After the old
	one expired, or with more time left, the new one is an ordinary issue (5th birthday)."""
	if previous_expiry is None or renewed_on > previous_expiry:
		return False
	return previous_expiry <= renewal_window_end(renewed_on, generation=generation)


def expired(card_expires: date | None, day: date) -> bool:
	"""A card is valid through its expiry date and not after (the day after it, it has lapsed)."""
	return bool(card_expires) and day > card_expires
