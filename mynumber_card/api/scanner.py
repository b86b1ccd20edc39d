"""The Card Scanner page's endpoints: one Card Scan Log per scan. A single scan is one request; the codes
the page queued (wedge or camera) and the codes of a photo are scanned in one request, each code behind
its own savepoint, so that a refused code rolls back alone and the others stand."""

import frappe
from frappe.utils import now_datetime

from mynumber_card.core import barcodes, scan_modes
from mynumber_card.core.decode import ImageTooLarge, NotAnImage, UnreadableImage, decode_bytes
from mynumber_card.ledger import deliveries
from mynumber_card.roles import staff_only
from mynumber_card.scanner import modes, town_rules

# the scanner's fixed texts, translated once per process (Frappe's `_` loads every text each request)
from mynumber_card.utils.kept_translations import translate as _
from mynumber_card.utils.rows import first_row
from mynumber_card.utils.series import series_options

BOOKING = "Card Booking"
MAX_CODE = 512
PHOTO_SCAN_LIMIT = 200
BATCH_LIMIT = 200  # codes the page sends at once (it sends every 20 codes or every second)

MESSAGES = {
	"individual_number": lambda: _(
		"This is an Individual Number (My Number). It is not read, kept or shown. Scan the application ID instead."
	),
	"ime_on": lambda: _("The Japanese input (IME) is on: switch it off (半角英数) and scan again."),
	"unknown": lambda: _("This code is not one the scanner knows."),
	"empty": lambda: _("Nothing was scanned."),
}


def scan_rules() -> barcodes.RulesThen:
	"""The built-in rules, then the town's own from MyNumber Card Settings (checked when saved). The
	booking rules (from Card Booking's naming series) and the town's are read only for a code that is
	no card's: reading Card Booking's meta was 2 % of a card's intake."""
	return barcodes.RulesThen(
		barcodes.default_rules(()),
		lambda: barcodes.booking_rules(series_options(BOOKING))
		+ barcodes.rules_from_config(town_rules.rows()),
	)


@frappe.whitelist(methods=["POST"])
@staff_only
def scan(
	mode: str,
	code: str,
	delivery: str | None = None,
	session_id: str = "",  # the page's own id, which groups its scans for undo
	override_reason: str | None = None,
	staff_2: str | None = None,
	handover: dict | str | None = None,  # who received the card and what they showed (Issue)
) -> dict:
	check_mode(mode)
	handover_values = frappe.parse_json(handover) if isinstance(handover, str) else handover
	return run_scan(
		mode, (code or "")[:MAX_CODE], delivery, session_id, override_reason, staff_2, handover_values
	)


def check_mode(mode: str):
	if mode not in scan_modes.MODES:
		frappe.throw(_("Unknown scanner mode."))


@frappe.whitelist(methods=["POST"])
@staff_only
def scan_batch(mode: str, codes: list | str, delivery: str | None = None, session_id: str = "") -> dict:
	"""The codes the page queued while the clerk went on scanning, each scanned as if alone."""
	check_mode(mode)
	if mode not in scan_modes.BATCHED:
		frappe.throw(_("This mode scans one code at a time."))
	codes = frappe.parse_json(codes) if isinstance(codes, str) else codes
	if not isinstance(codes, list) or not 0 < len(codes) <= BATCH_LIMIT:
		frappe.throw(_("Send between 1 and {0} codes at once.").format(BATCH_LIMIT))
	results = run_scans(mode, [str(code or "")[:MAX_CODE] for code in codes], delivery, session_id)
	return {"results": results, "message": summary(len(codes), results)}


def run_scans(mode: str, codes: list[str], delivery: str | None, session_id: str | None) -> list[dict]:
	"""Several codes in one transaction: the town's rules read once, the delivery counted once."""
	rules = scan_rules()
	results = [run_scan(mode, code, delivery, session_id, rules=rules, count=False) for code in codes]
	if results and mode == "Intake" and delivery:
		results[-1]["delivery_count"] = delivery_count(delivery)
	return results


def run_scan(
	mode,
	code,
	delivery=None,
	session_id=None,
	override_reason=None,
	staff_2=None,
	handover_values=None,
	rules=None,
	count=True,
) -> dict:
	result = barcodes.classify(code, rules or scan_rules())
	outcome = modes.Outcome(result="Refused")
	if not result.ok:
		outcome["message"] = MESSAGES.get(result.message_key, MESSAGES["unknown"])()
	elif not scan_modes.accepts(mode, result.kind):
		outcome["message"] = _("This mode does not take this kind of code ({0}).").format(_(result.kind))
	else:
		try:
			frappe.db.savepoint(modes.SAVEPOINT)
			outcome = modes.HANDLERS[mode](
				result,
				mode=mode,
				delivery=delivery,
				override_reason=override_reason,
				staff_2=staff_2,
				handover_values=handover_values,
			)
		except (modes.ScanRefused, frappe.ValidationError, frappe.PermissionError) as error:
			frappe.db.rollback(save_point=modes.SAVEPOINT)
			frappe.clear_messages()
			# one line per reason (a hand-over lists each missing check on its own line)
			message = frappe.utils.strip_html(str(error).replace("<br>", "\n"))
			outcome = modes.Outcome(result="Refused", message=message)
			outcome["card"] = getattr(error, "card", None)
			outcome["handover"] = getattr(error, "handover", False)
	log = frappe.get_doc(
		{
			"doctype": "Card Scan Log",
			"scanned_at": now_datetime(),
			"user": frappe.session.user,
			"mode": mode,
			"result": outcome["result"],
			"kind": result.kind,
			"masked_value": result.masked,
			"message": outcome.get("message"),
			"card": outcome.get("card"),
			"booking": outcome.get("booking"),
			"delivery": delivery if mode == "Intake" else None,
			"session_id": (session_id or "")[:64],
			"state_before": outcome.get("state_before"),
			"booking_state_before": outcome.get("booking_state_before"),
			"created_card": outcome.get("created_card", 0),
		}
	)
	# The links were just read under lock; a card another clerk committed a moment ago is not in this
	# transaction's snapshot, so Frappe's own link check would wrongly refuse it.
	log.flags.ignore_links = True
	log.insert(ignore_permissions=True)
	return {
		"log": log.name,
		"result": log.result,
		"ok": log.result in ("OK", "Repeated"),
		"undoable": log.result == "OK" and mode not in scan_modes.READ_ONLY,
		"message": outcome.get("display") or log.message,  # the log keeps the name-free text
		"kind": result.kind,
		"masked": result.masked,
		"card": outcome.get("card_row") or modes.card_summary(log.card),
		"booking": booking_summary(log.booking),
		"delivery_count": delivery_count(delivery) if count and mode == "Intake" and delivery else None,
		"handover": bool(outcome.get("handover")),  # the page asks who received the card
	}


def booking_summary(name: str | None) -> dict | None:
	if not name:
		return None
	booking = frappe.get_doc(BOOKING, name)
	return {
		"name": booking.name,
		"full_name": booking.full_name,
		"purpose": booking.purpose,
		"state": booking.workflow_state,
		"cards": [modes.card_summary(c) for c in booking.pickup_cards()],
	}


def delivery_count(delivery: str) -> dict:
	row = first_row("Card Delivery", {"name": delivery}, ("counted_count", "expected_count"))
	return {"counted": row.counted_count, "expected": row.expected_count} if row else None


@frappe.whitelist(methods=["POST"])
@staff_only
def undo(log: str, session_id: str) -> dict:
	"""Undo the last scan of this scanner session, if it was this user's and changed something."""
	last = frappe.get_all(
		"Card Scan Log",
		filters={"session_id": session_id, "user": frappe.session.user, "result": ("in", ("OK", "Undone"))},
		fields=[
			"name",
			"result",
			"card",
			"booking",
			"state_before",
			"booking_state_before",
			"created_card",
			"undone",
			"mode",
		],
		order_by="scanned_at desc, creation desc",
		limit=1,
	)
	if not last or last[0].name != log or last[0].undone:
		frappe.throw(_("Only the last scan of this session can be undone."))
	entry = last[0]
	if entry.card and entry.mode == "Returned Notice":
		modes.undo_returned_notice(entry.card)
	elif entry.card and (entry.state_before or entry.created_card):
		modes.undo_card(entry.card, entry.state_before, bool(entry.created_card))
	if entry.booking and entry.booking_state_before:
		booking = frappe.get_doc(BOOKING, entry.booking, for_update=True)
		booking.workflow_state = entry.booking_state_before
		booking.flags.undo_to = entry.booking_state_before
		booking.flags.system_transition = True
		booking.save()
	frappe.db.set_value("Card Scan Log", log, {"undone": 1, "result": "Undone"})
	return {"ok": True, "message": _("The last scan was undone.")}


@frappe.whitelist(methods=["POST"])
@staff_only
def scan_photo(mode: str, delivery: str | None = None, session_id: str | None = None) -> dict:
	"""Decode every code in an uploaded photo on the server and scan each one in the mode. A photo that
	cannot be used is refused with the reason and what to do (the page shows it); each code's own
	refusal, such as a 個人番号, is in its result."""
	check_mode(mode)
	upload = frappe.request.files.get("file") if frappe.request else None
	if not upload:
		frappe.throw(_("Attach a photo."))
	try:
		codes = decode_bytes(upload.stream.read())
	except ImageTooLarge:
		frappe.throw(_("The photo is too large. Take it again at a lower resolution."))
	except NotAnImage:
		frappe.throw(_("This file is not an image the scanner can read. Choose a photo (JPEG or PNG)."))
	except UnreadableImage:
		frappe.throw(_("The photo is damaged and cannot be read. Take it again."))
	if not codes:
		frappe.throw(
			_("No barcode or QR code was found in the photo. Take it again closer, in focus and evenly lit.")
		)
	results = run_scans(mode, [c.value for c in codes[:PHOTO_SCAN_LIMIT]], delivery, session_id)
	return {"found": len(codes), "results": results, "message": summary(len(codes), results, photo=True)}


def summary(found: int, results: list[dict], photo: bool = False) -> str:
	done = sum(r["result"] == "OK" for r in results)
	repeated = sum(r["result"] == "Repeated" for r in results)
	counts = (found, done, repeated, len(results) - done - repeated)
	if photo:
		message = _("{0} codes found in the photo: {1} done, {2} already done, {3} refused.").format(*counts)
	else:
		message = _("{0} codes scanned: {1} done, {2} already done, {3} refused.").format(*counts)
	if found > len(results):
		message += " " + _("Only the first {0} were scanned: scan the rest in another photo.").format(
			len(results)
		)
	return message


@frappe.whitelist()
@staff_only
def open_deliveries() -> list[dict]:
	return deliveries.open_deliveries(
		["name", "received_date", "expected_count", "counted_count", "shipment_reference"]
	)
