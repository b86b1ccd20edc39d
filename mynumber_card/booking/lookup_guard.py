"""The pickup lookup (notice number + birth date) cannot be brute-forced: after a few wrong birth dates
for one notice number, that number is locked for a while, whoever asks and from wherever.

Failures are counted in Redis, outside the request's transaction, because the refused request itself is
rolled back; the lock is written for staff to see by a background job, for the same reason."""

import frappe
from frappe.utils import add_to_date, now_datetime

MAX_FAILURES = 5
LOCK_SECONDS = 60 * 60


def _key(notice_number: str) -> str:
	return f"mnc_pickup_failures:{notice_number}"


def failures(notice_number: str) -> int:
	# the raw counter: get_value would pickle and keep a per-request copy
	return int(frappe.cache.get(frappe.cache.make_key(_key(notice_number))) or 0)


def is_locked(notice_number: str) -> bool:
	return failures(notice_number) >= MAX_FAILURES


def record_failure(notice_number: str) -> int:
	key = frappe.cache.make_key(_key(notice_number))
	count = frappe.cache.incrby(key, 1)
	frappe.cache.expire(key, LOCK_SECONDS)
	if count == MAX_FAILURES:
		frappe.enqueue(
			record_lock,
			notice_number=notice_number,
			failures=count,
			enqueue_after_commit=False,  # the refused request is rolled back; the lock must still be recorded
			now=frappe.flags.in_test,
		)
	return count


def clear(notice_number: str):
	frappe.cache.delete(frappe.cache.make_key(_key(notice_number)))


def record_lock(notice_number: str, failures: int):
	now = now_datetime()
	frappe.get_doc(
		{
			"doctype": "Pickup Lookup Lock",
			"notice_number": notice_number,
			"failures": failures,
			"locked_at": now,
			"locked_until": add_to_date(now, seconds=LOCK_SECONDS),
		}
	).insert(ignore_permissions=True)
