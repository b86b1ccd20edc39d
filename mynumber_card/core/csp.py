"""The Content-Security-Policy of the residents' pages: scripts from the site's own files, and of the
inline scripts only those Frappe's own templates write.

Frappe's base template and its web form template put a few inline `<script>` blocks into every page
(the boot data, the csrf token, the web form's data and its script). A policy that hashed whatever
inline script a response holds would also let an injected one run; one with no hashes would stop
the forms. So each inline script is hashed only when its whole text is one of Frappe's known blocks
(`KNOWN_BLOCKS`): fixed code with, in its data places, nothing but one JSON value each (a JSON value
in JavaScript is an expression that runs no code) or, in the web form's script place, exactly the
text the app's own web form files give. Anything else gets no hash, and the browser does not run it.
Inline event handlers (`onerror=`) never run under a policy without 'unsafe-inline'."""

import base64
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

# The residents' pages (first path segment): the two web forms, their own booking, the calling display,
# the queue ticket on a phone and the public waits (with its fragment for the town's own site).
RESIDENT_ROUTES = (
	"visit-booking",
	"pickup-booking",
	"my-booking",
	"queue-display",
	"queue-ticket",
	"queue-waits",
	"queue-waits-embed",
)
# Pages the town's own web site may show in a frame (the origins are a town setting).
EMBED_ROUTES = ("queue-waits-embed",)
# Frappe's web_form.bundle.js carries Quill built as eval() strings (webpack's eval devtool): without
# 'unsafe-eval' the bundle stops at load and the form is never built (measured in Chromium: an
# EvalError from its Quill module). Only the two forms load that bundle.
EVAL_ROUTES = ("visit-booking", "pickup-booking")

# Where a known block may hold data or app code instead of fixed text.
JSON_VALUE = "json"
KNOWN_TEXT = "known"

SOCKET_HOST_RE = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+|\[[0-9A-Fa-f:.]+\]")
_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script(?=[\s/>])", re.IGNORECASE | re.DOTALL)
_SRC_RE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class Slot:
	"""A place in a known block: a JSON value, or one of the known texts under `key`."""

	kind: str
	key: str = ""


@dataclass(frozen=True)
class KnownBlock:
	"""One inline script a Frappe template writes: fixed text (regular expressions, `\\s*` where the
	template's whitespace may vary) and slots, matched in order over the whole script."""

	name: str
	parts: tuple[re.Pattern | Slot, ...]


def _block(name: str, *parts: str | Slot) -> KnownBlock:
	return KnownBlock(name, tuple(re.compile(p) if isinstance(p, str) else p for p in parts))


_JSON = Slot(JSON_VALUE)
WEB_FORM_SCRIPT = "web_form_script"

KNOWN_BLOCKS: tuple[KnownBlock, ...] = (
	# templates/base.html, in <head>
	_block(
		"frappe_head",
		r"\s*window\.frappe = \{\};\s*frappe\.ready_events = \[\];\s*frappe\.ready = function\(fn\) \{"
		r"\s*frappe\.ready_events\.push\(fn\);\s*\}\s*window\.dev_server = [01];"
		r"\s*window\.socketio_port = [0-9]{1,5};\s*window\.show_language_picker = (?:true|false|True);\s*",
	),
	# templates/base.html, block base_scripts
	_block(
		"frappe_boot",
		r"\s*frappe\.boot = ",
		_JSON,
		r"\s*// for backward compatibility of some libs\s*frappe\.sys_defaults = frappe\.boot\.sysdefaults;\s*",
	),
	# website/page_renderers/base_template_page.py add_csrf_token ("None" for a guest without a session)
	_block("frappe_csrf_token", r'frappe\.csrf_token = "(?:[0-9a-f]{1,128}|None)";'),
	# website/doctype/web_form/templates/web_form.html, block script: the form's data
	_block(
		"web_form_data",
		r"\s*frappe\.boot = ",
		_JSON,
		r";\s*frappe\._messages = ",
		_JSON,
		r";\s*frappe\.web_form_doc = ",
		_JSON,
		r";\s*frappe\.reference_doc = ",
		_JSON,
		r";\s*function in_iframe\(\) \{\s*try \{\s*return window\.self !== window\.top;\s*\}"
		r"\s*catch \(e\) \{\s*return true;\s*\}\s*\}\s*if \(in_iframe\(\)\) \{"
		r"\s*// hide everything except the form and fix styles\s*\$\('nav'\)\.hide\(\);"
		r"\s*\$\('\.web-form-header'\)\.hide\(\);\s*\$\('\.page-footer'\)\.hide\(\);"
		r"\s*\$\('footer'\)\.hide\(\);\s*\$\('\.page-breadcrumbs'\)\.hide\(\);"
		r"\s*\$\('\.web-form'\)\.css\('border', 'none'\)\.css\('padding', 'unset'\);"
		r"\s*\$\('\.page_content'\)\.css\('padding-left', 'unset'\)\.css\('padding-right', 'unset'\);"
		r"\s*\}\s*",
	),
	# the same template: the web form's script (its .js file and webform_include_js), no client script
	_block("web_form_script", r"\s*", Slot(KNOWN_TEXT, WEB_FORM_SCRIPT), r"\s*"),
)


def _refuse_constant(name: str):
	raise ValueError(f"{name} is not JSON a browser reads as data")


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def inline_scripts(html: str) -> list[str]:
	"""The text of each inline `<script>` (one without `src`), as the browser hashes it."""
	return [
		_as_browser_reads(match[2])
		for match in _SCRIPT_RE.finditer(html or "")
		if not _SRC_RE.search(match[1])
	]


def _as_browser_reads(text: str) -> str:
	return text.replace("\r\n", "\n").replace("\r", "\n")  # HTML's input stream normalises newlines


def _json_end(text: str, pos: int) -> int | None:
	try:
		_value, end = _DECODER.raw_decode(text, pos)
	except ValueError:  # NaN and Infinity too: JSON for Python, names for JavaScript
		return None
	return end


def _known_end(text: str, pos: int, known: Collection[str]) -> int | None:
	ends = [pos + len(candidate) for candidate in known if candidate and text.startswith(candidate, pos)]
	return max(ends, default=None)


def matches(block: KnownBlock, text: str, known: Mapping[str, Collection[str]]) -> bool:
	"""True when the whole text is this block: its fixed parts, one JSON value in each JSON slot, and
	one of `known[key]` in each known-text slot."""
	pos = 0
	for part in block.parts:
		if isinstance(part, re.Pattern):
			found = part.match(text, pos)
			end = found.end() if found else None
		elif part.kind == JSON_VALUE:
			end = _json_end(text, pos)
		else:
			end = _known_end(text, pos, known.get(part.key, ()))
		if end is None:
			return False
		pos = end
	return pos == len(text)


def is_known(text: str, known: Mapping[str, Collection[str]] | None = None) -> bool:
	return any(matches(block, text, known or {}) for block in KNOWN_BLOCKS)


def source_hash(text: str) -> str:
	digest = hashlib.sha256(text.encode("utf-8")).digest()
	return f"'sha256-{base64.b64encode(digest).decode()}'"


def allowed_script_hashes(html: str, known: Mapping[str, Collection[str]] | None = None) -> list[str]:
	"""The hashes of the page's inline scripts that are Frappe's known blocks, in page order, once each."""
	hashes = [source_hash(text) for text in inline_scripts(html) if is_known(text, known)]
	return list(dict.fromkeys(hashes))


def socket_sources(scheme: str, host: str, port: int | str | None) -> tuple[str, ...]:
	"""The origins of Frappe's socket.io server when it runs on a port of its own (a development
	server), for a page asked for at `host` (a Host header, its port dropped); () when the host or the
	port is not plainly one: the Host header comes from the client and must not write the policy."""
	host = re.sub(r":[0-9]+$", "", host or "")
	port = str(port or "")
	if not (SOCKET_HOST_RE.fullmatch(host) and port.isdigit() and port.isascii() and len(port) <= 5):
		return ()
	secure = scheme == "https"
	return (
		f"{'https' if secure else 'http'}://{host}:{port}",
		f"{'wss' if secure else 'ws'}://{host}:{port}",
	)


def policy(
	script_hashes: Iterable[str] = (),
	connect_sources: Sequence[str] = (),
	allow_eval: bool = False,
	frame_ancestors: Sequence[str] = (),
) -> str:
	"""The header's value. Styles may be inline (Frappe's templates and controls set them); no script,
	object, base or form target from elsewhere; the page may be framed by the site only, and by the
	`frame_ancestors` origins (checked by the caller: core.queue_phone.origin_lines).

	`allow_eval` for a page whose own bundle cannot load without it (Frappe's web form bundle: its
	Quill modules are eval() strings). It lets scripts already running evaluate text; it runs no
	inline script and no event handler."""
	directives = (
		("default-src", ("'self'",)),
		(
			"script-src",
			("'self'", *(("'unsafe-eval'",) if allow_eval else ()), *dict.fromkeys(script_hashes)),
		),
		("object-src", ("'none'",)),
		("base-uri", ("'self'",)),
		("frame-ancestors", ("'self'", *dict.fromkeys(frame_ancestors))),
		("form-action", ("'self'",)),
		("img-src", ("'self'", "data:")),
		("style-src", ("'self'", "'unsafe-inline'")),
		("connect-src", ("'self'", *connect_sources)),
	)
	return "; ".join(" ".join((name, *sources)) for name, sources in directives)


def resident_route(path: str, routes: Collection[str]) -> bool:
	"""True for a residents' page (`/my-booking`, `/visit-booking/new`…), by its first path segment."""
	first = (path or "").strip("/").split("/", 1)[0]
	return first in routes
