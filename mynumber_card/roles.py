"""Who is staff, asked in one place (helpdesk's is_agent / agent_only is the pattern)."""

from functools import wraps

import frappe
from frappe import _

from mynumber_card.core.roles import KIOSK_USERS, MANAGERS, STAFF


def _holds(roles: tuple[str, ...], user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Guest":
		return False
	return bool(set(roles).intersection(frappe.get_roles(user)))


def is_staff(user: str | None = None) -> bool:
	return _holds(STAFF, user)


def is_manager(user: str | None = None) -> bool:
	return _holds(MANAGERS, user)


# Not frappe.only_for: it lets everyone through while tests run, so a missing check would go unseen.
def only_staff():
	"""Raise frappe.PermissionError unless the session user is staff."""
	if not is_staff():
		frappe.throw(_("Only counter staff may do this."), frappe.PermissionError)


def only_kiosk():
	"""The reception kiosk's endpoints: its own role, or staff standing in for it."""
	if not _holds(KIOSK_USERS):
		frappe.throw(_("Only the reception kiosk or counter staff may do this."), frappe.PermissionError)


def staff_only(fn):
	"""Decorator for whitelisted endpoints that only counter staff may call."""

	@wraps(fn)
	def wrapper(*args, **kwargs):
		only_staff()
		return fn(*args, **kwargs)

	return wrapper
