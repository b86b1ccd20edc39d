"""Card Applications (申請) in the ledger: checked when saved, linked to the card J-LIS delivers for
them (by 申請書ID), and recorded from a completed 申請サポート visit. The rules are in
core/applications.py; the controllers call these functions and stay thin.

The card's arrival is the hot path (a clerk scans a delivery of hundreds of cards): one lookup by
申請書ID on the unique index, and nothing more when no open application holds the ID."""

import frappe
from frappe import _
from frappe.utils import getdate

from mynumber_card.core import applications as rules
from mynumber_card.core import booking_states, identifiers, text
from mynumber_card.utils.rows import first_row

APPLICATION = "Card Application"
CARD = "MyNumber Card"
# What an arriving card reads from its application (core.applications.card_values).
ARRIVAL_FIELDS = ("name", "method", *rules.CARRIED_TO_CARD)


class CardApplicationError(frappe.ValidationError):
	pass


def _messages() -> dict[str, str]:
	"""Built on each call so that messages are in the language of the request."""
	return {
		rules.APPLIED_IN_FUTURE: _("The application date is in the future."),
		rules.APPLIED_BEFORE_BIRTH: _("The application date is before the date of birth."),
		rules.RECEIVED_BEFORE_APPLIED: _(
			"The day J-LIS received the application cannot be before the day it was made."
		),
		rules.ARRIVED_NEEDS_CARD: _(
			"An application becomes Card Arrived only when its card is delivered: it is linked by the Application ID."
		),
		rules.CARD_ALREADY_ARRIVED: _(
			"The card of this application has arrived: the application cannot be withdrawn."
		),
		rules.NO_REASON: _("Choose the reason for the express issue."),
		rules.NO_BIRTH_DATE: _("Enter the date of birth of the child."),
		rules.NO_EVENT_DATE: _(
			"Enter the date of the event that allows the express issue (e.g. the day the loss was reported)."
		),
		rules.EVENT_AFTER_APPLICATION: _("The date of the event is after the application date."),
		rules.NO_PLACE: _("Enter where the off-site application was taken: the kind of place and its name."),
		rules.NO_WITHDRAWN_DATE: _("Enter the day the application was withdrawn."),
	}


def check(doc):
	"""Everything about an application that is refused before it is saved, in plain Japanese."""
	doc.application_id = normalized_application_id(doc.application_id)
	doc.name_key = text.name_key(doc.full_name) or None
	doc.status = doc.status or rules.APPLIED
	if doc.status != rules.WITHDRAWN:
		doc.withdrawn_on = None
	if doc.method != rules.OFF_SITE:
		doc.place_kind = doc.place_name = None
	if doc.method != rules.EXPRESS:
		doc.express_reason = doc.event_date = None
	elif doc.express_reason == rules.UNDER_ONE:
		doc.event_date = None
	messages = _messages()
	for problem in rules.missing(doc.method, doc.status, doc.place_kind, doc.place_name, doc.withdrawn_on):
		frappe.throw(messages[problem], CardApplicationError)
	applied_on, birth = _date(doc.applied_on), _date(doc.birth_date)
	for problem in rules.date_problems(applied_on, _date(doc.received_on), birth, getdate()):
		frappe.throw(messages[problem], CardApplicationError)
	problem = rules.status_problem(doc.status, bool(doc.card))
	if problem:
		frappe.throw(messages[problem], CardApplicationError)
	if doc.method == rules.EXPRESS:
		check_express_window(doc.express_reason, applied_on, _date(doc.event_date), birth)
	check_unique_application_id(doc)


def check_express_window(reason, applied_on, event_date, birth_date):
	"""特急発行 only within its window (明和町, ふじみ野市: 30 days after the event; a child under one:
	until the day before the first birthday). Outside it the resident applies the ordinary way."""
	problem = rules.express_problem(reason, applied_on, event_date, birth_date)
	if not problem:
		return
	if problem == rules.WINDOW_PASSED:
		last_day = frappe.format(rules.express_last_day(reason, event_date, birth_date), "Date")
		if reason == rules.UNDER_ONE:
			message = _(
				"An express issue for a child under one must be applied for by the day before the first birthday ({0}). Accept it as an ordinary application."
			).format(last_day)
		else:
			message = _(
				"An express issue must be applied for within 30 days of the event: the last day was {0}. Accept it as an ordinary application."
			).format(last_day)
		frappe.throw(message, CardApplicationError, title=_("Outside the express issue period"))
	frappe.throw(_messages()[problem], CardApplicationError)


def normalized_application_id(value) -> str | None:
	if not value or not str(value).strip():
		return None
	application_id = identifiers.normalize_application_id(value)
	if not application_id:
		frappe.throw(
			_("The Application ID must be 23 digits (it was {0} characters).").format(
				len(text.normalize_code(value))
			),
			CardApplicationError,
			title=_("Invalid Application ID"),
		)
	return application_id


def check_unique_application_id(doc):
	"""One application per 申請書ID, said plainly (the unique index would only say 'duplicate')."""
	if not doc.application_id or not (doc.is_new() or doc.has_value_changed("application_id")):
		return
	other = frappe.db.get_value(APPLICATION, {"application_id": doc.application_id, "name": ("!=", doc.name)})
	if other:
		frappe.throw(
			_("An application with this Application ID is already recorded: {0}.").format(other),
			CardApplicationError,
		)


def _date(value):
	return getdate(value) if value else None


# The card arrives ---------------------------------------------------------------------------------


def take_from_application(card):
	"""MyNumber Card before_insert: a card whose 申請書ID an open application holds takes that
	application's 申請受付日, holder and 在留期間 (where it has none) and is linked to it."""
	application_id = identifiers.normalize_application_id(card.application_id)
	if not application_id:
		return
	found = first_row(
		APPLICATION, {"application_id": application_id, "status": rules.APPLIED}, ARRIVAL_FIELDS
	)
	if not found:
		return
	card.card_application = found.name
	card.update(rules.card_values(found, card.as_dict(), new_card=True))
	card.flags.arrived_for_application = found.name


def mark_arrived(card):
	"""MyNumber Card after_insert: the application knows its card."""
	if card.flags.arrived_for_application:
		frappe.db.set_value(
			APPLICATION,
			card.flags.arrived_for_application,
			{"card": card.name, "status": rules.CARD_ARRIVED},
		)


def forget_card(card):
	"""MyNumber Card on_trash (an intake undone): its application waits for its card again."""
	if card.get("card_application"):
		frappe.db.set_value(
			APPLICATION, card.card_application, {"card": None, "status": rules.APPLIED}, update_modified=False
		)


# The application changes after the card ---------------------------------------------------------


def follow_to_card(doc):
	"""Card Application on_update. An application entered (or given its 申請書ID) after its card came in
	is linked to it; a 申請受付日 filled in or corrected later reaches the card, whose validity is
	then counted again."""
	if not doc.card and doc.application_id and doc.status == rules.APPLIED:
		card = frappe.db.get_value(
			CARD, {"application_id": doc.application_id}, ["name", "card_application"], as_dict=True
		)
		if card and not card.card_application:
			_update_card(doc, card.name, link=True)
			return
	if doc.card and doc.has_value_changed("received_on"):
		_update_card(doc, doc.card, link=False)


def _update_card(doc, card_name: str, link: bool):
	card = frappe.get_doc(CARD, card_name, for_update=True)
	values = rules.card_values(doc.as_dict(), card.as_dict(), new_card=False)
	if doc.received_on:
		values["application_received_date"] = doc.received_on  # the application is where it is kept
	if link:
		values["card_application"] = doc.name
	card.update(values)
	card.flags.ignore_permissions = True  # a consequence of the application staff saved
	card.save()
	if link:
		doc.db_set({"card": card.name, "status": rules.CARD_ARRIVED})


# From a completed 申請サポート visit -----------------------------------------------------------


def record_from_booking(booking, check_permission: bool = False) -> list[str]:
	"""The applications a 申請サポート visit leaves, one per person; none twice for a booking.
	Returns the booking's applications."""
	existing = frappe.get_all(
		APPLICATION, filters={"booking": booking.name}, pluck="name", order_by="creation"
	)
	if existing:
		return existing
	members = [{**m.as_dict(), "birth_date": _date(m.birth_date)} for m in booking.get("members", [])]
	made = []
	visit = {**booking.as_dict(), "slot_date": getdate(booking.slot_date)}
	for values in rules.from_booking(visit, members, getdate()):
		doc = frappe.get_doc({"doctype": APPLICATION, "staff": frappe.session.user, **values})
		doc.insert(ignore_permissions=not check_permission)
		made.append(doc.name)
	return made


def records_applications(purpose: str | None) -> bool:
	return bool(purpose and frappe.get_cached_value("Booking Purpose", purpose, "records_application"))


def on_booking_completed(booking):
	"""Card Booking on_update: a 申請サポート visit just completed leaves its applications."""
	before = booking.get_doc_before_save()
	if (
		booking.workflow_state == booking_states.COMPLETED
		and before
		and before.workflow_state != booking_states.COMPLETED
		and records_applications(booking.purpose)
	):
		record_from_booking(booking)
