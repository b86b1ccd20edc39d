"""The residents' slot list, kept in Redis per purpose and day, and dropped whenever what it shows may
have changed: a slot made, changed, closed or removed, a closing day, a purpose or the booking
window. Places taken or freed do not drop it: the list keeps full slots too, and each listing reads
which still have room (api/booking.py). Listing is most of the residents' traffic; without the cache
each listing reads every open slot of the coming weeks.

Changes bump one version number, at once (this transaction's own readers) and again after commit
or rollback (a reader that cached the old rows meanwhile wrote them under the old version). Entries
also expire after a minute, which bounds what a lagging read replica could leave behind."""

import frappe

from mynumber_card.utils.transaction import now_and_when_it_ends

VERSION_KEY = "mynumber_card:slot_list_version"
ENTRY_SECONDS = 60


def _version() -> int:
	# read from Redis each time: get_value would answer from this request's local copy
	return int(frappe.cache.get(frappe.cache.make_key(VERSION_KEY)) or 0)


def _bump():
	frappe.cache.incr(frappe.cache.make_key(VERSION_KEY))  # atomic: racing changes each count


def changed(*args, **kwargs):
	"""Forget the cached lists (the shown doctypes' on_change and on_trash, and direct calls)."""
	now_and_when_it_ends(_bump)


def cached(purpose: str, day: str, compute):
	"""compute() once per purpose, day and version; its result must be picklable (None: not kept)."""
	key = f"mynumber_card:slot_list:{purpose}:{day}:{_version()}"
	value = frappe.cache.get_value(key, expires=True)  # expires: no copy kept in this process's memory
	if value is None:
		value = compute()
		if value is not None:  # a purpose not on offer is not kept: any text could be asked for
			frappe.cache.set_value(key, value, expires_in_sec=ENTRY_SECONDS)
	return value
