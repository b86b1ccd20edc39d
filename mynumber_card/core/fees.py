"""What a new card costs (再交付手数料), whether J-LIS may make it at once (特急発行), and what happens to
the old card at the application: one table, row by reissue reason (core/reasons.REISSUE_REASONS).

The amounts are the town's (手数料条例): settings whose defaults are the amounts every town page
states — card 800円, e-certificates 200円 (川俣町, 彦根市, 銚子市); with 特急 the card fee is 1,800円
instead of 800円, so 2,000円 with certificates and 1,800円 without (明和町 「特急発行の再交付手数料は、
2,000円（電子証明書の発行を希望しない場合は、1,800円）」; 大江町 「内訳：特急発行1,800円+電子証明書
発行200円」). It is one fee, not 800 + 1,000: the totals are the same today, not once a town changes one.

Free (越前町, 輪之内町, 幕別町, 中頓別町, 山都町; the general clause 「市区町村もしくは機構に誤りがあった
場合または天災その他本人の責めによらない場合には、無料」): a renewal with the old card handed back, a full
追記欄, a changed 個人番号・住民票コード, the new card after coming back from abroad (国外転出 with the card
returned, then a new 住民登録), a name changed by 特別養子縁組, a changed 性別, 天災 and other causes that
are not the holder's fault, an error by the town or J-LIS (誤失効). Free under 特急 too (中頓別町).
Paid: loss, burning, damage; a card that lapsed (90 days without 継続利用, no 転入届 after 転出, 住民票消除,
no 有効期間変更 before the 在留期間 ended); after a voluntary return; the holder's own wish.

A renewal whose old card cannot be handed back is paid like a loss: 彦根市 「今のカードを紛失などして
いる場合は、新しいカードは手数料有料（カード800円+電子証明書200円）」, 小諸市 「紛失と同じ取り扱い」.
A stolen card: 山都町 lists 盗難 as free, 葛飾区 「被害届受理番号により確認できた場合は無料」; most towns
say nothing — a town setting (default free, with the 被害届 number on the record).

特急 may be asked for (明和町, ふじみ野市): 1歳未満, 国外転入, 紛失, 中長期在留者等の新規記載, 番号変更,
焼失・損傷・機能喪失・誤失効, 追記欄満欄, 無戸籍等, 刑事施設等. A renewal is not on the list.

The old card: for a renewal it stays valid until it is exchanged for the new one at the counter
(彦根市 「新しいカードは今のカードと交換でのお渡し…今のカードは交換の時まで大切に保管」, 広島市
「更新前のカードは、その際に返納のため回収」); for every other reason it is 廃止 at the application
(生駒市 「継続更新以外で再交付のお手続きをされる場合は、事前にマイナンバーカード廃止のお手続き」).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Fees:
	"""The town's amounts (MyNumber Card Settings; these defaults equal the JSON's)."""

	card: int = 800  # カード再交付手数料
	certificate: int = 200  # 電子証明書発行手数料
	express_card: int = 1800  # 特急発行のカード手数料（800円に代えて）
	stolen_free: bool = True  # 盗難による再交付を無料とする（被害届の受理番号を記録）


@dataclass(frozen=True)
class ReissueRule:
	free: bool  # nothing to pay, 特急 or not
	express_reason: str | None = None  # the 特急 reason (reasons.EXPRESS_REASONS), None: no 特急
	keeps_old_card: bool = False  # the old card stays valid until it is exchanged for the new one


RENEWAL = "Renewal"
RENEWAL_WITHOUT_OLD_CARD = "Renewal without Old Card"
STOLEN = "Stolen"
OTHER = "Other"

REISSUE_RULES = {
	RENEWAL: ReissueRule(free=True, keeps_old_card=True),
	RENEWAL_WITHOUT_OLD_CARD: ReissueRule(free=False),
	"Additional Field Full": ReissueRule(free=True, express_reason="Additional Field Full"),
	"Number Changed": ReissueRule(free=True, express_reason="Number Changed"),
	"Re-entry from Abroad": ReissueRule(free=True, express_reason="Moved in from Abroad"),
	"Name Changed by Special Adoption": ReissueRule(free=True),
	"Gender Changed": ReissueRule(free=True),
	"Disaster": ReissueRule(free=True, express_reason="Damaged Card"),
	"Office Error": ReissueRule(free=True, express_reason="Damaged Card"),
	STOLEN: ReissueRule(free=True, express_reason="Lost Card"),  # free per the town's setting
	"Lost": ReissueRule(free=False, express_reason="Lost Card"),
	"Damaged": ReissueRule(free=False, express_reason="Damaged Card"),
	"Lapsed": ReissueRule(free=False),
	"After Voluntary Return": ReissueRule(free=False),
	"Holder's Wish": ReissueRule(free=False),
	OTHER: ReissueRule(free=False),
}

# Reasons whose old card is already gone (returned at 国外転出, or by the holder's choice): a new card
# may be applied for on a returned card only for these.
AFTER_RETURN = ("Re-entry from Abroad", "After Voluntary Return", OTHER)


def rule_for(reason: str | None) -> ReissueRule:
	return REISSUE_RULES.get(reason or "", REISSUE_RULES[OTHER])


def is_free(fees: Fees, reason: str | None) -> bool:
	if reason == STOLEN:
		return fees.stolen_free
	return rule_for(reason).free


def card_fee(fees: Fees, reason: str | None, with_certificates: bool, express: bool) -> int:
	"""What the holder pays for a card. No reason: a first card, which costs nothing (特急 or not:
	中頓別町 「1歳未満、国外転入…無料」)."""
	if reason is None or is_free(fees, reason):
		return 0
	return (fees.express_card if express else fees.card) + (fees.certificate if with_certificates else 0)


def express_reason_for(reason: str | None) -> str | None:
	"""The 特急 reason for a reissue, or None when J-LIS would not make it at once."""
	return rule_for(reason).express_reason if reason else None


def keeps_old_card(reason: str | None) -> bool:
	return rule_for(reason).keeps_old_card if reason else False


# Why a reissue cannot be recorded as chosen (the shell turns the codes into messages).
RENEWAL_NEEDS_OLD_CARD = "renewal_needs_old_card"
RENEWAL_NOT_DUE = "renewal_not_due"
CARD_RETURNED = "card_returned"
EXPRESS_NOT_FOR_REASON = "express_not_for_reason"
STOLEN_NEEDS_REPORT = "stolen_needs_report"


def reissue_problem(
	reason: str,
	card_state_held: bool,
	card_returned: bool,
	renewal_due: bool,
	express: bool,
	police_report: bool,
	fees: Fees,
) -> str | None:
	"""Why a reissue for this reason cannot be recorded, or None. `card_state_held`: the card is with
	its holder and valid (Issued); `renewal_due`: fewer than three months to its expiry, or expired."""
	if card_returned and reason not in AFTER_RETURN:
		return CARD_RETURNED
	if reason == RENEWAL:
		if not card_state_held:
			return RENEWAL_NEEDS_OLD_CARD  # suspended, revoked: 「更新（旧カードなし）」, paid
		if not renewal_due:
			return RENEWAL_NOT_DUE  # earlier than three months: the holder's wish, paid
	if express and not express_reason_for(reason):
		return EXPRESS_NOT_FOR_REASON
	if reason == STOLEN and fees.stolen_free and not police_report:
		return STOLEN_NEEDS_REPORT  # 葛飾区: free when the 被害届 number confirms it
	return None


# Why a fee differs from the table (a Card Manager's correction, kept on the record).
FEE_NEGATIVE = "fee_negative"
FEE_CHANGED_BY_CLERK = "fee_changed_by_clerk"
FEE_REASON_MISSING = "fee_reason_missing"


def fee_correction_problem(
	computed: int, fee: int | None, correction_reason: str | None, is_manager: bool
) -> str | None:
	"""A fee other than the table's is a manager's correction with its reason; None when allowed."""
	if fee is None or fee == computed:
		return None
	if fee < 0:
		return FEE_NEGATIVE
	if not is_manager:
		return FEE_CHANGED_BY_CLERK
	if not (correction_reason or "").strip():
		return FEE_REASON_MISSING
	return None
