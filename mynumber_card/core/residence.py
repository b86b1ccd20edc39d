"""A foreign resident's card and the end of their stay: the counter services that follow a new
在留期間 (有効期間変更, 特例期間), the card kinds that carry a residence card, and what the renewal letter
must tell these holders. The residence statuses and the validity rules themselves are in
core/validity.py (RESIDENCE_STATUSES, card_expiry); this module only moves an issued card's expiry.

有効期間変更 (after 在留期間更新 or 在留資格変更):
- the card does not follow a new 在留カード by itself: 「在留カードを更新しても、自動でマイナンバーカードの
  有効期間は変更されません」 (東海市, 松戸市, 高崎市);
- only before the card's expiry (「マイナンバーカードが有効期限内であること」 上板町; 葛城市, 芦屋市: after
  it, a 再交付 that is paid — core/fees.py, reason "Lapsed");
- never past the 10th (5th) birthday after this card's 発行日: 高崎市 「最長でもカード発行日から10回目
  （カード発行時18歳未満の方は5回目）の誕生日まで」, 東海市, 対馬市 (Nagasaki) 「最初のカード発行日から
  10回目の誕生日を超える更新はできません…カード再交付申請が必要」 — the cap is validity.card_expiry
  without the end of stay (the 2022 age switch by 申請受付日 included);
- only when the 追記欄 has room: 上板町 「カードの券面（追記欄）に余白があること」, 安芸高田市 「追記欄に
  余白がない場合は…カード更新の手続」 (core/fees.py, reason "Additional Field Full", free);
- the e-certificates are not extended: 「電子証明書の有効期限は変更できないため、ご希望であれば、新たな
  電子証明書の発行手続き」 (上板町, 山陽小野田市). Sources differ on the old ones: they keep their expiry
  (上板町) or lapse at the change (雲仙市 「有効期限の更新処理を行うと、電子証明書については自動で失効」);
  kept here, as the ledger cannot tell J-LIS's side (UNCONFIRMED). New ones run as any certificate
  issued that day (validity.certificate_expiry), capped by the new card expiry.
- free of charge (石巻市, 高島市 「無料」).

特例期間 (the application at 入管 is still pending when the stay ends):
- 葛城市 「特例措置として、マイナンバーカードの有効期限を現在の在留期間満了日から2ヵ月後まで延長することが
  できます。ただし、特例期間の再延長はできない」; 東海市 「有効期間がすでに切れている場合この手続きは
  できません」; after the grant, a 有効期間変更 to the new end;
- 入管法: the stay lasts until the decision or 「在留期間の満了の日から二月が経過する日が終了する時」, the
  earlier: two months counted from the day after the end (民法140・143条);
- proof (加西市, 葛城市, 雲仙市): the 在留カード with 「在留期間更新許可申請中」 stamped on its back, or the
  receipt mail of the 在留申請オンラインシステム.

特定在留カード / 特定特別永住者証明書 (from 2026-06-14, 出入国在留管理庁 moj.go.jp/isa/tokutei.html): a
在留カード (特別永住者証明書) that is also the My Number card, applied for at the 地方出入国在留管理局 or
with a 転入届 at the town; optional. What follows for the ledger:
- its validity follows the residence card (it is one card); the expiry printed on it is the one to
  enter. How long the 永住者' one runs (ofune-office: 10th birthday after issue under the 2024 改正)
  is UNCONFIRMED here and left to the printed expiry;
- the town's 有効期間変更 does not apply: a renewal of the stay at 入管 renews the card itself
  (akiyama-gyouseishoshi, gyousei-terazono: secondary pages; ISA's own Q&A not retrieved — UNCONFIRMED);
- whether the town may extend it for a 特例期間 (ISA Q5-3) is UNCONFIRMED; a third-party summary says
  the town still extends it while the application is pending, so it is allowed here;
- how it reaches the holder (J-LIS delivery to the town, or 入管) is UNCONFIRMED: the card kind is
  recorded, the delivery path is not assumed.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from mynumber_card.core import validity

# What kind of card this is (the card's `card_kind`).
MY_NUMBER_CARD = "My Number Card"  # 個人番号カード
SPECIFIED_RESIDENCE_CARD = "Specified Residence Card"  # 特定在留カード
SPECIFIED_SPECIAL_PERMANENT = "Specified Special Permanent Resident Certificate"  # 特定特別永住者証明書
CARD_KINDS = (MY_NUMBER_CARD, SPECIFIED_RESIDENCE_CARD, SPECIFIED_SPECIAL_PERMANENT)
# Made with the residence card at 入管: the stay's renewal renews the card, not the town.
WITH_RESIDENCE_CARD = (SPECIFIED_RESIDENCE_CARD, SPECIFIED_SPECIAL_PERMANENT)
SPECIFIED_CARDS_FROM = date(2026, 6, 14)  # 出入国在留管理庁: 令和8年6月14日から

SPECIAL_PERIOD_MONTHS = 2
# What shows that the application at 入管 is pending (加西市, 葛城市).
PENDING_PROOFS = (
	"Pending Stamp on Residence Card",  # 在留カード裏面の「在留期間更新（変更）許可申請中」スタンプ
	"Online Application Receipt",  # 在留申請オンラインシステムの受付メール
)


@dataclass(frozen=True)
class Card:
	"""What the rules need to know of an issued card."""

	birth_date: date
	issue_date: date  # this card's 発行日
	expires: date  # its expiry now (after any earlier change)
	application_date: date | None = None  # 申請受付日, for the 2022 age switch
	kind: str = MY_NUMBER_CARD
	residence_expiry: date | None = None  # the end of stay on record
	status: str | None = None  # validity.RESIDENCE_STATUSES code
	generation: validity.Generation = validity.CURRENT

	@property
	def stay(self) -> validity.Stay:
		return validity.Stay(self.residence_expiry, self.status)


class ResidenceRuleError(ValueError):
	"""Why the service cannot be done; `code` is one of the constants below."""

	def __init__(self, code: str):
		super().__init__(code)
		self.code = code


CARD_EXPIRED = "card_expired"  # a 再交付 (paid) instead
NO_SPACE = "no_space"  # a 再交付 (reason: 追記欄満欄, free) instead
WITH_RESIDENCE_CARD_KIND = "with_residence_card"  # 特定在留カード: 入管 renews it
END_OF_STAY_MISSING = "end_of_stay_missing"
NOT_LATER = "not_later"  # the new end of stay does not extend the card
AT_CAP = "at_cap"  # the card already runs to the birthday cap: a 再交付 (更新) instead
SPECIAL_PERIOD_USED = "special_period_used"
PROOF_MISSING = "proof_missing"
NOT_LIMITED_BY_STAY = "not_limited_by_stay"  # the card ends before the stay: nothing to bridge


def birthday_cap(card: Card) -> date:
	"""The furthest a change may take the card: the 10th (5th) birthday after its own 発行日."""
	return validity.card_expiry(
		card.birth_date, card.issue_date, application_date=card.application_date, generation=card.generation
	)


def period_end(last_day: date, months: int) -> date:
	"""The last day of a period of `months` months that starts the day after `last_day` (民法140条:
	the first day is not counted; 143条 as validity.months_period_end). 2025-03-31 + 2 months →
	2025-05-31; 2025-02-28 → 2025-04-30."""
	return validity.months_period_end(last_day + timedelta(days=1), months)


def changed_expiry(
	card: Card,
	on: date,
	new_end_of_stay: date | None,
	*,
	space_left: bool,
	new_status: str | None = None,
) -> date:
	"""The card's expiry after a 有効期間変更 on `on` for the new end of stay (or the new status: one
	without an end of stay, e.g. 永住者 after a 在留資格変更, runs to the birthday cap)."""
	if card.kind in WITH_RESIDENCE_CARD:
		raise ResidenceRuleError(WITH_RESIDENCE_CARD_KIND)
	if on > card.expires:
		raise ResidenceRuleError(CARD_EXPIRED)
	if not space_left:
		raise ResidenceRuleError(NO_SPACE)
	cap = birthday_cap(card)
	if validity.residence_capped(new_status or card.status):
		if not new_end_of_stay:
			raise ResidenceRuleError(END_OF_STAY_MISSING)
		if new_end_of_stay <= card.expires:
			raise ResidenceRuleError(NOT_LATER)
		new_expiry = min(new_end_of_stay, cap)
	else:
		new_expiry = cap
	if new_expiry <= card.expires:
		raise ResidenceRuleError(AT_CAP)
	return new_expiry


def special_period_expiry(card: Card, on: date, *, proof: str | None, special_period_used: bool) -> date:
	"""The card's expiry when the application at 入管 is pending: two months past the end of stay,
	once, on a card that still runs and that ends with the stay."""
	if on > card.expires:
		raise ResidenceRuleError(CARD_EXPIRED)
	if special_period_used:
		raise ResidenceRuleError(SPECIAL_PERIOD_USED)
	if proof not in PENDING_PROOFS:
		raise ResidenceRuleError(PROOF_MISSING)
	if not card.residence_expiry:
		raise ResidenceRuleError(END_OF_STAY_MISSING)
	if not validity.residence_capped(card.status) or card.expires < card.residence_expiry:
		raise ResidenceRuleError(NOT_LIMITED_BY_STAY)
	new_expiry = min(period_end(card.residence_expiry, SPECIAL_PERIOD_MONTHS), birthday_cap(card))
	if new_expiry <= card.expires:
		raise ResidenceRuleError(AT_CAP)
	return new_expiry


def new_certificate_expiry(
	birth_date: date,
	on: date,
	new_card_expiry: date,
	old_certificate: date | None,
	generation: validity.Generation = validity.CURRENT,
) -> date:
	"""E-certificates issued at a 有効期間変更: as any issued that day (the 6th birthday when the old
	one had fewer than 3 months left: validity.renewed_in_window), never past the new card expiry."""
	return validity.certificate_expiry(
		birth_date,
		on,
		new_card_expiry,
		renewed_in_window=validity.renewed_in_window(old_certificate, on, generation),
		generation=generation,
	)


# What the renewal letter tells a holder to do.
RENEW_CARD = "renew_card"  # apply for a new card (更新)
CHANGE_VALIDITY = "change_validity"  # come with the new 在留カード for a 有効期間変更 before the expiry
RENEW_AT_IMMIGRATION = "renew_at_immigration"  # 特定在留カード: renewed with the stay at 入管


def renewal_action(card: Card) -> str:
	"""A card that ends with the stay is kept going by a 有効期間変更, not a new card; J-LIS sends these
	holders no expiry notice (松戸市 「在留期間満了に伴うマイナンバーカードの有効期限切れをお知らせする通知は
	送付されません」; 敦賀市 「在留期間の定めがない外国人住民を除き、有効期限通知書は送付されません」)."""
	if card.kind in WITH_RESIDENCE_CARD:
		return RENEW_AT_IMMIGRATION
	if ends_with_stay(card):
		return CHANGE_VALIDITY
	return RENEW_CARD


def ends_with_stay_on_record(residence_expiry: date | None, status: str | None) -> bool:
	"""Whether the card form offers 有効期間変更 and 特例期間: an end of stay is recorded and caps the card."""
	return validity.Stay(residence_expiry, status).caps_card


def ends_with_stay(card: Card) -> bool:
	"""The card's expiry is the end of stay (or a 特例期間 past it), not the birthday cap."""
	return card.stay.caps_card and card.expires < birthday_cap(card)
