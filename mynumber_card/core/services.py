"""Counter services on a card the holder already has (窓口手続): what each may be done on and what it
does to the card's state. The Card Service doctype records each visit; these rules decide. What a new
card costs: core/fees.py; a foreign resident's 有効期間変更 and 特例期間: core/residence.py."""

from mynumber_card.core import fees, lifecycle
from mynumber_card.core.handover import AUTHORISED_PROXY

PIN_RESET = "PIN Reset"  # 暗証番号の再設定
CERTIFICATE_RENEWAL = "Certificate Renewal"  # 電子証明書の更新
CERTIFICATE_REVOCATION = "Certificate Revocation"  # 電子証明書の失効
CARD_RETURN = "Card Return"  # 返納
LOSS_REPORT = "Loss Report"  # 紛失届（一時停止）
FOUND = "Card Found"  # 発見（一時停止の解除）
CARD_REVOCATION = "Card Revocation"  # 廃止
REISSUE_APPLICATION = "Reissue Application"  # 再交付申請
VALIDITY_CHANGE = "Validity Change"  # 有効期間変更（在留期間の更新・在留資格の変更の後）
SPECIAL_PERIOD = "Special Period Extension"  # 特例期間による有効期間の延長（在留審査中）

SERVICE_TYPES = (
	PIN_RESET,
	CERTIFICATE_RENEWAL,
	CERTIFICATE_REVOCATION,
	CARD_RETURN,
	LOSS_REPORT,
	FOUND,
	CARD_REVOCATION,
	REISSUE_APPLICATION,
	VALIDITY_CHANGE,
	SPECIAL_PERIOD,
)
# The services that move a foreign resident's card expiry (core/residence.py).
VALIDITY_SERVICES = (VALIDITY_CHANGE, SPECIAL_PERIOD)

# The card states each service can be done in.
ALLOWED_STATES = {
	PIN_RESET: (lifecycle.ISSUED,),
	CERTIFICATE_RENEWAL: (lifecycle.ISSUED,),
	CERTIFICATE_REVOCATION: (lifecycle.ISSUED, lifecycle.SUSPENDED),
	CARD_RETURN: (lifecycle.ISSUED,),
	LOSS_REPORT: (lifecycle.ISSUED,),
	FOUND: (lifecycle.SUSPENDED,),
	CARD_REVOCATION: (lifecycle.ISSUED, lifecycle.SUSPENDED),
	# a returned card too: the new card after 国外転出 or a voluntary return (core/fees.AFTER_RETURN)
	REISSUE_APPLICATION: (lifecycle.ISSUED, lifecycle.SUSPENDED, lifecycle.REVOKED, lifecycle.RETURNED),
	# only on a card still valid, in its holder's hands (高崎市, 東海市: 「有効期限内」)
	VALIDITY_CHANGE: (lifecycle.ISSUED,),
	SPECIAL_PERIOD: (lifecycle.ISSUED,),
}

# The card's state after the service (the move goes through the lifecycle table like any other).
STATE_AFTER = {
	CARD_RETURN: lifecycle.RETURNED,
	LOSS_REPORT: lifecycle.SUSPENDED,
	FOUND: lifecycle.ISSUED,
	CARD_REVOCATION: lifecycle.REVOKED,
	REISSUE_APPLICATION: lifecycle.REVOKED,  # but see state_after: a renewal keeps the old card
}
# States a card leaves for no one: a reissue on a card already revoked or returned moves nothing.
GONE = (lifecycle.REVOKED, lifecycle.RETURNED)


class ServiceNotAllowed(ValueError):
	pass


def check_service(service_type: str, card_state: str) -> None:
	if service_type not in ALLOWED_STATES:
		raise ServiceNotAllowed(service_type)
	if card_state not in ALLOWED_STATES[service_type]:
		raise ServiceNotAllowed(f"{service_type} on {card_state}")


def state_after(service_type: str, card_state: str | None, reason: str | None = None) -> str | None:
	"""The card's next state, or None when the service leaves it where it is. A renewal reissue
	keeps the old card valid (Issued, held) until it is exchanged for the new one at the counter;
	any other reissue ends it (廃止) at the application (core/fees.py)."""
	next_state = STATE_AFTER.get(service_type)
	if service_type == REISSUE_APPLICATION and (fees.keeps_old_card(reason) or card_state in GONE):
		return None
	return None if next_state == card_state else next_state


def services_for(card_state: str) -> list[str]:
	return [service for service in SERVICE_TYPES if card_state in ALLOWED_STATES[service]]


# A Card Service's status while the proxy's second visit is awaited (the service's Select option).
WAITING_FOR_SECOND_VISIT = "Waiting for Second Visit"


def needs_second_visit(service_type: str, visitor: str | None, inquiry_form_brought: bool = False) -> bool:
	"""A PIN reset by an 任意代理人 takes two visits: the town mails the 照会書兼回答書 to the holder,
	and the proxy comes back with the holder's answer (菊池市 「申請当日に手続きが完了しません」; 大阪狭山市,
	国立市). The holder, or a 法定代理人 with proof of authority (core/handover.service_visitor_problems),
	finishes on the day (菊池市 「本人または法定代理人が手続きする場合」; 日南市, 鹿嶋市, 上尾市).

	An e-certificate renewal by an 任意代理人 is done on the day when the proxy brings the 照会書兼回答書
	J-LIS sent with the expiry notice, filled in by the holder; without it the town mails one and the
	proxy comes back (横浜市 「既に…有効期限通知書…に同封の「照会書兼回答書」をお持ちの場合は…一度の来庁で」;
	桜川市 「任意代理人が手続きする場合（即日更新可能）…照会書兼回答書」; 上三川町)."""
	if visitor != AUTHORISED_PROXY:
		return False
	if service_type == PIN_RESET:
		return True
	return service_type == CERTIFICATE_RENEWAL and not inquiry_form_brought
