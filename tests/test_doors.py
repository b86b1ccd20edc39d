"""The two doors' nginx configuration (deploy/nginx_doors.py, deploy/doors.toml), without a site:
every guest method and page of the app is classified, the internet door proxies only what the allowlist
names, and its checks (nginx maps, PCRE) refuse the ways of hiding a cmd or a sid in an allowed request.
scripts/check_doors.py asks the running doors the same through scripts/topology.sh."""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app_files import APP, MODULE_DIR, load

sys.path.insert(0, str(APP.parent / "deploy"))
import nginx_doors

ALLOW = nginx_doors.load_allowlist()
ACCEPT = "frappe.website.doctype.web_form.web_form.accept"
OPTIONS = "mynumber_card.api.booking.booking_options"
STAFF_ONLY = "frappe.client.get_list"


def doors(**changes) -> nginx_doors.Doors:
	settings = {
		"sites": [
			nginx_doors.Site.parse("town.localhost=yoyaku.town.example,staff.town.example", "https://{host}")
		],
		"sites_path": "/srv/bench/sites",
		"backends": ["127.0.0.1:8000"],
		"socketio": "127.0.0.1:9000",
		"internet_listen": "127.0.0.1:8091",
		"staff_listen": "127.0.0.1:8092",
		"inner_socket": "/tmp/mnc-door-test.sock",
		"staff_networks": ["10.20.0.0/16"],
		"trusted_proxies": ["192.0.2.10"],
		"public_display": True,
		**changes,
	}
	return nginx_doors.Doors(**settings)


CONF = nginx_doors.render(doors(), ALLOW)


def server_block(conf: str, title: str) -> str:
	start = conf.index(title)
	return conf[start : conf.index("\n}\n", start)]


INTERNET = server_block(CONF, "# ==== internet door")
STAFF = server_block(CONF, "# ==== staff door")


# ---- every guest method and page of the app has a place in deploy/doors.toml ----


def guest_methods() -> dict[str, list[str] | None]:
	"""Dotted name → the HTTP methods its decorator allows (None: all), for allow_guest=True functions."""
	found = {}
	for path in APP.rglob("*.py"):
		if path.name.startswith("test_") or "site_tests" in path.parts:
			continue
		module = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if not isinstance(node, ast.FunctionDef):
				continue
			for decorator in node.decorator_list:
				if not (
					isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "frappe.whitelist"
				):
					continue
				keywords = {k.arg: k.value for k in decorator.keywords}
				if "allow_guest" in keywords and ast.literal_eval(keywords["allow_guest"]) is True:
					verbs = ast.literal_eval(keywords["methods"]) if "methods" in keywords else None
					found[f"{module}.{node.name}"] = verbs
	return found


def app_pages() -> set[str]:
	"""The app's www pages and web forms, as routes."""
	www = APP / "www"
	pages = {
		"/" + str(p.relative_to(www).with_suffix("")) for p in www.rglob("*") if p.suffix in (".html", ".md")
	}
	return pages | {"/" + load(p)["route"] for p in (MODULE_DIR / "web_form").glob("*/*.json")}


def test_the_app_has_guest_methods_to_classify():
	assert "mynumber_card.api.booking.get_booking" in guest_methods()


def test_every_guest_method_of_the_app_is_classified_once():
	classified = [*ALLOW.methods, *ALLOW.display_methods, *ALLOW.refused_app_guest_methods]
	app_listed = [m for m in classified if m.startswith("mynumber_card.")]
	assert sorted(set(guest_methods()) - set(classified)) == [], "add them to deploy/doors.toml"
	assert len(app_listed) == len(set(app_listed))
	assert sorted(set(app_listed) - set(guest_methods())) == [], "no longer guest methods: remove them"


def test_the_door_uses_a_http_method_the_code_allows():
	for method, verb in {**ALLOW.methods, **ALLOW.display_methods}.items():
		allowed = guest_methods().get(method)
		if method.startswith("mynumber_card."):
			assert allowed is None or verb in allowed, method


def test_every_page_of_the_app_is_classified():
	pages = app_pages()
	known = set(ALLOW.pages) | set(ALLOW.display_pages) | set(ALLOW.refused_app_pages)
	assert "/my-booking" in pages and "/visit-booking" in pages
	assert sorted(pages - known) == [], "add them to deploy/doors.toml"


# ---- what the internet door proxies ----


def locations(block: str) -> dict[str, str]:
	"""location argument → its body (one level: the doors' locations do not nest)."""
	found = {}
	for match in re.finditer(r"\n\tlocation ([^{]+?) \{\n(.*?)\n\t\}", block, re.S):
		found[match.group(1)] = match.group(2)
	for match in re.finditer(r"\n\tlocation ([^{\n]+?) \{ (.*?) \}\n", block):
		found[match.group(1)] = match.group(2)
	return found


def test_the_internet_door_refuses_what_it_does_not_name():
	found = locations(INTERNET)
	assert found["/"] == "return 404;"
	proxied = {where for where, body in found.items() if "proxy_pass" in body}
	expected = {f"= {p}" for p in ALLOW.door_pages(True)}
	expected |= {f"= /api/method/{m}" for m in ALLOW.door_methods(True)}
	expected |= {"= /", "^~ /socket.io/", f"= /api/method/{nginx_doors.SOCKET_SESSION_CHECK}"}
	assert proxied == expected


def test_without_a_public_display_the_display_stays_behind_the_staff_door_but_the_socket_serves_tickets():
	internet = server_block(nginx_doors.render(doors(public_display=False), ALLOW), "# ==== internet door")
	assert "/queue-display" not in internet and "queue_display" not in internet
	# the queue ticket on the resident's phone follows the queue live, display or not
	assert "socket.io" in internet and nginx_doors.SOCKET_SESSION_CHECK in internet


def test_every_request_through_the_internet_door_runs_as_guest_with_one_address():
	for where, body in locations(INTERNET).items():
		if "proxy_pass" not in body:
			continue
		assert "proxy_set_header X-Forwarded-For $remote_addr;" in body, where
		assert 'proxy_set_header Authorization "";' in body, where
		cookie = (
			'proxy_set_header Cookie "sid=Guest";' if "socket.io" in where else 'proxy_set_header Cookie "";'
		)
		assert cookie in body, where
	assert "proxy_add_x_forwarded_for" not in CONF


def test_pages_take_get_only_and_methods_their_one_http_method():
	found = locations(INTERNET)
	for page in ALLOW.door_pages(True):
		assert "if ($request_method !~ ^(GET|HEAD)$) { return 404; }" in found[f"= {page}"]
	for method, verb in ALLOW.door_methods(True).items():
		verbs = "GET|HEAD" if verb == "GET" else "POST"
		assert f"if ($request_method !~ ^({verbs})$) {{ return 404; }}" in found[f"= /api/method/{method}"]


def test_the_staff_door_is_locked_to_lgwan_and_trusts_the_load_balancer_only():
	assert re.search(r"\tallow 10\.20\.0\.0/16;\n\tdeny all;", STAFF)
	for block in (INTERNET, STAFF):
		assert "set_real_ip_from 192.0.2.10;" in block
		assert "real_ip_header X-Forwarded-For;" in block and "real_ip_recursive on;" in block


def test_a_staff_door_without_networks_is_not_written():
	with pytest.raises(ValueError):
		doors(staff_networks=[])
	with pytest.raises(ValueError):
		doors(trusted_proxies=["not-a-network"])


# ---- the internet door's checks, evaluated as nginx does (first matching regex, else default) ----


def nginx_map(variable: str):
	match = re.search(r"map (\S+) \$" + variable + r" \{\n(.*?)\n\}", CONF, re.S)
	entries = []
	default = None
	for line in match.group(2).splitlines():
		line = line.strip()
		if not line or line.startswith("#"):
			continue
		key, value = line.rstrip(";").rsplit(" ", 1)
		if key == "default":
			default = value
			continue
		key = key.strip('"')
		if key.startswith("~*"):
			entries.append((re.compile(key[2:], re.I), value))
		elif key.startswith("~"):
			entries.append((re.compile(key[1:]), value))
		else:
			entries.append((key, value))

	def evaluate(text: str) -> str:
		for key, value in entries:
			if key.search(text) if hasattr(key, "search") else key.lower() == text.lower():
				return value
		return default

	return evaluate


PLAIN_QUERY = nginx_map("mnc_query_plain")
URI_PLAIN = nginx_map("mnc_uri_plain")
ROOT_OK = nginx_map("mnc_root_ok")
BODY_PLAIN = nginx_map("mnc_body_keys_plain")
BODY_CMD = nginx_map("mnc_body_cmd")
FORM_TYPE = nginx_map("mnc_form_type")
VERDICT = nginx_map("mnc_verdict")


@pytest.mark.parametrize(
	"query",
	[
		f"cmd={OPTIONS}&_=1733900000000",
		"purpose=%E3%82%AB%E3%83%BC%E3%83%89%E5%8F%97%E5%8F%96&cmd=mynumber_card.api.booking.available_slots",
		"token=eyJhbGciOi.cmdsid.xyz&new=1",  # a token may hold "cmd" or "sid" inside its value
		"",
	],
)
def test_residents_queries_are_plain(query):
	assert PLAIN_QUERY(query) == "1"


@pytest.mark.parametrize(
	"query",
	[
		f"%63md={STAFF_ONLY}&cmd={OPTIONS}",  # werkzeug decodes the name: cmd twice, the first wins
		f"c%6Dd={STAFF_ONLY}",
		f"CMD={STAFF_ONLY}",
		f"cmd={OPTIONS}&cmd={STAFF_ONLY}",
		f"cmd={OPTIONS}&x=1\n&cmd={STAFF_ONLY}",
		"sid=0123456789abcdef",
		"SID=0123456789abcdef",
		"token=x&%73id=0123",
	],
)
def test_a_hidden_cmd_or_sid_in_the_query_is_refused(query):
	assert PLAIN_QUERY(query) == "0"


def test_the_website_rpc_runs_allowed_methods_only():
	assert ROOT_OK(f"GET:{OPTIONS}") == "1"
	assert ROOT_OK(f"HEAD:{OPTIONS}") == "1"
	assert ROOT_OK(f"GET:{STAFF_ONLY}") == "0"
	assert ROOT_OK(f"GET:{OPTIONS.upper()}") == "0"
	assert ROOT_OK(f"GET:{ACCEPT}") == "0"  # a POST method
	assert ROOT_OK("POST:") == "1"  # the body is judged by the second hop
	assert ROOT_OK(f"POST:{OPTIONS}") == "0"
	assert ROOT_OK("GET:") == "0"  # "/" itself is no page of the internet door


@pytest.mark.parametrize(
	"uri", ["/assets/../api/resource/User", "//api/resource/User", "/visit-booking%2F..%2Fapi", "/a\\b"]
)
def test_odd_paths_are_refused(uri):
	assert URI_PLAIN(uri) == "0"


def test_plain_paths_pass():
	for uri in ("/", "/visit-booking/new?purpose=x", "/assets/frappe/dist/js/web_form.bundle.7WZCDQ5G.js"):
		assert URI_PLAIN(uri) == "1"


def verdict(
	method: str, kind: str, body: str, content_type: str = "application/x-www-form-urlencoded; charset=UTF-8"
):
	key = ":".join(
		[
			method,
			kind,
			"1" if body == "" else "0",
			"0",
			BODY_PLAIN(body),
			BODY_CMD(body),
			FORM_TYPE(content_type),
		]
	)
	return VERDICT(key)


def test_the_residents_posts_pass_the_body_check():
	accept = f"web_form=visit-booking&data=%7B%22full_name%22%3A%22%E5%B1%B1%E7%94%B0%22%7D&cmd={ACCEPT}"
	assert verdict("POST", "rpc", accept) == "ok"
	assert verdict("POST", "rpc", "token=abc&reason=&cmd=mynumber_card.api.booking.cancel_booking") == "ok"
	assert verdict("POST", "api", "token=abc&slot=SLOT-0001") == "ok"
	assert verdict("GET", "page", "") == "ok"


@pytest.mark.parametrize(
	("method", "kind", "body", "content_type"),
	[
		("POST", "rpc", f"cmd={STAFF_ONLY}&doctype=User", None),
		("POST", "rpc", f"cmd={STAFF_ONLY}&cmd={ACCEPT}", None),
		("POST", "rpc", f"cmd={ACCEPT}&x=\n&cmd={STAFF_ONLY}", None),
		("POST", "rpc", f"%63md={STAFF_ONLY}&cmd={ACCEPT}", None),
		("POST", "rpc", f"CMD={STAFF_ONLY}&cmd={ACCEPT}", None),
		("POST", "rpc", f"sid=0123456789&cmd={ACCEPT}", None),
		("POST", "rpc", f"cmd={ACCEPT}", "application/json"),
		("POST", "rpc", f"cmd={ACCEPT}", "multipart/form-data; boundary=x"),
		("POST", "rpc", f"cmd={ACCEPT}", "application/x-www-form-urlencoded; charset=utf-16"),
		("POST", "rpc", "", None),
		("POST", "api", f"token=x&cmd={STAFF_ONLY}", None),
		("POST", "api", f"token=x&cmd={ACCEPT}", None),
		("POST", "page", "x=1", None),
		("GET", "api", '{"cmd": "frappe.client.get_list"}', "application/json"),
		("GET", "page", "a=1", None),
	],
)
def test_a_body_that_hides_anything_is_refused(method, kind, body, content_type):
	assert verdict(method, kind, body, content_type or "application/x-www-form-urlencoded") == "refuse"


def test_the_rendered_file_is_valid_for_nginx(tmp_path: Path):
	if not shutil.which("nginx"):
		pytest.skip("nginx is not installed here")
	conf = nginx_doors.render(doors(inner_socket=str(tmp_path / "inner.sock")), ALLOW)
	(tmp_path / "doors.conf").write_text(conf)
	(tmp_path / "nginx.conf").write_text(
		f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
		f"http {{\n\taccess_log off;\n\tinclude {tmp_path}/doors.conf;\n}}\n"
	)
	result = subprocess.run(
		["nginx", "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
	)
	assert result.returncode == 0, result.stderr
