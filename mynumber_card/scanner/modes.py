"""What a scan does in each mode of the Card Scanner page. One scan is one transaction: the change
and its Card Scan Log are saved together, or the change is rolled back and only the log stays."""

import frappe
from frappe.utils import getdate, now_datetime, pretty_date

from mynumber_card.booking.links import booking_for_check_in
from mynumber_card.core import barcodes, booking_states, handover, lifecycle, scan_modes
from mynumber_card.core.dates import age_on
from mynumber_card.counter_queue.check_in import AlreadyCheckedIn, CheckInRefused
from mynumber_card.counter_queue.check_in import check_in as check_booking_in
from mynumber_card.ledger import deliveries, pickup
from mynumber_card.ledger.notices import NoNoticeOut, record_returned_notice
from mynumber_card.ledger.transitions import apply_system_transition
from mynumber_card.roles import is_manager

# the scanner's fixed texts, translated once per process (Frappe's `_` loads every text each request)
from mynumber_card.utils.kept_translations import translate as _
from mynumber_card.utils.rows import first_row

CARD = "MyNumber Card"
BOOKING = "Card Booking"
SAVEPOINT = "scan"  # taken before each mode's handler; a refused scan rolls back to it
SUMMARY_FIELDS = (
	"name",
	"full_name",
	"full_name_kana",
	"workflow_state",
	"notice_number",
	"application_id",
	"delivery",
)


class ScanRefused(frappe.ValidationError):
	"""The scan cannot be carried out; its message is shown to the clerk in red."""

	def __init__(self, message: str, card: str | None = None, handover: bool = False):
		super().__init__(message)
		self.card = card
		self.handover = handover  # the page asks who received the card, then scans again


class Outcome(dict):
	"""What the page shows: result (OK / Repeated / Refused), a message, and the records touched.

	`message` is stored in the Card Scan Log, so it never names a resident (the log outlives the
	retention period of the booking it links to); `display`, when given, is what the page shows
	instead, names included, and is not stored."""


def find_card(scan: barcodes.ScanResult) -> str | None:
	field = "application_id" if scan.kind == barcodes.APPLICATION_ID else "notice_number"
	row = first_row(CARD, {field: scan.value}, ("name",))
	return row.name if row else None


def card_summary(name: str | None) -> dict | None:
	if not name:
		return None
	# a locking read also sees a card another clerk has just committed
	return summary_of(first_row(CARD, {"name": name}, SUMMARY_FIELDS, for_update=True))


def summary_of(card) -> frappe._dict:
	"""What the page shows of a card, from its row or its document."""
	row = frappe._dict({field: card.get(field) for field in SUMMARY_FIELDS})
	row["state_label"] = lifecycle.STATE_LABELS_JA.get(row.workflow_state, row.workflow_state)
	return row


def first_registration(card: str) -> str:
	"""When and by whom a card was first scanned in, for the 'already registered' message."""
	log = frappe.db.get_value(
		"Card Scan Log",
		{"card": card, "result": "OK", "mode": "Intake", "undone": 0},
		["scanned_at", "user"],
		as_dict=True,
		order_by="scanned_at asc",
	)
	if log:
		return _("{0} by {1}").format(pretty_date(log.scanned_at), frappe.utils.get_fullname(log.user))
	created = frappe.db.get_value(CARD, card, ["creation", "owner"], as_dict=True)
	return _("{0} by {1}").format(pretty_date(created.creation), frappe.utils.get_fullname(created.owner))


def intake(scan, delivery: str | None, **_kw) -> Outcome:
	if not deliveries.is_open(delivery):
		raise ScanRefused(_("Choose an open J-LIS delivery first."))
	existing = find_card(scan)
	if existing:
		return Outcome(
			result="Repeated",
			card=existing,
			message=_("Already registered ({0}). Nothing was changed.").format(first_registration(existing)),
		)
	card = frappe.get_doc({"doctype": CARD, "application_id": scan.value, "delivery": delivery})
	# Its links are the open delivery just read and what before_insert takes from rows it reads
	# (the application, the replaced card): Frappe's link check would read them once more.
	card.flags.ignore_links = True
	try:
		card.insert()  # takes the next storage place and links a reissue (MyNumberCard.before_insert)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# Another clerk took the same card in at this very moment: theirs stands. A locking read
		# sees their committed card, which this transaction's snapshot does not. Nothing before the
		# insert wrote, so the scan's own savepoint is where to go back to.
		frappe.db.rollback(save_point=SAVEPOINT)
		existing = frappe.db.get_value(CARD, {"application_id": scan.value}, "name", for_update=True)
		return Outcome(
			result="Repeated", card=existing, message=_("Already registered by another clerk just now.")
		)
	return Outcome(
		result="OK",
		card=card.name,
		card_row=summary_of(card),  # the page's answer, without reading the new card back
		created_card=1,
		state_before=None,
		message=_("Registered as received. Keep it in box {0}, position {1}.").format(
			card.storage_box, card.storage_position
		),
	)


def step(scan, mode: str, **_kw) -> Outcome:
	name = require_card(scan)
	before, after = scan_modes.STEP_MODES[mode]
	card = frappe.get_doc(CARD, name, for_update=True)
	if card.workflow_state == after:
		return Outcome(
			result="Repeated", card=name, message=_("Already {0}. Nothing was changed.").format(_(after))
		)
	if card.workflow_state != before:
		raise ScanRefused(
			_("This card is {0}: it cannot become {1}.").format(_(card.workflow_state), _(after)), name
		)
	card.workflow_state = after
	card.save()
	return Outcome(result="OK", card=name, state_before=before, message=_("Now {0}.").format(_(after)))


def checked_in_log_message() -> str:
	"""The stored text of a check-in: the log links to the booking, the name stays on the booking only.
	The retention job writes the same text over the names in logs made before."""
	return _("Checked in.")


def booking_named_by(scan) -> str:
	"""The booking a scan names: the confirmation's check-in code when it is good and current (any
	day: staff decide), or the booking number a clerk typed."""
	if scan.kind == barcodes.CHECK_IN_CODE:
		booking = booking_for_check_in(scan.value)
		if not booking:
			raise ScanRefused(
				_(
					"This QR code is not valid: the booking was changed or cancelled since it was sent, or the code is not this town's. Type the booking number instead."
				)
			)
		return booking.name
	if not frappe.db.exists(BOOKING, scan.value):
		raise ScanRefused(_("No booking {0}.").format(scan.value))
	return scan.value


def check_in(scan, **_kw) -> Outcome:
	"""The clerk's scan checks the booking in where the kiosk does (counter_queue/check_in.py)."""
	booking = frappe.get_doc(BOOKING, booking_named_by(scan), for_update=True)
	try:
		check_booking_in(booking, by_staff=True)
	except AlreadyCheckedIn:
		return Outcome(result="Repeated", booking=booking.name, message=_("Already checked in."))
	except CheckInRefused as refusal:
		if refusal.key == "wrong_state":
			raise ScanRefused(_("This booking is {0}.").format(_(booking.workflow_state))) from None
		raise ScanRefused(refusal.message) from None
	return Outcome(
		result="OK",
		booking=booking.name,
		booking_state_before=booking_states.CONFIRMED,
		message=checked_in_log_message(),
		display=_("Checked in: {0}, {1}").format(booking.full_name, booking.purpose),
	)


def checked_in_booking(card: str) -> str | None:
	return pickup.booking_for_card(card, (booking_states.CHECKED_IN,))


def issue(scan, override_reason: str | None = None, handover_values: dict | None = None, **_kw) -> Outcome:
	"""Hand the card over. For a proxy or a legal representative the page first asks who came and what
	they showed (public/js/handover_dialog.js) and sends it with the scan; the card's own save checks
	it (ledger/transitions.check_handover)."""
	name = require_card(scan)
	card = frappe.get_doc(CARD, name, for_update=True)
	if card.workflow_state == lifecycle.ISSUED:
		return Outcome(result="Repeated", card=name, message=_("Already handed over. Nothing was changed."))
	booking = checked_in_booking(name)
	before = card.workflow_state
	if handover_values:
		card.update(checked_handover_values(handover_values))
	else:
		ask_who_came(card, booking)
	if booking and before == lifecycle.BOOKED:
		card.workflow_state = lifecycle.ISSUED
		card.save()
		finish_booking_if_done(booking)
		return Outcome(
			result="OK", card=name, booking=booking, state_before=before, message=_("Handed over.")
		)
	if not override_reason or not is_manager():
		raise ScanRefused(
			_("Check in the booking first. Without one, only a Card Manager can hand over, giving a reason."),
			name,
		)
	card.workflow_state = lifecycle.ISSUED
	card.remarks = "\n".join(
		filter(
			None, [card.remarks, _("Handed over without a checked-in booking: {0}").format(override_reason)]
		)
	)
	card.save()
	return Outcome(
		result="OK", card=name, state_before=before, message=_("Handed over by a manager's decision.")
	)


def ask_who_came(card, booking: str | None):
	"""A scan alone hands the card to its holder. When a proxy was booked, or the holder is under 15 or
	under guardianship (a 法定代理人 comes with them), the page must ask who came first."""
	if booking and frappe.db.get_value(BOOKING, booking, "proxy_coming"):
		raise ScanRefused(
			_("A proxy comes for this booking: record who received the card and what they showed."),
			card.name,
			handover=True,
		)
	birth = getdate(card.birth_date) if card.birth_date else None
	if birth and handover.needs_legal_representative(
		age_on(birth, getdate()), bool(card.holder_under_guardianship)
	):
		raise ScanRefused(
			_(
				"The holder is under 15 or under guardianship: record the legal representative who came with them."
			),
			card.name,
			handover=True,
		)


def checked_handover_values(values: dict) -> dict:
	"""Only the fields the Issue action records (core/lifecycle.ACTION_FIELDS)."""
	allowed = lifecycle.ACTION_FIELDS["Issue"]
	if not isinstance(values, dict) or set(values) - set(allowed):
		raise ScanRefused(_("Unexpected input."))
	return values


def finish_booking_if_done(booking_name: str):
	booking = frappe.get_doc(BOOKING, booking_name)
	cards = booking.pickup_cards()
	states = {frappe.db.get_value(CARD, c, "workflow_state") for c in cards}
	if states == {lifecycle.ISSUED}:
		booking.workflow_state = booking_states.COMPLETED
		booking.save()


def dispose(scan, staff_2: str | None = None, **_kw) -> Outcome:
	name = require_card(scan)
	card = frappe.get_doc(CARD, name, for_update=True)
	if card.workflow_state == lifecycle.DISPOSED:
		return Outcome(result="Repeated", card=name, message=_("Already disposed. Nothing was changed."))
	card.disposal_staff_1 = frappe.session.user
	card.disposal_staff_2 = staff_2
	before = card.workflow_state
	card.workflow_state = lifecycle.DISPOSED
	card.save()  # the lifecycle table and the two-staff rule decide, with their own messages
	return Outcome(result="OK", card=name, state_before=before, message=_("Disposed."))


def returned_notice(scan, **_kw) -> Outcome:
	name = require_card(scan)
	card = frappe.get_doc(CARD, name, for_update=True)
	try:
		recorded = record_returned_notice(card)
	except NoNoticeOut as refused:
		frappe.clear_last_message()
		raise ScanRefused(str(refused), name) from None
	if not recorded:
		return Outcome(
			result="Repeated",
			card=name,
			message=_("Returned notice already recorded on {0}. Nothing was changed.").format(
				frappe.format(card.notice_returned_date, "Date")
			),
		)
	return Outcome(result="OK", card=name, message=_("Returned notice recorded."))


def undo_returned_notice(card: str):
	doc = frappe.get_doc(CARD, card, for_update=True)
	doc.notice_returned_date = None
	doc.save(ignore_permissions=True)


def lookup(scan, **_kw) -> Outcome:
	if scan.kind in (barcodes.BOOKING_CODE, barcodes.CHECK_IN_CODE):
		name = booking_named_by(scan)
		state = frappe.db.get_value(BOOKING, name, "workflow_state")
		return Outcome(result="OK", booking=name, message=_("Booking: {0}").format(_(state)))
	name = require_card(scan)
	return Outcome(
		result="OK", card=name, message=_("Card: {0}").format(_(card_summary(name).workflow_state))
	)


def require_card(scan) -> str:
	name = find_card(scan)
	if not name:
		raise ScanRefused(_("No card with this code in the ledger."))
	return name


# One handler per mode of core's MODES (a site test keeps them equal); the one-step modes from core too.
HANDLERS = {
	"Intake": intake,
	**dict.fromkeys(scan_modes.STEP_MODES, step),
	"Returned Notice": returned_notice,
	"Check-in": check_in,
	"Issue": issue,
	"Disposal": dispose,
	"Lookup": lookup,
}


def undo_card(card: str, state_before: str | None, created: bool):
	if created:
		frappe.delete_doc(CARD, card, force=True)  # its scan logs keep the name, as an audit trail should
		return
	doc = frappe.get_doc(CARD, card, for_update=True)
	if doc.workflow_state == lifecycle.MAILED:
		doc.mail_count = max((doc.mail_count or 1) - 1, 0)
	doc.set(lifecycle.STATE_DATE_FIELDS[doc.workflow_state], None)
	doc.flags.undo_to = state_before
	apply_system_transition(doc, state_before, _("Scan undone at {0}").format(now_datetime()))
