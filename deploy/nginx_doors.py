"""Writes the nginx configuration of the two doors of a mynumber_card bench (docs/deployment-doors.md):

- the internet door serves residents what deploy/doors.toml lists (two web forms, /my-booking, the
  guest methods they call, /assets, the calling display if the town makes it public) and answers 404
  to everything else; every request through it runs as Guest (no Cookie, no Authorization header);
- the staff door serves all of Frappe, as bench's own nginx template does, to the LGWAN networks only.

Both take the client's address from X-Forwarded-For only when the connection comes from a trusted load
balancer or ingress (realip), and send Frappe that one address, which Frappe's rate limits count by.

Plain Python (3.11+, no bench or frappe import), so that prefecture IT can run it anywhere:

    python3 deploy/nginx_doors.py --site goka.example.jp=yoyaku.town.goka.lg.jp,mynumber.goka.lgwan.jp \\
        --sites-path /home/frappe/frappe-bench/sites --backend 127.0.0.1:8000 --socketio 127.0.0.1:9000 \\
        --internet-listen "443 ssl" --staff-listen "10.20.0.5:443 ssl" --tls-certificate ... --tls-key ... \\
        --trusted-proxy 192.0.2.0/28 --staff-network 10.20.0.0/16 --staff-network 10.21.0.0/16 \\
        --inner-socket /run/nginx-mnc-door.sock --out /etc/nginx/conf.d/mynumber-doors.conf
"""

import argparse
import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

DOORS_TOML = Path(__file__).with_name("doors.toml")
HTTP_METHODS = ("GET", "POST")
# socket.io checks a socket's session by calling this with the sid; through the internet door the sid is
# always Guest, and this exact query is the only one the door lets through.
SOCKET_SESSION_CHECK = "frappe.realtime.get_user_info"
# Bodies are read into memory whole (the body check reads them there): small, as the forms send.
INTERNET_BODY_MAX = "64k"
INTERNET_BODY_BUFFER = "128k"


@dataclass(frozen=True)
class Allowlist:
	"""deploy/doors.toml: what residents may reach through the internet door."""

	pages: dict[str, str]
	methods: dict[str, str]
	display_pages: dict[str, str]
	display_methods: dict[str, str]
	refused_app_guest_methods: dict[str, str]
	refused_app_pages: dict[str, str]

	def door_pages(self, public_display: bool) -> dict[str, str]:
		return {**self.pages, **(self.display_pages if public_display else {})}

	def door_methods(self, public_display: bool) -> dict[str, str]:
		return {**self.methods, **(self.display_methods if public_display else {})}

	def classified(self) -> set[str]:
		"""Every method the file names, allowed or refused."""
		return set(self.methods) | set(self.display_methods) | set(self.refused_app_guest_methods)


def load_allowlist(path: Path = DOORS_TOML) -> Allowlist:
	data = tomllib.loads(path.read_text(encoding="utf-8"))
	allow = Allowlist(
		pages=data.get("pages", {}),
		methods=data.get("methods", {}),
		display_pages=data.get("display_pages", {}),
		display_methods=data.get("display_methods", {}),
		refused_app_guest_methods=data.get("refused_app_guest_methods", {}),
		refused_app_pages=data.get("refused_app_pages", {}),
	)
	for table in (allow.methods, allow.display_methods):
		for method, verb in table.items():
			if verb not in HTTP_METHODS or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", method):
				raise ValueError(f"{path}: {method} = {verb!r}: a dotted method name and GET or POST")
	for page in [*allow.pages, *allow.display_pages]:
		if not re.fullmatch(r"(/[A-Za-z0-9._-]+)+", page):
			raise ValueError(f"{path}: {page!r} is not a plain page path")
	return allow


@dataclass(frozen=True)
class Site:
	"""One town's Frappe site and the host names of its two doors."""

	name: str
	internet_hosts: tuple[str, ...]
	staff_hosts: tuple[str, ...]
	# Where socket.io checks a resident's (Guest) socket: the internet door's own public address.
	public_origin: str

	@classmethod
	def parse(cls, spec: str, origin_format: str) -> "Site":
		"""SITE or SITE=INTERNET_HOST[,STAFF_HOST] (several host names joined with +)."""
		name, _, hosts = spec.partition("=")
		internet, _, staff = hosts.partition(",")
		internet_hosts = tuple(filter(None, internet.split("+"))) or (name,)
		staff_hosts = tuple(filter(None, staff.split("+"))) or (name,)
		for host in (name, *internet_hosts, *staff_hosts):
			if not re.fullmatch(r"[A-Za-z0-9.-]+", host):
				raise ValueError(f"not a host name: {host!r}")
		return cls(name, internet_hosts, staff_hosts, origin_format.format(host=internet_hosts[0]))


@dataclass
class Doors:
	sites: list[Site]
	sites_path: str
	backends: list[str]
	socketio: str
	internet_listen: str
	staff_listen: str
	inner_socket: str
	staff_networks: list[str]
	trusted_proxies: list[str] = field(default_factory=list)
	public_display: bool = False
	tls_certificate: str = ""
	tls_key: str = ""
	http_timeout: int = 120

	def __post_init__(self):
		if not self.staff_networks:
			raise ValueError("the staff door needs at least one LGWAN network (--staff-network)")
		for cidr in [*self.staff_networks, *self.trusted_proxies]:
			ipaddress.ip_network(cidr, strict=False)  # raises on anything that is not an address or network
		if "ssl" in (self.internet_listen + self.staff_listen) and not (
			self.tls_certificate and self.tls_key
		):
			raise ValueError("an ssl listen needs --tls-certificate and --tls-key")


def render(doors: Doors, allow: Allowlist) -> str:
	"""The whole file, for nginx's http block (e.g. /etc/nginx/conf.d/)."""
	parts = [_header(), _upstreams(doors), _maps(doors, allow), _inner_server(doors)]
	for site in doors.sites:
		parts.append(_internet_server(doors, allow, site))
		parts.append(_staff_server(doors, site))
	parts.append(_default_servers(doors))
	return "\n".join(parts)


def _regex(text: str) -> str:
	return re.escape(text).replace("\\-", "-")


def _header() -> str:
	return (
		"# Written by deploy/nginx_doors.py from deploy/doors.toml: edit those, not this file.\n"
		"# docs/deployment-doors.md says what each door serves and why.\n"
	)


def _upstreams(doors: Doors) -> str:
	backends = "".join(f"\tserver {b} max_fails=1 fail_timeout=5s;\n" for b in doors.backends)
	return (
		f"upstream mnc_frappe {{\n{backends}}}\n"
		f"upstream mnc_socketio {{\n\tserver {doors.socketio} fail_timeout=0;\n}}\n"
		"# The internet door's second hop: it refuses what the first hop found in the request body.\n"
		f"upstream mnc_internet_checked {{\n\tserver unix:{doors.inner_socket};\n}}\n"
	)


def _maps(doors: Doors, allow: Allowlist) -> str:
	methods = {**allow.methods, **allow.display_methods} if doors.public_display else dict(allow.methods)
	get_rpc = "".join(
		f'\t"~^(GET|HEAD):{_regex(m)}$" 1;\n' for m, verb in sorted(methods.items()) if verb == "GET"
	)
	post_rpc = "".join(
		f'\t"~(^|&)cmd={_regex(m)}(&|$)" allowed;\n' for m, verb in sorted(methods.items()) if verb == "POST"
	)
	return f"""
# ---- the internet door's checks (Frappe runs the method named by a `cmd` argument on ANY path, and
# takes the session from a `sid` argument; werkzeug decodes %-escapes in argument names) ----

# Paths as residents' browsers send them: letters, digits and . _ - / only, no "..", no "//" (anything
# else could mean one path to nginx and another to Frappe).
map $request_uri $mnc_uri_plain {{
	"~(\\.\\.|//)" 0;
	"~^/[A-Za-z0-9._/-]*(\\?|$)" 1;
	default 0;
}}

# A query is plain when no argument name is %-escaped, none is sid, and cmd (if any) appears once, in
# lower case.
map $args $mnc_query_plain {{
	"~(^|&)[^=&]*%" 0;
	"~*(^|&)sid(=|&|$)" 0;
	"~(^|&)(?!cmd(=|&|$))(?i:cmd)(=|&|$)" 0;
	"~(?s)(^|&)cmd(=|&|$).*&cmd(=|&|$)" 0;
	default 1;
}}
map $args $mnc_query_has_cmd {{
	"~(^|&)cmd(=|&|$)" 1;
	default 0;
}}

# Frappe's website RPC on "/": a GET names an allowed GET method in ?cmd=; a POST carries its cmd in the
# body (checked below) and none in the query.
map "$request_method:$arg_cmd" $mnc_root_ok {{
{get_rpc}	"~^POST:$" 1;
	default 0;
}}

# The body, once nginx has read it (these are used only in proxy_set_header, which runs after that).
map $request_body $mnc_body_empty {{
	"" 1;
	default 0;
}}
map $request_body_file $mnc_body_in_file {{
	"" 0;
	default 1;
}}
map $request_body $mnc_body_keys_plain {{
	"~(^|&)[^=&]*%" 0;
	"~*(^|&)sid(=|&|$)" 0;
	"~(^|&)(?!cmd(=|&|$))(?i:cmd)(=|&|$)" 0;
	"~(?s)(^|&)cmd(=|&|$).*&cmd(=|&|$)" 0;
	default 1;
}}
map $request_body $mnc_body_cmd {{
{post_rpc}	"~(^|&)cmd(=|&|$)" other;
	default none;
}}
map $content_type $mnc_form_type {{
	"~*^application/x-www-form-urlencoded(;\\s*charset=utf-8)?$" 1;
	default 0;
}}
# ok: a GET without a body; a POST to "/" whose one cmd is an allowed POST method; a POST to an allowed
# /api/method/ path with no cmd in its body. Anything else is refused by the second hop.
map "$request_method:$mnc_kind:$mnc_body_empty:$mnc_body_in_file:$mnc_body_keys_plain:$mnc_body_cmd:$mnc_form_type" $mnc_verdict {{
	"~^(GET|HEAD):[a-z]+:1:0:" ok;
	"POST:rpc:0:0:1:allowed:1" ok;
	"POST:api:0:0:1:none:1" ok;
	default refuse;
}}
"""


def _realip(doors: Doors) -> str:
	if not doors.trusted_proxies:
		return "\t# no load balancer in front: the connection's own address is the client's\n"
	lines = "".join(f"\tset_real_ip_from {cidr};\n" for cidr in doors.trusted_proxies)
	return (
		"\t# The load balancer / ingress in front: only these may tell the client's address, and of the\n"
		"\t# addresses in X-Forwarded-For the last one not in this list is taken (the one they saw).\n"
		f"{lines}\treal_ip_header X-Forwarded-For;\n\treal_ip_recursive on;\n"
	)


def _listen(listen: str, default: bool = False) -> str:
	return f"\tlisten {listen}{' default_server' if default else ''};\n"


def _tls(doors: Doors, listen: str) -> str:
	if "ssl" not in listen:
		return ""
	return (
		f"\tssl_certificate {doors.tls_certificate};\n\tssl_certificate_key {doors.tls_key};\n"
		"\tssl_protocols TLSv1.2 TLSv1.3;\n\tssl_session_cache shared:MNC_SSL:10m;\n\tssl_session_tickets off;\n"
	)


SECURITY_HEADERS = """	add_header X-Frame-Options "SAMEORIGIN";
	add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload";
	add_header X-Content-Type-Options nosniff;
	add_header X-XSS-Protection "1; mode=block";
	add_header Referrer-Policy "same-origin, strict-origin-when-cross-origin";
"""


def _server_head(doors: Doors, heading: str, listen: str, hosts: tuple[str, ...]) -> str:
	"""A door's server block up to its own rules: where it listens, for which names, TLS and realip."""
	return f"""
# ==== {heading} ====
server {{
{_listen(listen)}	server_name {" ".join(hosts)};
	root {doors.sites_path};
	server_tokens off;
{_tls(doors, listen)}{_realip(doors)}"""


def _to_frappe(site: Site, kind: str) -> str:
	"""Through the second hop to Frappe, as Guest, with the client's address as the only X-Forwarded-For."""
	return f"""		set $mnc_kind {kind};
		proxy_http_version 1.1;
		proxy_set_header Host $host;
		proxy_set_header X-Frappe-Site-Name {site.name};
		proxy_set_header X-Forwarded-For $remote_addr;
		proxy_set_header X-Forwarded-Proto $scheme;
		proxy_set_header Cookie "";
		proxy_set_header Authorization "";
		proxy_set_header X-Mnc-Verdict $mnc_verdict;
		proxy_set_header Connection "";
		proxy_pass http://mnc_internet_checked;
"""


def _only(verbs: str) -> str:
	return f"\t\tif ($request_method !~ ^({verbs})$) {{ return 404; }}\n"


def _internet_server(doors: Doors, allow: Allowlist, site: Site) -> str:
	plain = "\t\tif ($mnc_query_plain = 0) { return 404; }\n"
	no_cmd = "\t\tif ($mnc_query_has_cmd) { return 404; }\n"
	blocks = []
	for page in sorted(allow.door_pages(doors.public_display)):
		blocks.append(
			f"\tlocation = {page} {{\n{_only('GET|HEAD')}{plain}{no_cmd}{_to_frappe(site, 'page')}\t}}\n"
		)
	for method, verb in sorted(allow.door_methods(doors.public_display).items()):
		verbs = "GET|HEAD" if verb == "GET" else "POST"
		blocks.append(
			f"\tlocation = /api/method/{method} {{\n{_only(verbs)}{plain}{no_cmd}{_to_frappe(site, 'api')}\t}}\n"
		)
	# The queue ticket on the resident's phone (always) and the calling display (when public) follow the
	# queue live through socket.io.
	socket = f"""
	# Live updates of the queue ticket page and the calling display. The socket always runs as Guest:
	# socket.io checks that session by calling {SOCKET_SESSION_CHECK} through this door with sid=Guest,
	# the one query let through.
	location ^~ /socket.io/ {{
		proxy_http_version 1.1;
		proxy_set_header Upgrade $http_upgrade;
		proxy_set_header Connection "upgrade";
		proxy_set_header X-Frappe-Site-Name {site.name};
		proxy_set_header Origin {site.public_origin};
		proxy_set_header Host $host;
		proxy_set_header Cookie "sid=Guest";
		proxy_set_header Authorization "";
		proxy_set_header X-Forwarded-For $remote_addr;
		proxy_pass http://mnc_socketio;
	}}
	location = /api/method/{SOCKET_SESSION_CHECK} {{
{_only("GET")}		if ($args != "sid=Guest") {{ return 404; }}
{_to_frappe(site, "api")}	}}
"""
	head = _server_head(
		doors, f"internet door: {site.name} for residents", doors.internet_listen, site.internet_hosts
	)
	return f"""{head}
	client_max_body_size {INTERNET_BODY_MAX};
	client_body_buffer_size {INTERNET_BODY_BUFFER};
	proxy_read_timeout {doors.http_timeout};
	proxy_redirect off;
{SECURITY_HEADERS}
	if ($mnc_uri_plain = 0) {{ return 404; }}

	# Everything not named below.
	location / {{ return 404; }}

	location ^~ /assets/ {{
{_only("GET|HEAD")}		try_files $uri =404;
		add_header Cache-Control "max-age=31536000";
	}}

	# Frappe's website RPC, as the website's frappe.call sends it.
	location = / {{
		if ($mnc_query_plain = 0) {{ return 404; }}
		if ($mnc_root_ok = 0) {{ return 404; }}
{_to_frappe(site, "rpc")}	}}

{"".join(blocks)}{socket}}}
"""


def _inner_server(doors: Doors) -> str:
	return f"""
# The internet door's second hop (a local socket only): nginx cannot look at a request body before it
# has read it, so the first hop reads it, judges it in $mnc_verdict, and this hop refuses what it refused.
server {{
	listen unix:{doors.inner_socket};
	server_name _;
	server_tokens off;
	client_max_body_size {INTERNET_BODY_MAX};
	client_body_buffer_size {INTERNET_BODY_BUFFER};
	location / {{
		if ($http_x_mnc_verdict != "ok") {{ return 404; }}
		proxy_http_version 1.1;
		proxy_set_header Host $http_host;
		proxy_set_header X-Mnc-Verdict "";
		proxy_set_header Connection "";
		proxy_read_timeout {doors.http_timeout};
		proxy_redirect off;
		proxy_pass http://mnc_frappe;
	}}
}}
"""


def _staff_server(doors: Doors, site: Site) -> str:
	"""bench's own server block (bench/config/templates/nginx.conf), locked to the LGWAN networks."""
	allow = "".join(f"\tallow {cidr};\n" for cidr in doors.staff_networks)
	head = _server_head(
		doors, f"staff door: {site.name}, all of Frappe, for LGWAN only", doors.staff_listen, site.staff_hosts
	)
	return f"""{head}
	# LGWAN networks only; Frappe's own Restrict IP on each staff user is the second lock.
{allow}	deny all;

	proxy_buffer_size 128k;
	proxy_buffers 4 256k;
	proxy_busy_buffers_size 256k;
{SECURITY_HEADERS}
	location /assets {{
		try_files $uri =404;
		add_header Cache-Control "max-age=31536000";
	}}

	location ~ ^/protected/(.*) {{
		internal;
		try_files /{site.name}/$1 =404;
	}}

	location /socket.io {{
		proxy_http_version 1.1;
		proxy_set_header Upgrade $http_upgrade;
		proxy_set_header Connection "upgrade";
		proxy_set_header X-Frappe-Site-Name {site.name};
		proxy_set_header Origin $scheme://$http_host;
		proxy_set_header Host $host;
		proxy_set_header X-Forwarded-For $remote_addr;
		proxy_pass http://mnc_socketio;
	}}

	location / {{
		rewrite ^(.+)/$ $1 permanent;
		rewrite ^(.+)/index\\.html$ $1 permanent;
		rewrite ^(.+)\\.html$ $1 permanent;

		location ~* ^/files/.*.(htm|html|svg|xml) {{
			add_header Content-disposition "attachment";
			try_files /{site.name}/public/$uri @webserver;
		}}

		try_files /{site.name}/public/$uri @webserver;
	}}

	location @webserver {{
		proxy_http_version 1.1;
		proxy_set_header X-Forwarded-For $remote_addr;
		proxy_set_header X-Forwarded-Proto $scheme;
		proxy_set_header X-Frappe-Site-Name {site.name};
		proxy_set_header Host $host;
		proxy_set_header X-Use-X-Accel-Redirect True;
		proxy_read_timeout {doors.http_timeout};
		proxy_redirect off;
		proxy_pass http://mnc_frappe;
	}}

	sendfile on;
	keepalive_timeout 15;
	client_max_body_size 50m;
	client_body_buffer_size 16K;
	client_header_buffer_size 1k;
	gzip on;
	gzip_comp_level 5;
	gzip_min_length 256;
	gzip_proxied any;
	gzip_vary on;
	gzip_types application/javascript application/json image/svg+xml text/css text/plain;
}}
"""


def _default_servers(doors: Doors) -> str:
	"""A request for a host name no door serves is refused, on each address the doors listen on."""
	out = []
	for listen in dict.fromkeys([doors.internet_listen, doors.staff_listen]):
		tls = "\tssl_reject_handshake on;\n" if "ssl" in listen else ""
		out.append(f"server {{\n{_listen(listen, default=True)}\tserver_name _;\n{tls}\treturn 404;\n}}\n")
	return "\n# ==== any other host name ====\n" + "\n".join(out)


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", action="append", required=True, help="SITE[=INTERNET_HOST[,STAFF_HOST]]")
	parser.add_argument("--sites-path", required=True, help="the bench's sites folder (for /assets)")
	parser.add_argument("--backend", action="append", required=True, help="gunicorn HOST:PORT (repeat)")
	parser.add_argument("--socketio", default="127.0.0.1:9000")
	parser.add_argument("--internet-listen", default="443 ssl")
	parser.add_argument("--staff-listen", default="443 ssl")
	parser.add_argument("--inner-socket", default="/run/nginx-mnc-door.sock")
	parser.add_argument("--staff-network", action="append", default=[], help="LGWAN CIDR (repeat)")
	parser.add_argument("--trusted-proxy", action="append", default=[], help="load balancer CIDR (repeat)")
	parser.add_argument("--public-display", action="store_true", help="open /queue-display to the internet")
	parser.add_argument("--public-origin", default="https://{host}", help="the internet door's URL")
	parser.add_argument("--tls-certificate", default="")
	parser.add_argument("--tls-key", default="")
	parser.add_argument("--doors-toml", default=str(DOORS_TOML))
	parser.add_argument("--out", default="-")
	args = parser.parse_args(argv)
	try:
		text = render(build(args), load_allowlist(Path(args.doors_toml)))
	except ValueError as error:
		parser.error(str(error))
	if args.out == "-":
		print(text)
	else:
		Path(args.out).write_text(text, encoding="utf-8")


def build(args: argparse.Namespace) -> Doors:
	return Doors(
		sites=[Site.parse(spec, args.public_origin) for spec in args.site],
		sites_path=args.sites_path,
		backends=args.backend,
		socketio=args.socketio,
		internet_listen=args.internet_listen,
		staff_listen=args.staff_listen,
		inner_socket=args.inner_socket,
		staff_networks=args.staff_network,
		trusted_proxies=args.trusted_proxy,
		public_display=args.public_display,
		tls_certificate=args.tls_certificate,
		tls_key=args.tls_key,
	)


if __name__ == "__main__":
	main()
