"""The residents' pages answer with a strict Content-Security-Policy (core.csp), added by Frappe's
after_request hook: scripts from the site's own files, Frappe's known inline blocks, and nothing
injected. The pages also keep their signed links to themselves (Referrer-Policy)."""

import os
from pathlib import Path

import frappe
from frappe.desk.form.meta import get_code_files_via_hooks

from mynumber_card.core import csp

WEB_FORM_DOCTYPE = "Card Booking"
WEB_FORMS_DIR = Path(__file__).parent / "mynumber_card" / "web_form"

_scripts_cache: dict[tuple, frozenset[str]] = {}


def add_policy(response=None, request=None):
	"""hooks.py after_request: on a residents' page only (the desk keeps Frappe's own ways)."""
	if response is None or request is None or not csp.resident_route(request.path, csp.RESIDENT_ROUTES):
		return
	hashes = ()
	if response.mimetype == "text/html" and not response.direct_passthrough:
		hashes = csp.allowed_script_hashes(
			response.get_data(as_text=True), {csp.WEB_FORM_SCRIPT: web_form_scripts()}
		)
	response.headers["Content-Security-Policy"] = csp.policy(
		hashes,
		socket_sources(request),
		allow_eval=csp.resident_route(request.path, csp.EVAL_ROUTES),
		frame_ancestors=frame_ancestors(request),
	)
	# the address of /my-booking holds the resident's link: never sent to another site
	response.headers["Referrer-Policy"] = "same-origin"


def frame_ancestors(request) -> list[str]:
	"""The town's own sites that may show the waits fragment in a frame (a setting, checked when saved)."""
	if not csp.resident_route(request.path, csp.EMBED_ROUTES):
		return []
	from mynumber_card.counter_queue.phone_settings import frame_origins

	return frame_origins()


def socket_sources(request) -> tuple[str, ...]:
	"""Frappe's development server runs socket.io on a port of its own (the calling display listens to
	it); behind nginx it is the site's own address, which 'self' covers."""
	if not getattr(frappe.local, "dev_server", False):
		return ()
	return csp.socket_sources(request.scheme, request.host, frappe.conf.socketio_port or 9000)


def web_form_scripts() -> frozenset[str]:
	"""The script each of the app's web forms puts inline, made as Frappe makes it (WebForm.
	add_custom_context_and_script: the form's .js, then every webform_include_js file, each rendered
	by Jinja) from the files on disk: a script edited into the database is not among them."""
	forms = [path for path in sorted(WEB_FORMS_DIR.glob("*/*.js")) if path.stem == path.parent.name]
	includes = [Path(path) for path in get_code_files_via_hooks("webform_include_js", WEB_FORM_DOCTYPE)]
	key = tuple((str(path), os.stat(path).st_mtime_ns) for path in (*forms, *includes))
	if key not in _scripts_cache:
		_scripts_cache.clear()
		included = [_render(path) for path in includes]
		_scripts_cache[key] = frozenset("\n\n".join([_render(form), *included]).strip() for form in forms)
	return _scripts_cache[key]


def _render(path: Path) -> str:
	return frappe.render_template(path.read_text(encoding="utf-8"), {})
