"""What a counter service (core/services.py) writes on the card, beyond its state: the fields it
copies, and for a reissue the data the new card carries over and why J-LIS makes it at once."""

from mynumber_card.core import services

# The card fields a service sets as the card enters its next state (same names on both doctypes).
REASON_FIELDS = {
	services.CARD_RETURN: ("return_reason",),
	services.LOSS_REPORT: ("loss_reported_via", "police_report_number"),
	services.CARD_REVOCATION: ("revoke_reason",),
	services.REISSUE_APPLICATION: ("revoke_reason",),
}

# 特急発行 after a reissue (reasons.EXPRESS_REASONS): only a lost or destroyed card qualifies.
EXPRESS_REASON_FOR_REISSUE = {
	"Lost": "Lost Card",
	"Stolen": "Lost Card",
	"Damaged": "Damaged Card",
	"Disaster": "Damaged Card",
}

# Holder data a reissued card carries over from the old one.
HOLDER_FIELDS = (
	"full_name",
	"full_name_kana",
	"birth_date",
	"postal_code",
	"address",
	"residence_expiry_date",
	"face_auth_card",
)


def express_reason_for(reissue_reason: str | None) -> str | None:
	"""The express-issue reason for a reissue, or None when J-LIS would not make it at once."""
	return EXPRESS_REASON_FOR_REISSUE.get(reissue_reason or "")
