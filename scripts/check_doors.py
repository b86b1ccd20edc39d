"""Tries every route and every whitelisted method of Frappe and of the app through each door of
scripts/topology.sh (run `scripts/topology.sh up` first) and prints what each door answered.

    ~/frappe-bench/env/bin/python scripts/check_doors.py [--markdown docs/doors-check.md]

Doors and sources: the internet door from a resident's address through the load balancer (127.0.0.2);
the staff door from LGWAN (127.0.0.1, and a LGWAN address through the load balancer) and from outside
LGWAN (127.0.0.3, and an outside address through the load balancer). Exits 1 when the internet door lets a staff route or method
through (anything but the door's own 404), refuses a resident's route, when the staff door refuses LGWAN
or serves anyone else, or when an allow_guest method or page of the app is not classified in
deploy/doors.toml.

On the topology's own site it gives Administrator an API key and keeps a clerk door-check@example.com
whose Restrict IP is 10.20. (the second lock), and a browser books, changes and cancels one booking.
"""

import argparse
import datetime
import http.client
import importlib
import json
import os
import pkgutil
import sys
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import frappe

APP = "mynumber_card"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
import nginx_doors

DOOR_PAGE = b"<center>nginx</center>"  # nginx's own error page: the door answered, Frappe never saw it
RESIDENT = "198.51.100.23"  # a resident's address, as the load balancer reports it
LGWAN_VIA_LB = "10.20.1.5"  # a clerk's terminal on LGWAN, through the load balancer
OUTSIDE_VIA_LB = "203.0.113.9"  # anyone else, through the load balancer
OUTSIDE = "127.0.0.3"  # a direct connection from outside LGWAN
SKIP_MODULE_PARTS = ("test_", "tests", "patches", "site_tests", "commands")


@dataclass(frozen=True)
class Request:
	method: str
	path: str
	body: str = ""
	headers: tuple = ()
	content_type: str = "application/x-www-form-urlencoded; charset=UTF-8"


@dataclass
class Probe:
	"""One row of the table: a thing a client may ask for, what each door should do with it."""

	kind: str  # the row's class in the summary
	label: str
	internet: list[Request]  # every form of asking for it through the internet door
	staff: Request | None  # the plain form, through the staff door
	resident: bool = False  # served through the internet door, else refused there
	served: tuple[int, ...] = ()  # the statuses a served resident request may get from Frappe
	got: dict = field(default_factory=dict)
	failures: list[str] = field(default_factory=list)


class Door:
	"""A kept-alive connection to one door from one source address."""

	def __init__(self, port: int, site: str, source: str = "127.0.0.1", forwarded_for: str = ""):
		self.port, self.site, self.source, self.forwarded_for = port, site, source, forwarded_for
		self.connection = None

	def ask(self, request: Request) -> tuple[int, bytes, http.client.HTTPMessage]:
		headers = {"Host": self.site, "Accept": "application/json", **dict(request.headers)}
		if self.forwarded_for:
			headers["X-Forwarded-For"] = self.forwarded_for
		if request.method == "POST":
			headers["Content-Type"] = request.content_type
		for attempt in (1, 2):
			if self.connection is None:
				self.connection = http.client.HTTPConnection(
					"127.0.0.1", self.port, timeout=120, source_address=(self.source, 0)
				)
			try:
				self.connection.request(
					request.method, request.path, body=request.body.encode() or None, headers=headers
				)
				response = self.connection.getresponse()
				body = response.read()
				return response.status, body, response.msg
			except (http.client.HTTPException, OSError):
				self.connection.close()
				self.connection = None
				if attempt == 2:
					raise
		raise AssertionError("unreachable")


def door_refused(status: int, body: bytes) -> bool:
	return status in (403, 404) and DOOR_PAGE in body


def outcome(status: int, body: bytes) -> str:
	return f"{status} door" if door_refused(status, body) else str(status)


# ---- what there is to ask for ----


def import_everything(apps: list[str]) -> None:
	"""Whitelisted functions register themselves when their module is imported."""
	for app in apps:
		package = importlib.import_module(app)
		for module in pkgutil.walk_packages(package.__path__, app + "."):
			if any(part.startswith(SKIP_MODULE_PARTS) for part in module.name.split(".")):
				continue
			try:
				importlib.import_module(module.name)
			except Exception as error:  # a module that needs what this process lacks registers nothing
				print(f"  (not imported: {module.name}: {type(error).__name__})", file=sys.stderr)


def whitelisted_methods() -> dict[str, bool]:
	"""Dotted path → allow_guest, for every whitelisted module-level function, plus the short names
	frappe.handler answers to (/api/method/logout, …)."""
	import frappe.handler

	methods = {}
	guest = set(frappe.guest_methods)
	for fn in frappe.whitelisted:
		if "." in fn.__qualname__:  # a document's method: reached through run_doc_method, listed there
			continue
		methods[f"{fn.__module__}.{fn.__qualname__}"] = fn in guest
	for name, obj in vars(frappe.handler).items():
		if obj in frappe.whitelisted and not name.startswith("_"):
			methods[name] = obj in guest
	methods["login"] = True  # frappe.auth handles it before any method runs
	return methods


def www_routes(apps: list[str]) -> dict[str, str]:
	"""Route → app, for the pages under each app's www folder: its templates (index.html answers for
	its folder) and the files Frappe serves as they are (.js, .xml, .txt, .css)."""
	routes = {}
	for app in apps:
		www = Path(frappe.get_app_path(app, "www"))
		for path in www.rglob("*"):
			relative = path.relative_to(www)
			if path.is_dir() or any(part.startswith(("_", ".")) for part in relative.parts):
				continue
			if path.suffix in (".html", ".md"):
				route = str(relative.with_suffix(""))
				route = route.removesuffix("index").rstrip("/") if route.endswith("index") else route
				routes["/" + route] = app
			elif path.suffix in (".js", ".xml", ".txt", ".css"):
				routes["/" + str(relative)] = app
	return routes


def web_form_routes() -> dict[str, str]:
	forms = frappe.get_all("Web Form", fields=["route", "module"])
	app_modules = set(frappe.get_module_list(APP))
	return {"/" + f.route: (APP if f.module in app_modules else "frappe") for f in forms}


# ---- the probes ----


def q(path: str, **args) -> str:
	return path + ("?" + urllib.parse.urlencode(args) if args else "")


def resident_requests(method: str, verb: str, args: dict) -> list[Request]:
	"""A resident's page asks through /?cmd= (Frappe's website frappe.call); a script may use /api/method/."""
	if verb == "GET":
		return [
			Request("GET", q("/", cmd=method, **args)),
			Request("GET", q(f"/api/method/{method}", **args)),
		]
	body = urllib.parse.urlencode(args)
	return [
		Request("POST", "/", body=urllib.parse.urlencode({**args, "cmd": method})),
		Request("POST", f"/api/method/{method}", body=body),
	]


def refused_method_requests(method: str) -> list[Request]:
	"""Every way of asking Frappe to run a method: none may pass the internet door."""
	return [
		Request("GET", f"/api/method/{method}"),
		Request("POST", f"/api/method/{method}", body="x=1"),
		Request("GET", q("/", cmd=method)),
		Request("POST", "/", body=urllib.parse.urlencode({"cmd": method})),
		Request("GET", f"/api/v2/method/{method}"),
	]


def resident_probes(allow: nginx_doors.Allowlist, public_display: bool, facts: dict) -> list[Probe]:
	probes = []
	pages = {
		"/visit-booking": ("/visit-booking", (200, 301, 302)),
		"/visit-booking/new": ("/visit-booking/new", (200,)),
		"/pickup-booking": ("/pickup-booking", (200, 301, 302)),
		"/pickup-booking/new": ("/pickup-booking/new", (200,)),
		"/my-booking": (q("/my-booking", token=facts["token"]), (200,)),
		"/website_script.js": ("/website_script.js", (200,)),
		"/queue-display": ("/queue-display", (200,)),
	}
	for page in allow.door_pages(public_display):
		path, served = pages.get(page, (page, (200,)))
		probes.append(
			Probe("resident page", page, [Request("GET", path)], Request("GET", path), True, served)
		)
	probes.append(
		Probe(
			"resident page",
			"/assets/ (static)",
			[Request("GET", "/assets/mynumber_card/js/slot_picker.js")],
			Request("GET", "/assets/mynumber_card/js/slot_picker.js"),
			True,
			(200,),
		)
	)
	calls = {
		"mynumber_card.api.booking.booking_options": ({}, (200,)),
		"mynumber_card.api.booking.available_slots": ({"purpose": facts["purpose"]}, (200,)),
		"mynumber_card.api.booking.get_booking": ({"token": facts["token"]}, (200,)),
		# a link that is not valid: Frappe refuses it (403), no booking changes
		"mynumber_card.api.booking.cancel_booking": ({"token": "not-a-link"}, (403,)),
		"mynumber_card.api.booking.reschedule_booking": ({"token": "not-a-link", "slot": "x"}, (403,)),
		# an empty form: Frappe refuses it for its missing fields (417), nothing is saved
		"frappe.website.doctype.web_form.web_form.accept": (
			{"web_form": "visit-booking", "data": "{}"},
			(417,),
		),
		"mynumber_card.api.queue_display.state": ({}, (200,)),
	}
	for method, verb in allow.door_methods(public_display).items():
		args, served = calls.get(method, ({}, (200,)))
		asked = resident_requests(method, verb, args)
		probes.append(Probe("resident method", f"{verb} {method}", asked, asked[-1], True, served))
	socket = Request("GET", "/socket.io/?EIO=4&transport=polling")
	probes.append(
		Probe("resident method", "socket.io (ticket page, display)", [socket], socket, True, (200,))
	)
	check = Request("GET", f"/api/method/{nginx_doors.SOCKET_SESSION_CHECK}?sid=Guest")
	probes.append(
		Probe("resident method", "socket.io session check, sid=Guest", [check], check, True, (200,))
	)
	return probes


def method_probes(
	methods: dict[str, bool], allow: nginx_doors.Allowlist, public_display: bool
) -> list[Probe]:
	probes = []
	allowed = allow.door_methods(public_display)
	for method, guest in sorted(methods.items()):
		if method in allowed:
			continue
		app = APP if method.startswith(APP + ".") else "frappe"
		kind = f"{app} {'guest' if guest else 'staff'} method"
		asked = refused_method_requests(method)
		probes.append(Probe(kind, method, asked, asked[0]))
	return probes


def route_probes(routes: dict[str, str], allow: nginx_doors.Allowlist, public_display: bool) -> list[Probe]:
	probes = []
	open_pages = set(allow.door_pages(public_display))
	for route, app in sorted(routes.items()):
		if route in open_pages:
			continue
		probes.append(Probe(f"{app} page", route, [Request("GET", route)], Request("GET", route)))
	return probes


def desk_and_data_probes(facts: dict, public_display: bool) -> list[Probe]:
	paths = [
		"/",
		"/app",
		"/app/mynumber-card",
		"/app/card-booking",
		"/app/mynumber-card-office",
		"/app/user",
		"/app/system-settings",
		"/desk",
		"/login",
		"/update-password",
		"/me",
		"/apps",
		"/printview?doctype=Card%20Booking&name=x",
		"/visit-booking/list",
		f"/visit-booking/{facts['booking']}",
		"/files/x.png",
		"/private/files/x.pdf",
		"/backups/x.sql.gz",
		"/protected/private/files/x.pdf",
	]
	if not public_display:
		paths.append("/socket.io/?EIO=4&transport=polling")
	for doctype in facts["doctypes"]:
		quoted = urllib.parse.quote(doctype)
		paths += [f"/api/resource/{quoted}", f"/api/v2/document/{quoted}", f"/api/v2/doctype/{quoted}/meta"]
	probes = []
	for path in paths:
		kind = (
			"data and files"
			if path.startswith(("/api/", "/files", "/private", "/backups", "/protected"))
			else "desk"
		)
		probes.append(Probe(kind, path, [Request("GET", path)], Request("GET", path)))
	return probes


def smuggling_probes(facts: dict) -> list[Probe]:
	"""Ways around the allowlist: a cmd or sid hidden in an allowed request, odd paths, a staff session."""
	staff_only = "frappe.client.get_list"
	accept = "frappe.website.doctype.web_form.web_form.accept"
	options = "mynumber_card.api.booking.booking_options"
	sid = facts["sid"]
	cases = [
		("?cmd= on a page", Request("GET", q("/visit-booking/new", cmd=staff_only, doctype="User"))),
		("?cmd= on a method", Request("GET", q(f"/api/method/{options}", cmd=staff_only, doctype="User"))),
		("?CMD= (other case)", Request("GET", q("/", CMD=staff_only))),
		("?%63md= (escaped name)", Request("GET", f"/?%63md={staff_only}&cmd={options}")),
		("?cmd= twice", Request("GET", f"/?cmd={options}&cmd={staff_only}")),
		("cmd in a page's POST body", Request("POST", "/visit-booking/new", body=f"cmd={staff_only}")),
		("cmd in a method's POST body", Request("POST", f"/api/method/{accept}", body=f"cmd={staff_only}")),
		("two cmd in a POST body", Request("POST", "/", body=f"cmd={staff_only}&cmd={accept}")),
		("%63md in a POST body", Request("POST", "/", body=f"%63md={staff_only}&cmd={accept}")),
		(
			"cmd in a JSON body",
			Request("POST", "/", body=json.dumps({"cmd": accept}), content_type="application/json"),
		),
		(
			"multipart body",
			Request("POST", "/", body="--x--", content_type="multipart/form-data; boundary=x"),
		),
		(
			"JSON body on a GET",
			Request("GET", f"/api/method/{options}", body=json.dumps({"cmd": staff_only})),
		),
		("?sid= of a staff session", Request("GET", q("/my-booking", sid=sid))),
		("sid of a staff session in a POST body", Request("POST", "/", body=f"sid={sid}&cmd={accept}")),
		("path with ..", Request("GET", "/assets/../api/resource/User")),
		("path with %2F", Request("GET", "/visit-booking%2F..%2Fapi%2Fresource%2FUser")),
		("path with //", Request("GET", "//api/resource/User")),
		(
			"socket.io session check, sid of staff",
			Request("GET", f"/api/method/frappe.realtime.get_user_info?sid={sid}"),
		),
	]
	return [Probe("smuggling", label, [request], request) for label, request in cases]


# ---- asking ----


def run_probe(probe: Probe, internet: Door, lgwan: Door, outside: Door) -> None:
	answers = [internet.ask(r) for r in probe.internet]
	probe.got["internet"] = ", ".join(sorted(set(outcome(s, b) for s, b, _ in answers)))
	if probe.resident:
		for (status, body, _), request in zip(answers, probe.internet, strict=True):
			if door_refused(status, body) or status not in probe.served:
				probe.failures.append(f"internet door: {request.method} {request.path} → {status}")
	else:
		for (status, body, _), request in zip(answers, probe.internet, strict=True):
			if not (status == 404 and door_refused(status, body)):
				probe.failures.append(f"internet door let through {request.method} {request.path} → {status}")
	if probe.staff is None:
		return
	status, body, _ = lgwan.ask(probe.staff)
	probe.got["staff, LGWAN"] = outcome(status, body)
	if door_refused(status, body) and status == 403:
		probe.failures.append(f"staff door refused LGWAN: {probe.staff.path}")
	status, body, _ = outside.ask(probe.staff)
	probe.got["staff, outside"] = outcome(status, body)
	if not door_refused(status, body):  # 403, or 404 for nginx's internal-only /protected/
		probe.failures.append(f"staff door served outside LGWAN: {probe.staff.path} → {status}")


def session_checks(settings: dict, facts: dict) -> list[tuple[str, str, str, bool]]:
	"""A staff session (cookie or API key) never acts through the internet door; the staff door takes
	its client's address from the load balancer only; Frappe's Restrict IP is the second lock."""
	site, staff_port = settings["site"], settings["staff_port"]
	internet = Door(settings["internet_port"], site)
	lgwan = Door(staff_port, site)
	page = Request("GET", "/my-booking", headers=(("Cookie", f"sid={facts['sid']}"),))
	token = Request("GET", "/my-booking", headers=(("Authorization", f"token {facts['api_key']}"),))
	rows = []

	def session_of(door, request):
		status, body, _ = door.ask(request)
		return "logged-in" if b'frappe-session-status="logged-in"' in body else f"logged-out ({status})"

	for label, request in (("staff cookie (sid)", page), ("staff API key (Authorization)", token)):
		got_internet, got_staff = session_of(internet, request), session_of(lgwan, request)
		ok = got_internet.startswith("logged-out") and got_staff == "logged-in"
		rows.append((f"{label} on /my-booking", f"internet: {got_internet}", f"staff: {got_staff}", ok))
	lb = settings["load_balancer"]
	for source, forwarded, expect in (
		(lb, LGWAN_VIA_LB, 200),
		(lb, OUTSIDE_VIA_LB, 403),
		(lb, f"{LGWAN_VIA_LB}, {OUTSIDE_VIA_LB}", 403),
		(OUTSIDE, LGWAN_VIA_LB, 403),
	):
		status, body, _ = Door(staff_port, site, source, forwarded).ask(Request("GET", "/login"))
		rows.append(
			(
				f"staff door /login from {source}, X-Forwarded-For: {forwarded}",
				f"expected {expect}",
				f"got {outcome(status, body)}",
				status == expect,
			)
		)
	# the second lock: a clerk whose Restrict IP is LGWAN's 10.20. logs in from there only
	login = urllib.parse.urlencode({"usr": facts["clerk"], "pwd": facts["clerk_password"]})
	for source, forwarded, expect in ((lb, LGWAN_VIA_LB, 200), ("127.0.0.1", "", 401)):
		status, _, _ = Door(staff_port, site, source, forwarded).ask(
			Request("POST", "/api/method/login", body=login)
		)
		rows.append(
			(
				f"clerk with Restrict IP 10.20. logs in from {forwarded or source}",
				f"expected {expect}",
				f"got {status}",
				status == expect,
			)
		)
	return rows


def resident_journey(settings: dict) -> list[tuple[str, str, str, bool]]:
	"""A resident books on the visit form, changes the time and cancels, in a browser, through the
	internet door only: every request the pages make must pass it."""
	try:
		from playwright.sync_api import sync_playwright

		from mynumber_card.testing import CHROMIUM, CHROMIUM_ARGS
	except ImportError as error:
		return [("resident journey in a browser", "skipped", f"no browser here ({error})", True)]
	base = f"http://{settings['site']}:{settings['internet_port']}"
	refused, steps = [], []
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
		page = browser.new_page(locale="ja-JP")
		page.on(
			"response",
			lambda r: r.status in (403, 404)
			and refused.append(f"{r.status} {r.request.method} {r.url[len(base):]}"),
		)
		page.on("dialog", lambda dialog: dialog.accept())
		page.goto(f"{base}/visit-booking/new")
		page.wait_for_selector(
			'select[data-fieldname="purpose"] option[value="申請サポート"]', state="attached"
		)
		page.select_option('select[data-fieldname="purpose"]', "申請サポート")
		page.locator(".mnc-time").first.click()
		page.fill('input[data-fieldname="full_name"]', "窓口 確認")
		page.fill('input[data-fieldname="full_name_kana"]', "マドグチ カクニン")
		birth = page.locator('[data-fieldname="birth_date"] .mnc-birth')
		for part, value in (("era", "昭和"), ("year", "50"), ("month", "1"), ("day", "1")):
			birth.locator(f".mnc-w-{part}").select_option(value)
		page.fill('input[data-fieldname="phone"]', "0280-00-0000")
		page.click(".web-form-footer .submit-btn, button:has-text('この内容で予約する')")
		page.wait_for_url("**/my-booking?**", timeout=60000)
		page.wait_for_selector("text=予約を受け付けました")
		steps.append("booked")
		page.click(".mnc-change")
		page.locator(".mnc-change-panel .mnc-time").last.click()
		page.click(".mnc-confirm-change")
		page.wait_for_function("() => !new URL(location.href).searchParams.has('new')", timeout=60000)
		steps.append("time changed")
		page.click(".mnc-cancel")
		page.wait_for_selector("text=予約を取り消しました", timeout=60000)
		steps.append("cancelled")
		browser.close()
	return [
		(
			"resident books, changes the time and cancels, in a browser through the internet door",
			", ".join(steps),
			f"requests the door or Frappe refused: {', '.join(refused) or 'none'}",
			steps == ["booked", "time changed", "cancelled"] and not refused,
		)
	]


# ---- the site's facts ----


def site_facts(args, settings: dict) -> dict:
	from frappe.utils.password import get_decrypted_password

	from mynumber_card.booking.links import token_for

	booking = frappe.get_all("Card Booking", filters={"workflow_state": "Confirmed"}, pluck="name", limit=1)
	purpose = frappe.get_all("Booking Purpose", filters={"is_active": 1}, pluck="name", limit=1)
	if not booking or not purpose:
		raise SystemExit(
			"the site has no confirmed booking or purpose: run `bench --site ... mynumber-card-demo`"
		)
	clerk, password = ensure_restricted_clerk()
	admin = frappe.get_doc("User", "Administrator")
	if not admin.api_key:
		admin.api_key = frappe.generate_hash(length=15)
		admin.api_secret = frappe.generate_hash(length=15)
		admin.save(ignore_permissions=True)
	secret = get_decrypted_password("User", "Administrator", "api_secret")
	frappe.db.commit()  # a script, not a request: the served site must see the keys and the clerk
	status, _, headers = Door(settings["staff_port"], settings["site"]).ask(
		Request(
			"POST",
			"/api/method/login",
			body=urllib.parse.urlencode({"usr": "Administrator", "pwd": args.admin_password}),
		)
	)
	cookies = [c.split(";", 1)[0].strip() for c in headers.get_all("Set-Cookie") or []]
	sid = next((c.split("=", 1)[1] for c in cookies if c.startswith("sid=")), "")
	if status != 200 or not sid:
		raise SystemExit(f"could not log in as Administrator through the staff door ({status})")
	return {
		"booking": booking[0],
		"token": token_for(frappe.get_doc("Card Booking", booking[0])),
		"purpose": purpose[0],
		"sid": sid,
		"api_key": f"{admin.api_key}:{secret}",
		"clerk": clerk,
		"clerk_password": password,
		"doctypes": sorted(
			set(
				frappe.get_all(
					"DocType", filters={"module": ["in", frappe.get_module_list(APP)]}, pluck="name"
				)
			)
			| {
				"User",
				"File",
				"System Settings",
				"Error Log",
				"Version",
				"Comment",
				"Communication",
				"Access Log",
			}
		),
	}


def ensure_restricted_clerk() -> tuple[str, str]:
	"""A clerk whose Frappe Restrict IP is LGWAN's 10.20. (User → Restrict IP)."""
	from frappe.utils.password import update_password

	email = "door-check@example.com"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "Door check", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.restrict_ip = "10.20."
	user.add_roles("Card Clerk")
	user.save(ignore_permissions=True)
	password = frappe.generate_hash(length=20)
	update_password(email, password)
	return email, password


# ---- the report ----


def unclassified(methods: dict[str, bool], routes: dict[str, str], allow: nginx_doors.Allowlist) -> list[str]:
	guest = {m for m, is_guest in methods.items() if is_guest and m.startswith(APP + ".")}
	pages = {r for r, app in routes.items() if app == APP}
	known_pages = set(allow.pages) | set(allow.display_pages) | set(allow.refused_app_pages)
	return sorted(guest - allow.classified()) + sorted(pages - known_pages)


def markdown(probes: list[Probe], sessions: list, settings: dict) -> str:
	lines = [
		"# 窓口ごとの応答 / What each door answered",
		"",
		f"Written by `scripts/check_doors.py` on {datetime.date.today()} after `scripts/topology.sh up` "
		f"(internet door 127.0.0.1:{settings['internet_port']}, staff door 127.0.0.1:{settings['staff_port']}, "
		f"load balancer {settings['load_balancer']}, LGWAN {' '.join(settings['staff_networks'])}, "
		f"public display {'on' if settings['public_display'] else 'off'}). "
		"`door` = the door's own answer (nginx); a bare number = Frappe's. Through the internet door every "
		"method is asked five ways (GET and POST /api/method/, GET /?cmd=, POST / with cmd, GET /api/v2/method/).",
		"",
		"| class | route or method | expected (internet / staff LGWAN / staff outside) | internet | staff, LGWAN | staff, outside |",
		"|---|---|---|---|---|---|",
	]
	for p in probes:
		expected = "served / served / refused" if p.resident else "404 / passes / refused"
		cells = [p.got.get(k, "") for k in ("internet", "staff, LGWAN", "staff, outside")]
		mark = " **FAIL**" if p.failures else ""
		lines.append(f"| {p.kind} | `{p.label}`{mark} | {expected} | " + " | ".join(cells) + " |")
	lines += ["", "| session and address checks | expected | got | |", "|---|---|---|---|"]
	for label, expected, got, ok in sessions:
		lines.append(f"| {label} | {expected} | {got} | {'ok' if ok else '**FAIL**'} |")
	return "\n".join(lines) + "\n"


def summary(probes: list[Probe]) -> str:
	by_kind = Counter()
	asked = Counter()
	passed = Counter()
	for p in probes:
		by_kind[p.kind] += 1
		asked[p.kind] += len(p.internet)
		passed[p.kind] += not p.failures
	lines = [f"{'class':24} {'rows':>5} {'internet asks':>14} {'as expected':>12}"]
	for kind in sorted(by_kind):
		lines.append(f"{kind:24} {by_kind[kind]:>5} {asked[kind]:>14} {passed[kind]:>12}")
	lines.append("")
	lines.append(f"{'resident row':58} {'internet':>16} {'staff, LGWAN':>13} {'staff, outside':>15}")
	for p in probes:
		if p.resident:
			lines.append(
				f"{p.label[:58]:58} {p.got.get('internet', ''):>16} {p.got.get('staff, LGWAN', ''):>13} "
				f"{p.got.get('staff, outside', ''):>15}"
			)
	return "\n".join(lines)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--topology-dir", default=str(Path.home() / ".cache/mynumber_card-topology"))
	parser.add_argument("--bench", default=str(Path.home() / "frappe-bench"))
	parser.add_argument("--admin-password", default="admin")
	parser.add_argument("--markdown", help="write the full table to this file")
	args = parser.parse_args()
	settings = json.loads((Path(args.topology_dir) / "doors.json").read_text())
	allow = nginx_doors.load_allowlist()
	os.chdir(Path(args.bench) / "sites")  # Frappe writes its logs to ../logs from there
	frappe.init(site=settings["site"], sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	apps = frappe.get_installed_apps()
	import_everything(apps)
	methods = whitelisted_methods()
	routes = {**www_routes(apps), **web_form_routes()}
	facts = site_facts(args, settings)
	display = settings["public_display"]
	probes = (
		resident_probes(allow, display, facts)
		+ method_probes(methods, allow, display)
		+ route_probes(routes, allow, display)
		+ desk_and_data_probes(facts, display)
		+ smuggling_probes(facts)
	)
	site = settings["site"]
	internet = Door(settings["internet_port"], site, settings["load_balancer"], RESIDENT)
	lgwan = Door(settings["staff_port"], site)
	outside = Door(settings["staff_port"], site, OUTSIDE)
	for probe in probes:
		run_probe(probe, internet, lgwan, outside)
	sessions = session_checks(settings, facts) + resident_journey(settings)
	if args.markdown:
		Path(args.markdown).write_text(markdown(probes, sessions, settings), encoding="utf-8")
	print(summary(probes))
	print()
	for label, expected, got, ok in sessions:
		print(f"{'ok  ' if ok else 'FAIL'} {label}: {expected}, {got}")
	failures = [f for p in probes for f in p.failures] + [s[0] for s in sessions if not s[3]]
	missing = unclassified(methods, routes, allow)
	for name in missing:
		failures.append(f"not classified in deploy/doors.toml: {name}")
	print(
		f"\n{len(probes)} rows, {sum(len(p.internet) + 2 for p in probes)} requests; {len(failures)} failures"
	)
	for failure in failures[:60]:
		print("  " + failure)
	frappe.destroy()
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()
