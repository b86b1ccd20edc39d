# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Issue 26 over two sites: this test site is the town, a second site (made once, then migrated) is the
prefecture's overview, served on its own port. The town's scheduler job pushes yesterday's report over
HTTP under its API key; the overview pulls it back over HTTP from the served town; the overview's figures
equal a count made here in another way; a town that stops reporting shows late with its last figures;
and a dump of the overview's database holds no name or birth date of the town's cards."""

import json
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from mynumber_card.core import lifecycle, town_report
from mynumber_card.prefecture import overview, overview_pages, registry, reporting, roles, site_role
from mynumber_card.testing import BASE_URL, make_card

OVERVIEW = os.environ.get("MNC_PREF_OVERVIEW_SITE", "pref-overview-test.localhost")
OVERVIEW_PORT = int(os.environ.get("MNC_PREF_OVERVIEW_PORT", "8019"))
OVERVIEW_URL = f"http://127.0.0.1:{OVERVIEW_PORT}"
SITES_PATH = ""
TOWN_CODE = "085464"  # 五霞町
# distinctive holders: the overview's dump is searched for them
HOLDERS = (("県境 試験花子", "1951-07-23"), ("報告 試験次郎", "1966-11-09"))


def sites_path() -> str:
	# read once in the test's own thread: frappe.local is empty in the overview's threads
	global SITES_PATH
	if not SITES_PATH:
		SITES_PATH = os.path.abspath(frappe.local.sites_path)
	return SITES_PATH


def bench(*args: str, timeout: int = 600):
	subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=sites_path(),
		check=True,
		capture_output=True,
		timeout=timeout,
	)


def on_overview(work, *args):
	"""work(*args) on the overview site, in a thread of its own (frappe.local is per thread), committed."""
	found = {}

	path = sites_path()

	def run():
		frappe.init(site=OVERVIEW, sites_path=path)
		frappe.connect()
		try:
			frappe.set_user("Administrator")
			found["value"] = work(*args)
			frappe.db.commit()
		except BaseException as error:
			frappe.db.rollback()
			found["error"] = error
		finally:
			frappe.destroy()

	thread = threading.Thread(target=run)
	thread.start()
	thread.join()
	if "error" in found:
		raise found["error"]
	return found.get("value")


def make_overview_site():
	"""The overview site: made once (the one extra site of the suite), migrated on later runs."""
	if os.path.isfile(os.path.join(sites_path(), OVERVIEW, "site_config.json")):
		bench("--site", OVERVIEW, "migrate")
	else:
		password = os.environ.get("MNC_DB_ROOT_PASSWORD") or frappe.conf.get("root_password") or "root"
		bench(
			"new-site",
			OVERVIEW,
			"--db-root-password",
			password,
			"--admin-password",
			"admin",
			"--install-app",
			"mynumber_card",
		)

	def become_overview():
		# Japan time, as the town's test site keeps (install.before_tests): a new site keeps Frappe's
		# default zone, and "yesterday" would differ between the two sites for part of the day.
		system = frappe.get_single("System Settings")
		system.time_zone = "Asia/Tokyo"
		system.flags.ignore_mandatory = True
		system.save()
		settings = frappe.get_single(site_role.SETTINGS)
		settings.site_role = site_role.OVERVIEW
		settings.late_after_days = 1
		settings.save()

	on_overview(become_overview)


def serve_overview():
	log = open(os.path.join(sites_path(), OVERVIEW, "serve-test.log"), "w")
	server = subprocess.Popen(
		[
			sys.executable,
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			OVERVIEW,
			"serve",
			"--port",
			str(OVERVIEW_PORT),
			"--noreload",
		],
		cwd=sites_path(),
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	for _ in range(120):
		if server.poll() is not None:  # its own server, never another one left on the port
			raise RuntimeError(f"the overview site could not be served on {OVERVIEW_URL}: see serve-test.log")
		try:
			if requests.get(f"{OVERVIEW_URL}/api/method/ping", timeout=2).ok:
				return server
		except requests.RequestException:
			pass
		time.sleep(0.5)
	server.kill()
	raise RuntimeError(f"the overview site did not start on {OVERVIEW_URL}")


def independent_counts(day) -> dict:
	"""The town's figures counted here another way: frappe.db.count with filters, not the report's
	queries (the held count as the ministry defines it, with the town's earlier records)."""
	Card = "MyNumber Card"
	issued_by_then = frappe.db.count(Card, {"issued_date": ["<=", day]})
	ended_by_then = frappe.db.count(Card, {"issued_date": ["<=", day], "held_until": ["<=", day]})
	earlier = frappe.get_all(
		"Earlier Issuance Figure",
		filters={"month": ["<=", day]},
		fields=["issued", "held"],
		order_by="month desc",
		limit=1,
	)
	earlier_issued, earlier_held = (earlier[0].issued or 0, earlier[0].held or 0) if earlier else (0, 0)
	uncollected = frappe.db.count(
		Card,
		{
			"workflow_state": [
				"in",
				["Notice Sent", "Re-notice Sent", "Booked", "Mailed", "Mail Returned", "Pending Disposal"],
			],
			"disposal_deadline": ["<", day],
		},
	)
	return {
		"cards_received": frappe.db.count(Card, {"received_date": day}),
		"cards_issued": frappe.db.count(Card, {"issued_date": day}),
		"cards_issued_total": issued_by_then + earlier_issued,
		"cards_held": issued_by_then - ended_by_then + earlier_held,
		"uncollected_past_deadline": uncollected,
		"bookings": frappe.db.count(
			"Card Booking", {"slot_date": day, "workflow_state": ["not in", ["Cancelled", "No-show"]]}
		),
		"population": frappe.db.get_single_value("MyNumber Card Settings", "population") or 0,
	}


def stop(server):
	server.terminate()
	server.wait(timeout=30)


class TestPrefectureOverview(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_overview_site()
		cls.server = serve_overview()
		cls.addClassCleanup(stop, cls.server)  # also when the rest of setUpClass fails
		cls.day = reporting.yesterday()
		# the town: its code, population and a few cards of yesterday (held, received, past deadline)
		settings = frappe.get_single("MyNumber Card Settings")
		settings.local_government_code = TOWN_CODE
		settings.town_name = settings.town_name or "五霞町"
		settings.population = settings.population or 8012
		settings.save()
		cls.cards = []
		for (name, birth), state in zip(HOLDERS, (lifecycle.ISSUED, lifecycle.NOTICE_SENT), strict=True):
			card = make_card(state, full_name=name, birth_date=birth)
			card.db_set({"received_date": cls.day})
			if state == lifecycle.ISSUED:
				card.db_set("issued_date", cls.day)
			else:
				card.db_set("disposal_deadline", add_days(cls.day, -1))
			cls.cards.append(card.name)
		# pushing and pulling servers read committed rows: the town's side is committed, removed after
		frappe.db.commit()
		keys = on_overview(registry.register_town, TOWN_CODE, "五霞町", "町", "goka.localhost")
		registry.link_town(OVERVIEW_URL, keys)
		frappe.db.set_single_value(site_role.SETTINGS, "last_report_sent", None)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		for name in cls.cards:
			frappe.delete_doc("MyNumber Card", name, force=True, ignore_permissions=True)
		frappe.db.set_single_value(site_role.SETTINGS, "report_transport", "None")
		frappe.db.commit()
		super().tearDownClass()

	def stored_report(self):
		return on_overview(
			lambda: frappe.db.get_value(
				overview.REPORT, {"town": TOWN_CODE, "report_date": self.day}, ["*"], as_dict=True
			)
		)

	def test_1_the_scheduler_job_pushes_and_the_figures_equal_a_count_on_the_town(self):
		on_overview(lambda: frappe.db.delete(overview.REPORT, {"town": TOWN_CODE}))
		reporting.send_daily_report()  # the daily job, as the scheduler runs it
		self.assertEqual(
			getdate(frappe.db.get_single_value(site_role.SETTINGS, "last_report_sent")), self.day
		)
		stored = self.stored_report()
		self.assertIsNotNone(stored, "the overview has no report")
		self.assertEqual(stored.transport, "Push")
		expected = independent_counts(self.day)
		self.assertGreaterEqual(expected["cards_issued"], 1)
		self.assertGreaterEqual(expected["uncollected_past_deadline"], 1)
		for key, value in expected.items():
			self.assertEqual(stored[key], value, key)

	def test_2_the_overview_pulls_the_same_payload_over_http(self):
		email = "pref-puller@prefecture-reporting.invalid"
		roles.ensure_roles()
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": "pull",
					"user_type": "Website User",
					"send_welcome_email": 0,
					"roles": [{"role": roles.REPORTER}],
				}
			).insert(ignore_permissions=True)
		user = frappe.get_doc("User", email)
		user.api_key = user.api_key or frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		user.api_secret = secret
		user.save(ignore_permissions=True)
		frappe.db.commit()

		def pull():
			town = frappe.get_doc(overview.TOWN, TOWN_CODE)
			town.update(
				{
					"transport": "Pull",
					"site_url": BASE_URL,
					"pull_api_key": user.api_key,
					"pull_api_secret": secret,
				}
			)
			town.save()
			frappe.db.delete(overview.REPORT, {"town": TOWN_CODE})
			try:
				return overview.pull_town(TOWN_CODE, self.day)
			finally:
				town.reload()
				town.transport = "Push"
				town.save()

		on_overview(pull)
		stored = self.stored_report()
		self.assertEqual(stored.transport, "Pull")
		pushed = town_report.read_report(
			reporting.signed_report(self.day),
			frappe.get_single(site_role.SETTINGS).get_password("report_signing_secret"),
		)
		for key in town_report.FIGURES:
			# a Float column keeps "no median" (nobody queued) as 0; tickets_served = 0 says it is none
			self.assertEqual(stored[key], pushed[key] if pushed[key] is not None else 0, key)
		# the same method refuses a caller without the prefecture's role
		answer = requests.get(
			f"{BASE_URL}/api/method/mynumber_card.prefecture.reporting.report_for",
			params={"report_date": str(self.day)},
			timeout=30,
		)
		self.assertIn(answer.status_code, (401, 403))

	def test_3_a_town_that_stops_reporting_shows_late_with_its_last_figures(self):
		def stop_reporting():
			frappe.db.delete(overview.REPORT, {"town": TOWN_CODE})
			old = self.day - timedelta(days=4)
			secret = frappe.get_doc(overview.TOWN, TOWN_CODE).get_password("signing_secret")
			report = town_report.make_report(
				TOWN_CODE, old, dict.fromkeys(town_report.FIGURES, 7) | {"median_wait_minutes": 3.5}, secret
			)
			overview.store_report(TOWN_CODE, report, "Push")
			frappe.db.set_value(overview.TOWN, TOWN_CODE, "last_report_date", old)
			return next(row for row in overview_pages.town_rows() if row["town"] == TOWN_CODE)

		row = on_overview(stop_reporting)
		self.assertTrue(row["late"])
		self.assertEqual(row["days_late"], 4)
		self.assertEqual(row["cards_held"], 7)  # its last figures, not zeros
		frappe.db.set_single_value(site_role.SETTINGS, "last_report_sent", add_days(self.day, -1))
		reporting.send_daily_report()  # back on time: the job sends the days after its last sent day
		row = on_overview(lambda: next(r for r in overview_pages.town_rows() if r["town"] == TOWN_CODE))
		self.assertFalse(row["late"])

	def test_4_a_report_with_a_personal_field_is_refused_by_the_overview(self):
		report = reporting.signed_report(self.day)
		report["full_name"] = HOLDERS[0][0]
		settings = frappe.get_single(site_role.SETTINGS)
		response = requests.post(
			OVERVIEW_URL + reporting.RECEIVE_METHOD,
			json={"report": report},
			headers={
				"Authorization": f"token {settings.overview_api_key}:{settings.get_password('overview_api_secret')}"
			},
			timeout=30,
		)
		self.assertEqual(response.status_code, 417)
		self.assertNotIn(HOLDERS[0][0], json.dumps(self.stored_report(), default=str))

	def test_5_the_overview_database_holds_no_name_or_birth_date(self):
		reporting.send_daily_report()
		config = json.load(open(os.path.join(sites_path(), OVERVIEW, "site_config.json")))
		dump = subprocess.run(
			[
				"mariadb-dump",
				"--protocol=tcp",
				"-h",
				config.get("db_host", "127.0.0.1"),
				"-u",
				config["db_name"],
				f"-p{config['db_password']}",
				"--skip-extended-insert",
				config["db_name"],
			],
			capture_output=True,
			check=True,
			timeout=300,
		).stdout.decode("utf-8", "replace")
		self.assertIn("tabTown Report", dump)
		names = set(frappe.get_all("MyNumber Card", filters={"full_name": ["is", "set"]}, pluck="full_name"))
		self.assertTrue({name for name, _birth in HOLDERS} <= names)
		for name in names:
			self.assertNotIn(name, dump)
		for _name, birth in HOLDERS:
			self.assertNotIn(birth, dump)
