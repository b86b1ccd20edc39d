"""The base of the app's doctypes that are written on every scan or booking (MyNumber Card, Card
Booking, Card Scan Log): their saves skip Frappe's doc-event hooks that would do nothing for them.

Every state of both workflows is optional, Frappe's own switch for "make no Workflow Action rows"
(fixtures; a static test keeps it so): staff work from the day sheet, the scanner and the ledger
reports. Yet Frappe's `process_workflow_actions`, a `doc_events["*"]["on_update"]` hook, still looks
up the document's next states one by one, uncached, on every save: 11 queries for a new card, 9 for
a booking. Measured in one process (2026-12-06, 300 cards from earlier records each): a card's
insert made 17 queries and took 26.8 ms with it, 5 queries and 8.1 ms without. Frappe v15 has no
switch that turns the hook off for a doctype, so `run_method("on_update")` here runs the
controller's on_update and every other hook as Frappe does (assignment rules, file links,
notifications, webhooks, server scripts), leaving out that one. Where a site has made a state
non-optional, the hook would make rows, and it runs as before (a doctype without a workflow makes
none). Frappe's energy points hook (of on_change) is left out the same way while the doctype has no
Energy Point Rule: it reads its settings, uncached, at every save (2 ms of a scan's 52, 2026-12-07)."""

import frappe
from frappe.core.doctype.server_script.server_script_utils import run_server_script_for_doc_event
from frappe.integrations.doctype.webhook import run_webhooks
from frappe.model.workflow import get_workflow_name

from mynumber_card.utils.text_document import TextDocument

WORKFLOW_ACTIONS = "frappe.workflow.doctype.workflow_action.workflow_action.process_workflow_actions"
ENERGY_POINTS = "frappe.social.doctype.energy_point_rule.energy_point_rule.process_energy_points"


class LeanDocument(TextDocument):
	def run_method(self, method, *args, **kwargs):
		skipped = hooks_that_do_nothing(self.doctype, method)
		if not skipped:
			return super().run_method(method, *args, **kwargs)
		own = getattr(self, method, None)  # as Document.run_method: the controller's, if it has one
		out = own(*args, **kwargs) if callable(own) else None
		hooks = frappe.get_doc_hooks()
		for handler in hooks.get(self.doctype, {}).get(method, []) + hooks.get("*", {}).get(method, []):
			if handler not in skipped:
				frappe.get_attr(handler)(self, method, *args, **kwargs)
		self.run_notifications(method)
		run_webhooks(self, method)
		run_server_script_for_doc_event(self, method)
		return out


def hooks_that_do_nothing(doctype: str, method: str) -> set[str]:
	if method == "on_update" and workflow_actions_made_by_none(doctype):
		return {WORKFLOW_ACTIONS}
	if method == "on_change" and not energy_point_rules(doctype):
		return {ENERGY_POINTS}
	return set()


def workflow_actions_made_by_none(doctype: str) -> bool:
	"""Whether Frappe's bookkeeping would make no Workflow Action row: every state optional."""
	workflow = get_workflow_name(doctype)
	if not workflow:
		return True
	return all(state.is_optional_state for state in frappe.get_cached_doc("Workflow", workflow).states)


def energy_point_rules(doctype: str) -> list:
	"""The enabled Energy Point Rules of a doctype, from Frappe's own cached map. Without one, Frappe's
	`process_energy_points` hook does nothing after reading its settings, uncached, at every save (the
	app's doctypes are not submittable, so no points are ever reverted), so it is left out too."""
	return frappe.cache_manager.get_doctype_map(
		"Energy Point Rule", doctype, {"reference_doctype": doctype, "enabled": 1}
	)
