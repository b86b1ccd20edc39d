"""The Card Scanner's modes: which kinds of code each takes, and the step the one-step modes make."""

from mynumber_card.core import barcodes, lifecycle

_CARD_CODES = (barcodes.APPLICATION_ID, barcodes.NOTICE_NUMBER)
ACCEPTS = {
	"Intake": (barcodes.APPLICATION_ID,),  # a new card is known only by its 申請書ID
	"Prepared": _CARD_CODES,
	"Notice Sent": _CARD_CODES,
	"Mailed": _CARD_CODES,  # a batch of cards mailed by the town (申請時来庁方式)
	"Returned by Post": _CARD_CODES,  # a box of cards the post brought back
	"Returned Notice": _CARD_CODES,  # a box of 交付通知書 returned undeliverable (返戻)
	# the confirmation's QR holds the check-in code; staff may also type the booking number
	"Check-in": (barcodes.CHECK_IN_CODE, barcodes.BOOKING_CODE),
	"Issue": _CARD_CODES,
	"Disposal": _CARD_CODES,
	"Lookup": (*_CARD_CODES, barcodes.BOOKING_CODE, barcodes.CHECK_IN_CODE),
}
# The modes in the order the page offers them: ACCEPTS's order.
MODES = tuple(ACCEPTS)
# Modes that move a card one step along: (the state it must be in, the state it goes to).
STEP_MODES = {
	"Prepared": (lifecycle.RECEIVED, lifecycle.PREPARED),
	"Notice Sent": (lifecycle.PREPARED, lifecycle.NOTICE_SENT),
	"Mailed": (lifecycle.PREPARED, lifecycle.MAILED),
	"Returned by Post": (lifecycle.MAILED, lifecycle.MAIL_RETURNED),
}
# What the page asks the clerk for besides the code in a mode, named by the scan endpoint's argument.
ASKS = {"Intake": "delivery", "Issue": "override_reason", "Disposal": "staff_2"}
# Modes that only read: a scan in them changes nothing, so there is nothing to undo.
READ_ONLY = ("Lookup",)
# Modes whose scans the page may queue and send together (a delivery's box, a stack of notices): each
# code needs nothing from the clerk but the code. Check-in, Issue, Disposal and Lookup answer one
# person at the counter, one code at a time.
BATCHED = ("Intake", "Prepared", "Notice Sent", "Mailed", "Returned by Post", "Returned Notice")


def accepts(mode: str, kind: str) -> bool:
	return kind in ACCEPTS.get(mode, ())


def page_modes() -> list[dict]:
	"""The modes as the Card Scanner page gets them through boot, in order (the first is the default),
	so that the page holds no mode name of its own."""
	return [{"name": mode, "asks": ASKS.get(mode), "batched": mode in BATCHED} for mode in MODES]
