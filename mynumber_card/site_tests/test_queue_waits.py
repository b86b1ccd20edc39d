"""The public waits (/queue-waits, /queue-waits-embed and their guest endpoint) on a real site: the number
waiting per purpose equals an independent count in SQL, the wait is the one a new ticket would get,
and after the closing time the page says that reception has ended for the day."""

import math
import re
from datetime import timedelta

import frappe
from frappe.utils import getdate, now_datetime

from mynumber_card.api import queue_phone as api
from mynumber_card.core import queue as q
from mynumber_card.counter_queue import figures, tickets
from mynumber_card.mynumber_card.doctype.queue_ticket.test_queue_ticket import (
	PURPOSE,
	QueueTestCase,
	make_purpose,
	set_rules,
)

OTHER = "行列テスト用その二"
_ROW = re.compile(
	r'<th scope="row" class="mnc-qw-purpose">([^<]+)</th><td class="mnc-qw-num"><span class="mnc-qw-waiting">(\d+)</span>'
	r'.*?<span class="mnc-qw-minutes">(\d+)</span>',
	re.S,
)


def counted_in_sql() -> dict[str, int]:
	"""Waiting tickets of today per purpose, counted apart from the app's code."""
	rows = frappe.db.sql(
		"""select purpose, count(*) from `tabQueue Ticket`
		where ticket_date = %s and state = 'Waiting' group by purpose""",
		getdate(now_datetime()),
	)
	return dict(rows)


def open_counters_in_sql() -> int:
	rows = frappe.db.sql(
		"""select count(distinct counter) from `tabQueue Ticket`
		where ticket_date = %s and counter > 0 and last_called_at >= %s""",
		(getdate(now_datetime()), now_datetime() - timedelta(minutes=60)),
	)
	return rows[0][0] or 3  # the counters set in QueueTestCase


class TestWaits(QueueTestCase):
	def setUp(self):
		super().setUp()
		make_purpose(OTHER)
		frappe.db.delete("Queue Ticket", {"purpose": OTHER})
		figures.service_medians.clear_cache()  # none measured for the tests' purposes: the default
		set_rules(
			queue_reception_opens="00:00:00",
			queue_reception_closes="23:59:59",
			queue_default_service_minutes=10,
		)

	def make_day(self):
		"""Tickets in every state, of two purposes, and one of yesterday still waiting."""
		made = [tickets.issue(q.WALK_IN, purpose) for purpose in [PURPOSE] * 5 + [OTHER] * 4]
		tickets.call_next(2, PURPOSE)  # one of PURPOSE called
		tickets.act(tickets.call_next(3, OTHER).name, q.FINISH)  # one of OTHER done
		tickets.act(made[4].name, q.CANCEL)
		yesterday = tickets.issue(q.WALK_IN, PURPOSE)
		frappe.db.set_value(
			"Queue Ticket", yesterday.name, "ticket_date", getdate(now_datetime()) - timedelta(days=1)
		)
		return made

	def test_the_numbers_equal_an_independent_count(self):
		self.make_day()
		counted = counted_in_sql()
		self.assertEqual(counted, {PURPOSE: 3, OTHER: 3})
		state = api.waits_state()
		self.assertEqual(state["reception"], "open")
		shown = {row["purpose"]: row["waiting"] for row in state["rows"]}
		self.assertEqual({p: shown[p] for p in counted}, counted)
		self.assertTrue(all(shown[p] == 0 for p in shown if p not in counted))
		# a new ticket waits behind all six, at the default service time, on the counters open now
		expected = q.rounded_wait(math.ceil(sum(counted.values()) * 10 / open_counters_in_sql()))
		self.assertEqual({row["minutes"] for row in state["rows"]}, {expected})
		# and the page shows the same
		for route in ("queue-waits", "queue-waits-embed"):
			html = self.render(route)
			rows = {purpose: (int(waiting), int(minutes)) for purpose, waiting, minutes in _ROW.findall(html)}
			self.assertEqual(
				{p: rows[p] for p in counted}, {p: (n, expected) for p, n in counted.items()}, route
			)
			self.assertTrue('data-reception="open"' in html, route)

	def test_after_hours_reception_has_ended(self):
		self.make_day()
		set_rules(queue_reception_opens="00:00:00", queue_reception_closes="00:00:01")
		state = api.waits_state()
		self.assertEqual((state["reception"], state["rows"]), ("ended", []))
		html = self.render("queue-waits")
		self.assertTrue('data-reception="ended"' in html)
		self.assertEqual(_ROW.findall(html), [])  # no table: the message only (shown by data-reception)

	def test_a_bad_origin_in_the_settings_is_refused(self):
		settings = frappe.get_doc("MyNumber Card Settings")
		settings.queue_waits_frame_origins = (
			"https://www.town.example.lg.jp\nhttps://x.example/'; script-src *"
		)
		with self.assertRaises(frappe.ValidationError) as refused:
			settings.save()
		self.assertIn("2", str(refused.exception))
		settings.reload()
		settings.queue_reception_opens, settings.queue_reception_closes = "17:00:00", "08:30:00"
		with self.assertRaises(frappe.ValidationError):
			settings.save()

	def render(self, route: str) -> str:
		from frappe.website.serve import get_response

		user = frappe.session.user
		frappe.set_user("Guest")
		try:
			frappe.local.form_dict = frappe._dict()
			response = get_response(route)
			self.assertEqual(response.status_code, 200)
			return response.get_data(as_text=True)
		finally:
			frappe.set_user(user)
