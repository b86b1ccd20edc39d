"""The calling display for the waiting area's TV (/queue-display): no login, ticket and counter
numbers only. The first state is rendered here; queue_display.js keeps it live."""

import frappe

from mynumber_card.counter_queue.display import display_state

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.title = "お呼び出し状況"
	context.state = display_state()
	context.town = frappe.db.get_single_value("MyNumber Card Settings", "town_name") or ""
	return context
