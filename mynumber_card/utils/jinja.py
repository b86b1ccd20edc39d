"""Helpers for print formats and emails (hooks.py `jinja`; QR codes come from utils.qr)."""

from frappe import _
from frappe.utils import getdate

from mynumber_card.core import dates
from mynumber_card.core.lifecycle import STATE_LABELS_JA


def wareki(value, with_weekday: bool = False) -> str:
	return dates.wareki(getdate(value) if value else None, with_weekday=with_weekday)


def state_label(state: str | None) -> str:
	return STATE_LABELS_JA.get(state or "", _(state or ""))
