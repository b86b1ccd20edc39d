"""A birth date typed by a person, read the app's one way (core.dates.parse_birth_date: ISO or 和暦)."""

import datetime

import frappe
from frappe import _
from frappe.utils import getdate, today

from mynumber_card.core.dates import parse_birth_date


def checked_birth_date(value, error=frappe.ValidationError) -> datetime.date:
	"""The date, or a refusal in plain Japanese raised as `error`."""
	birth = parse_birth_date(value, getdate(today()))
	if not birth:
		frappe.throw(_("Please check the date of birth."), error)
	return birth
