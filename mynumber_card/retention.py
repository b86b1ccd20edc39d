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
from frappe.utils import add_days, cint, today

from mynumber_card.core import booking_states, lifecycle
from mynumber_card.utils.isolated import run_isolated

REMOVED = "（削除済）"
REMOVED_KANA = "サクジョズミ"
BATCH_SIZE = 500


def anonymise_expired(on=None) -> dict:
	days = cint(frappe.db.get_single_value("MyNumber Card Settings", "retention_days"))
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


def _expired_bookings(cutoff) -> list[str]:
	booking = frappe.qb.DocType("Card Booking")
	return (
		frappe.qb.from_(booking)
		.select(booking.name)
		.where(
			booking.workflow_state.isin((booking_states.COMPLETED, *booking_states.RELEASING))
			& (booking.slot_date < cutoff)
			& (booking.anonymised == 0)
		)
	).run(pluck=True)


def _expired_cards(cutoff) -> list[str]:
	card = frappe.qb.DocType("MyNumber Card")
	return (
		frappe.qb.from_(card)
		.select(card.name)
		.where(
			(
				((card.workflow_state == lifecycle.DISPOSED) & (card.disposed_date < cutoff))
				| ((card.workflow_state == lifecycle.RETURNED) & (card.returned_date < cutoff))
				| ((card.workflow_state == lifecycle.REVOKED) & (card.revoked_date < cutoff))
			)
			& (card.anonymised == 0)
		)
	).run(pluck=True)


def _anonymise_bookings(names: list[str]):
	if not names:
		return
	booking = frappe.qb.DocType("Card Booking")
	member = frappe.qb.DocType("Card Booking Member")
	(
		frappe.qb.update(booking)
		.set(booking.full_name, REMOVED)
		.set(booking.full_name_kana, REMOVED_KANA)
		.set(booking.birth_date, None)
		.set(booking.phone, None)
		.set(booking.email, None)
		.set(booking.notice_number, None)
		.set(booking.name_key, None)
		.set(booking.cancel_reason, None)
		.set(booking.remarks, None)
		.set(booking.proxy_coming, 0)
		.set(booking.proxy_kind, None)
		.set(booking.proxy_name, None)
		.set(booking.proxy_name_kana, None)
		.set(booking.proxy_relationship, None)
		.set(booking.anonymised, 1)
		.where(booking.name.isin(names))
	).run()
	(
		frappe.qb.update(member)
		.set(member.full_name, REMOVED)
		.set(member.full_name_kana, None)
		.set(member.birth_date, None)
		.set(member.notice_number, None)
		.where(member.parent.isin(names))
	).run()
	_forget_history("Card Booking", names)
	frappe.db.delete("Email Queue", {"reference_doctype": "Card Booking", "reference_name": ("in", names)})


def _anonymise_cards(names: list[str]):
	if not names:
		return
	card = frappe.qb.DocType("MyNumber Card")
	(
		frappe.qb.update(card)
		.set(card.full_name, REMOVED)
		.set(card.full_name_kana, REMOVED_KANA)
		.set(card.birth_date, None)
		.set(card.postal_code, None)
		.set(card.address, None)
		.set(card.remarks, None)
		.set(card.name_key, None)
		.set(card.kana_key, None)
		.set(card.proxy_name, None)
		.set(card.proxy_relationship, None)
		.set(card.handover_override_reason, None)
		.set(card.disposal_hold_reason, None)
		.set(card.disposal_reason, None)
		.set(card.police_report_number, None)
		.set(card.mail_tracking_number, None)
		.set(card.anonymised, 1)
		.where(card.name.isin(names))
	).run()
	_forget_history("MyNumber Card", names)
	service = frappe.qb.DocType("Card Service")
	(
		frappe.qb.update(service)
		.set(service.proxy_name, None)
		.set(service.proxy_relationship, None)
		.set(service.police_report_number, None)
		.set(service.remarks, None)
		.where(service.card.isin(names))
	).run()
	services = frappe.get_all("Card Service", filters={"card": ("in", names)}, pluck="name")
	if services:
		_forget_history("Card Service", services)


def _forget_history(doctype: str, names: list[str]):
	"""Versions keep old field values, names included; the state dates on the record remain."""
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
