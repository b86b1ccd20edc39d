"""Counter services on a card the holder already has (窓口手続): what each may be done on, what it
does to the card, and what it costs. The Card Service doctype records each visit; these rules decide."""

from dataclasses import dataclass

from mynumber_card.core import lifecycle
from mynumber_card.core.handover import HOLDER

PIN_RESET = "PIN Reset"  # 暗証番号の再設定
CERTIFICATE_RENEWAL = "Certificate Renewal"  # 電子証明書の更新
CERTIFICATE_REVOCATION = "Certificate Revocation"  # 電子証明書の失効
CARD_RETURN = "Card Return"  # 返納
LOSS_REPORT = "Loss Report"  # 紛失届（一時停止）
FOUND = "Card Found"  # 発見（一時停止の解除）
CARD_REVOCATION = "Card Revocation"  # 廃止
REISSUE_APPLICATION = "Reissue Application"  # 再交付申請

SERVICE_TYPES = (
	PIN_RESET,
	CERTIFICATE_RENEWAL,
	CERTIFICATE_REVOCATION,
	CARD_RETURN,
	LOSS_REPORT,
	FOUND,
	CARD_REVOCATION,
	REISSUE_APPLICATION,
)

# The card states each service can be done in.
ALLOWED_STATES = {
	PIN_RESET: (lifecycle.ISSUED,),
	CERTIFICATE_RENEWAL: (lifecycle.ISSUED,),
	CERTIFICATE_REVOCATION: (lifecycle.ISSUED, lifecycle.SUSPENDED),
	CARD_RETURN: (lifecycle.ISSUED,),
	LOSS_REPORT: (lifecycle.ISSUED,),
	FOUND: (lifecycle.SUSPENDED,),
	CARD_REVOCATION: (lifecycle.ISSUED, lifecycle.SUSPENDED),
	REISSUE_APPLICATION: (lifecycle.ISSUED, lifecycle.SUSPENDED, lifecycle.REVOKED),
}

# The card's state after the service (the move goes through the lifecycle table like any other).
STATE_AFTER = {
	CARD_RETURN: lifecycle.RETURNED,
	LOSS_REPORT: lifecycle.SUSPENDED,
	FOUND: lifecycle.ISSUED,
	CARD_REVOCATION: lifecycle.REVOKED,
	REISSUE_APPLICATION: lifecycle.REVOKED,  # the old card ends when the new one is applied for
}

# Reasons for which a new card costs nothing (not the holder's fault; 総務省の手数料の取扱い).
FREE_REISSUE_REASONS = ("Stolen", "Disaster", "Renewal")


class ServiceNotAllowed(ValueError):
	pass


def check_service(service_type: str, card_state: str) -> None:
	if service_type not in ALLOWED_STATES:
		raise ServiceNotAllowed(service_type)
	if card_state not in ALLOWED_STATES[service_type]:
		raise ServiceNotAllowed(f"{service_type} on {card_state}")


def services_for(card_state: str) -> list[str]:
	return [service for service in SERVICE_TYPES if card_state in ALLOWED_STATES[service]]


def needs_second_visit(service_type: str, visitor: str | None) -> bool:
	"""A PIN reset for a proxy takes two visits: the town mails the 照会書 to the holder, and the
	proxy comes back with the holder's answer."""
	return service_type == PIN_RESET and (visitor or HOLDER) != HOLDER


@dataclass(frozen=True)
class Fees:
	card: int = 800  # カード再交付手数料
	certificate: int = 200  # 電子証明書発行手数料
	express: int = 1000  # 特急発行の加算


def reissue_fee(fees: Fees, reason: str | None, with_certificates: bool, express: bool) -> int:
	"""What the holder pays for a new card: nothing when it is not their fault."""
	if reason in FREE_REISSUE_REASONS:
		return 0
	return fees.card + (fees.certificate if with_certificates else 0) + (fees.express if express else 0)
