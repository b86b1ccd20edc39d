"""What a counter service (core/services.py) writes on the card, beyond its state: the fields it
copies, and for a reissue the data the new card carries over."""

from mynumber_card.core import services

# The card fields a service sets as the card enters its next state (same names on both doctypes).
REASON_FIELDS = {
	services.CARD_RETURN: ("return_reason",),
	services.LOSS_REPORT: ("loss_reported_via", "police_report_number"),
	services.CARD_REVOCATION: ("revoke_reason",),
	services.REISSUE_APPLICATION: ("revoke_reason",),
}

# Holder data a reissued card carries over from the old one. Not the end of stay: the new card is
# made with the 在留期間 known at its application (対馬市 「申請時の在留期間でマイナンバーカードは作成
# される」), which staff enter on the reissue from the 在留カード shown (RESIDENCE_FIELDS).
HOLDER_FIELDS = (
	"full_name",
	"full_name_kana",
	"birth_date",
	"postal_code",
	"address",
	"face_auth_card",
	"holder_under_guardianship",  # a ward's new card carries no 署名用 certificate either
)
# Reissue field → new card field: the residence as the 在留カード showed it at the application.
RESIDENCE_FIELDS = {
	"new_residence_status": "residence_status",
	"new_residence_expiry_date": "residence_expiry_date",
}
