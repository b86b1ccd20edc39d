"""The residents' pages' Content-Security-Policy: Frappe's own inline blocks are hashed, nothing
else is; the header is the strict policy the issue asks for."""

import base64
import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mynumber_card.core import csp

# The inline blocks as Frappe v15's templates render them (whitespace included), from a served page.
HEAD = (
	"\n\t\twindow.frappe = {};\n\t\tfrappe.ready_events = [];\n\t\tfrappe.ready = function(fn) {\n"
	"\t\t\tfrappe.ready_events.push(fn);\n\t\t}\n\t\twindow.dev_server = 0;\n\t\twindow.socketio_port = 9000;\n"
	"\t\twindow.show_language_picker = false;\n\t"
)
BOOT_DATA = {"sitename": "town.localhost", "lang": "ja", "sysdefaults": {"time_zone": "Asia/Tokyo"}}


def boot_block(data=BOOT_DATA) -> str:
	return (
		f"\n\t\tfrappe.boot = {json.dumps(data, indent=1)}\n\t\t// for backward compatibility of some libs\n"
		"\t\tfrappe.sys_defaults = frappe.boot.sysdefaults;\n\t"
	)


IN_IFRAME = (
	"\t\tfunction in_iframe() {\n\t\t\ttry {\n\t\t\t\treturn window.self !== window.top;\n\t\t\t} catch (e) {\n"
	"\t\t\t\treturn true;\n\t\t\t}\n\t\t}\n\t\tif (in_iframe()) {\n"
	"\t\t\t// hide everything except the form and fix styles\n\t\t\t$('nav').hide();\n"
	"\t\t\t$('.web-form-header').hide();\n\t\t\t$('.page-footer').hide();\n\t\t\t$('footer').hide();\n"
	"\t\t\t$('.page-breadcrumbs').hide();\n\t\t\t$('.web-form').css('border', 'none').css('padding', 'unset');\n"
	"\t\t\t$('.page_content').css('padding-left', 'unset').css('padding-right', 'unset');\n\t\t}\n\t"
)


def web_form_data(messages='{"Book": "予約"}', doc='{"title": "来庁予約"}', reference="{}") -> str:
	return (
		f"\n\t\tfrappe.boot = {json.dumps(BOOT_DATA, indent=1)};\n\t\tfrappe._messages = {messages};\n"
		f"\t\tfrappe.web_form_doc = {doc};\n\t\tfrappe.reference_doc = {reference};\n" + IN_IFRAME
	)


FORM_SCRIPT = 'window.MNC_BOOKING_MODE = "visit";\n\nwindow.mnc = window.mnc || {};'
KNOWN = {csp.WEB_FORM_SCRIPT: {FORM_SCRIPT}}
CSRF = 'frappe.csrf_token = "0f3c2a9b8e";'


def page(*scripts: str, external: str = '<script src="/assets/x.js"></script>') -> str:
	return (
		"<html><head></head><body>" + external + "".join(f"<script>{s}</script>" for s in scripts) + "</body>"
	)


def sha(text: str) -> str:
	return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize(
	("name", "text"),
	[
		("frappe_head", HEAD),
		("frappe_boot", boot_block()),
		("frappe_csrf_token", CSRF),
		("frappe_csrf_token", 'frappe.csrf_token = "None";'),
		("web_form_data", web_form_data()),
		("web_form_script", f"\n\t\t\n\n\t\t\n\t\t\t{FORM_SCRIPT}\n\t\t\n\t"),
	],
)
def test_each_known_block_is_recognised(name, text):
	assert [b.name for b in csp.KNOWN_BLOCKS if csp.matches(b, text, KNOWN)] == [name]


@pytest.mark.parametrize(
	"text",
	[
		"alert(1)",
		HEAD + "alert(1)",
		HEAD.replace("window.dev_server = 0", "window.dev_server = alert(1)"),
		boot_block().replace("frappe.boot = {", "frappe.boot = alert(1) || {"),
		# code where the data goes: a JSON value, nothing around it
		"\n\t\tfrappe.boot = {}; alert(1); x = {}\n\t\t// for backward compatibility of some libs\n"
		"\t\tfrappe.sys_defaults = frappe.boot.sysdefaults;\n\t",
		boot_block().replace('"lang": "ja"', '"lang": "ja" + alert(1)'),
		boot_block().replace('"ja"', "NaN"),  # JSON for Python, an expression for JavaScript
		web_form_data(messages="{}; alert(1)"),
		web_form_data(reference="{}, alert(1)"),
		web_form_data(doc="{'title': 1}"),  # not JSON
		'frappe.csrf_token = "x"; alert(1); "";',
		'frappe.csrf_token = "";alert(1)//";',
		# a client script written into the database is not the app's file
		f"\n\t\tfrappe.init_client_script = () => {{ alert(1) }}\n\t\t{FORM_SCRIPT}\n\t",
		FORM_SCRIPT + "\nalert(1)",
		"",
	],
)
def test_anything_else_is_not(text):
	assert not csp.is_known(text, KNOWN)


def test_the_form_script_is_known_only_when_given():
	assert not csp.is_known(FORM_SCRIPT, {})
	assert csp.is_known(FORM_SCRIPT, KNOWN)


def test_hashes_of_the_known_blocks_only_in_page_order():
	html = page(HEAD, "alert(document.cookie)", boot_block(), web_form_data(), FORM_SCRIPT, CSRF, HEAD)
	assert csp.allowed_script_hashes(html, KNOWN) == [
		sha(HEAD),
		sha(boot_block()),
		sha(web_form_data()),
		sha(FORM_SCRIPT),
		sha(CSRF),
	]


def test_external_scripts_and_other_tags_are_not_inline_scripts():
	html = (
		'<script type="text/javascript" src="/assets/frappe/dist/js/frappe-web.bundle.js"></script>'
		"<scripts>no</scripts><noscript>x</noscript>"
		f"<SCRIPT type='text/javascript'>{CSRF}</SCRIPT >"
	)
	assert csp.inline_scripts(html) == [CSRF]


def test_a_script_ends_where_the_browser_ends_it():
	# the first `</script` followed by a space, / or > ends it: a JSON string cannot hide one
	html = '<script>frappe.boot = {"a": "</script><script>alert(1)</script>"}</script>'
	assert csp.inline_scripts(html) == ['frappe.boot = {"a": "', "alert(1)"]
	assert csp.allowed_script_hashes(html, KNOWN) == []


def test_newlines_are_hashed_as_the_browser_reads_them():
	assert csp.inline_scripts(f"<script>{CSRF}\r\n</script>") == [CSRF + "\n"]


@settings(max_examples=150, deadline=None)
@given(
	st.recursive(
		st.none() | st.booleans() | st.integers() | st.text(),
		lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
		max_leaves=8,
	)
)
def test_any_boot_data_is_a_known_block(data):
	"""Whatever the data (quotes, `</`, line separators): JSON in its place, the block is Frappe's."""
	assert csp.is_known(boot_block(data))


def test_the_policy_is_strict():
	header = csp.policy([sha(HEAD), sha(CSRF), sha(HEAD)])
	assert header == (
		f"default-src 'self'; script-src 'self' {sha(HEAD)} {sha(CSRF)}; object-src 'none'; "
		"base-uri 'self'; frame-ancestors 'self'; form-action 'self'; img-src 'self' data:; "
		"style-src 'self' 'unsafe-inline'; connect-src 'self'"
	)
	assert "unsafe-eval" not in header and "'unsafe-inline'" not in header.split("style-src")[0]


def test_the_socket_origin_of_a_development_server():
	assert csp.socket_sources("http", "127.0.0.1:8023", 9000) == (
		"http://127.0.0.1:9000",
		"ws://127.0.0.1:9000",
	)
	assert csp.socket_sources("https", "town.example.jp", "9000") == (
		"https://town.example.jp:9000",
		"wss://town.example.jp:9000",
	)
	assert csp.policy([], csp.socket_sources("http", "[::1]:8000", 9000)).endswith(
		"connect-src 'self' http://[::1]:9000 ws://[::1]:9000"
	)


@pytest.mark.parametrize(
	"host", ["evil; script-src *", "a b", "x'y", "", "town.example.jp/x", "town\r\nSet-Cookie: a=b"]
)
def test_a_forged_host_header_never_writes_the_policy(host):
	assert csp.socket_sources("http", host, 9000) == ()


def test_a_bad_port_gives_nothing():
	assert csp.socket_sources("http", "localhost", "90; script-src *") == ()


@pytest.mark.parametrize(
	("path", "expected"),
	[
		("/my-booking", True),
		("/visit-booking/new", True),
		("/pickup-booking/", True),
		("/queue-display", True),
		("/app/card-booking", False),
		("/assets/mynumber_card/js/my_booking.js", False),
		("/my-bookings", False),
		("/", False),
	],
)
def test_resident_routes(path, expected):
	assert csp.resident_route(path, csp.RESIDENT_ROUTES) is expected
	assert not csp.resident_route(path, csp.EVAL_ROUTES) or path.startswith(
		("/visit-booking", "/pickup-booking")
	)


def test_eval_only_where_asked():
	assert "'unsafe-eval'" not in csp.policy([sha(CSRF)])
	with_eval = csp.policy([sha(CSRF)], allow_eval=True)
	assert f"script-src 'self' 'unsafe-eval' {sha(CSRF)};" in with_eval
	assert "'unsafe-inline'" not in with_eval.split("style-src")[0]
