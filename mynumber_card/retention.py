"""Personal data is kept only as long as the town needs it (APPI): a daily job removes names, birth
dates and contact details of finished bookings and of disposed, returned or revoked cards (with
their counter services' proxies) after the days set
in settings. Dates, states, purposes and counts stay, so the statistics do not change; the change
history and queued mails that still hold those details go with them.

The removal is a few bulk updates, the same values for every record: no record has a rule of its own
that could fail, so a loop per record would only multiply the statements. The records go in batches
instead, each in its own savepoint: a batch that fails is rolled back and named in the Error Log
(first and last record), the other batches are still done and the failed one is tried again the
next day."""

from functools import partial

import frappe
from frappe.query_builder import Criterion
from frappe.utils import add_days, today

from mynumber_card import settings
from mynumber_card.core import booking_states, lifecycle
from mynumber_card.utils.isolated import run_isolated

REMOVED = "（削除済）"
REMOVED_KANA = "サクジョズミ"
BATCH_SIZE = 500


def anonymise_expired(on=None) -> dict:
	# 0 set on purpose keeps records; a site that never saved the field keeps the JSON default.
	days = settings.get_int("retention_days")
	if not days:
		return {"bookings": 0, "cards": 0}
	cutoff = add_days(on or today(), -days)
	return {
		"bookings": _in_batches("Card Booking", _expired_bookings(cutoff), _anonymise_bookings),
		"cards": _in_batches("MyNumber Card", _expired_cards(cutoff), _anonymise_cards),
	}


def _in_batches(doctype: str, names: list[str], anonymise) -> int:
	"""How many records were anonymised; a failed batch is logged and left for the next run."""
	done = 0
	names = sorted(names)
	for start in range(0, len(names), BATCH_SIZE):
		batch = names[start : start + BATCH_SIZE]
		label = f"{batch[0]} … {batch[-1]} ({len(batch)})"
		if run_isolated("Retention", doctype, label, partial(anonymise, batch)):
			done += len(batch)
	return done


# Records whose business is over: finished bookings, and cards that left the holder's hands for good.
FINISHED_BOOKINGS = (booking_states.COMPLETED, *booking_states.RELEASING)
ENDED_CARDS = (lifecycle.DISPOSED, lifecycle.RETURNED, lifecycle.REVOKED)


def _expired_bookings(cutoff) -> list[str]:
	return _not_yet_anonymised(
		"Card Booking",
		lambda booking: booking.workflow_state.isin(FINISHED_BOOKINGS) & (booking.slot_date < cutoff),
	)


def _expired_cards(cutoff) -> list[str]:
	"""Each ended card counts from the day it entered its last state."""
	return _not_yet_anonymised(
		"MyNumber Card",
		lambda card: Criterion.any(
			(card.workflow_state == state) & (card[lifecycle.STATE_DATE_FIELDS[state]] < cutoff)
			for state in ENDED_CARDS
		),
	)


def _not_yet_anonymised(doctype: str, expired) -> list[str]:
	"""The names of the records `expired(table)` picks that still hold personal data."""
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.from_(table).select(table.name).where(expired(table) & (table.anonymised == 0))
	return query.run(pluck=True)


# What goes from each record: the fields emptied, and the names replaced by a mark that one was there.
# Dates, states, purposes and counts stay (the statistics count them).
BOOKING_CLEARED = (
	"birth_date",
	"phone",
	"email",
	"notice_number",
	"name_key",
	"cancel_reason",
	"remarks",
	"proxy_kind",
	"proxy_name",
	"proxy_name_kana",
	"proxy_relationship",
)
MEMBER_CLEARED = ("full_name_kana", "birth_date", "notice_number")
CARD_CLEARED = (
	"birth_date",
	"postal_code",
	"address",
	"remarks",
	"name_key",
	"kana_key",
	"proxy_name",
	"proxy_relationship",
	"handover_override_reason",
	"disposal_hold_reason",
	"disposal_reason",
	"police_report_number",
	"mail_tracking_number",
)
SERVICE_CLEARED = ("proxy_name", "proxy_relationship", "police_report_number", "remarks")
NAME_REMOVED = {"full_name": REMOVED, "full_name_kana": REMOVED_KANA}


def _anonymise_bookings(names: list[str]):
	if not names:
		return
	_clear(
		"Card Booking", "name", names, BOOKING_CLEARED, {**NAME_REMOVED, "proxy_coming": 0, "anonymised": 1}
	)
	_clear("Card Booking Member", "parent", names, MEMBER_CLEARED, {"full_name": REMOVED})
	_forget_history("Card Booking", names)
	frappe.db.delete("Email Queue", {"reference_doctype": "Card Booking", "reference_name": ("in", names)})


def _anonymise_cards(names: list[str]):
	if not names:
		return
	_clear("MyNumber Card", "name", names, CARD_CLEARED, {**NAME_REMOVED, "anonymised": 1})
	_forget_history("MyNumber Card", names)
	_clear("Card Service", "card", names, SERVICE_CLEARED)
	services = frappe.get_all("Card Service", filters={"card": ("in", names)}, pluck="name")
	if services:
		_forget_history("Card Service", services)


def _clear(doctype: str, key: str, names: list[str], cleared: tuple[str, ...], values: dict | None = None):
	"""One update for the batch: the fields emptied and the others set, where `key` is one of names."""
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.update(table).where(table[key].isin(names))
	for field in cleared:
		query = query.set(table[field], None)
	for field, value in (values or {}).items():
		query = query.set(table[field], value)
	query.run()


def _forget_history(doctype: str, names: list[str]):
	"""Versions keep old field values, names included; the state dates on the record remain."""
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
