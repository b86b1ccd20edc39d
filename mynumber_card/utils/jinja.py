"""Helpers for print formats and emails (hooks.py `jinja`; 和暦 comes from core.dates, QR codes from utils.qr)."""

from frappe import _

from mynumber_card.core.lifecycle import STATE_LABELS_JA


def state_label(state: str | None) -> str:
	return STATE_LABELS_JA.get(state or "", _(state or ""))
