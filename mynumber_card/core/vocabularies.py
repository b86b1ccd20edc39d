"""The closed lists that several doctypes share. Each has one home: a small doctype whose records ship
as fixtures (fixtures/<doctype>.json, named by the values here, in this order), and the fields that
hold one of them are Links to it. The rules read the lists from core; static tests keep the fixture
files equal to them and keep a Select copy of them out of every doctype. translations/ja.csv gives
the Japanese, which the desk shows for these records (their doctypes are translated doctypes)."""

from mynumber_card.core import handover, reasons, validity

RESIDENCE_STATUS = "Residence Status"
EXPRESS_ISSUE_REASON = "Express Issue Reason"
CARD_REVOCATION_REASON = "Card Revocation Reason"
CARD_RETURN_REASON = "Card Return Reason"
PROOF_OF_AUTHORITY = "Proof of Authority"

# Vocabulary doctype → its records' names, in the order staff see them.
RECORDS = {
	RESIDENCE_STATUS: validity.RESIDENCE_STATUS_CODES,
	EXPRESS_ISSUE_REASON: reasons.EXPRESS_REASONS,
	CARD_REVOCATION_REASON: reasons.REISSUE_REASONS,
	CARD_RETURN_REASON: reasons.RETURN_REASONS,
	PROOF_OF_AUTHORITY: handover.AUTHORITY_PROOFS,
}

# Doctype → its fields that link to a vocabulary (fieldname → vocabulary doctype).
LINK_FIELDS = {
	"MyNumber Card": {
		"residence_status": RESIDENCE_STATUS,
		"express_reason": EXPRESS_ISSUE_REASON,
		"revoke_reason": CARD_REVOCATION_REASON,
		"return_reason": CARD_RETURN_REASON,
		"authority_proof": PROOF_OF_AUTHORITY,
	},
	"Card Service": {
		"residence_status": RESIDENCE_STATUS,
		"new_residence_status": RESIDENCE_STATUS,
		"revoke_reason": CARD_REVOCATION_REASON,
		"return_reason": CARD_RETURN_REASON,
		"authority_proof": PROOF_OF_AUTHORITY,
	},
	"Card Application": {"express_reason": EXPRESS_ISSUE_REASON},
}


def matching(names: list[str], txt: str | None, translate) -> list[str]:
	"""The names, in their order, that contain `txt` as staff see it (translated) or as stored, ignoring
	case: what a Link field to a vocabulary offers while staff type."""
	needle = (txt or "").strip().casefold()
	return [n for n in names if needle in n.casefold() or needle in str(translate(n)).casefold()]
