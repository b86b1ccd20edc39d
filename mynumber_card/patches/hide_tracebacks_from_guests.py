"""Sites installed before the app turned `allow_error_traceback` off at install get it off once."""

from mynumber_card.install import hide_tracebacks_from_guests


def execute():
	hide_tracebacks_from_guests()
