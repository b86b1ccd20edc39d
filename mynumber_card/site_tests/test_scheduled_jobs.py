# Copyright (c) 2026, mynumber_card contributors
# License: MIT. See license.txt
"""Scheduled jobs handle each record on its own: one poisoned record is rolled back and named in the
Error Log, and the others are still done."""

from datetime import datetime, timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, today

from mynumber_card.core import booking_states, lifecycle
from mynumber_card.testing import booking_values, make_card, make_slot


def error_log(title: str):
	"""The log this run wrote. Frappe's Error Log table is not transactional (MyISAM): logs of earlier
	runs stay, and after their rollback the same record names come again."""
	return frappe.db.get_value(
		"Error Log",
		{"method": title, "creation": (">=", frappe.flags.mnc_jobs_test_started)},
		["method", "error"],
		as_dict=True,
	)


def booking(**values):
	return frappe.get_doc(booking_values(make_slot().name, **values)).insert()


class TestScheduledJobsIsolateRecords(FrappeTestCase):
	def setUp(self):
		frappe.flags.mnc_jobs_test_started = now_datetime()

	def test_overdue_cards_move_past_a_card_that_cannot_be_saved(self):
		from mynumber_card.ledger.deadlines import move_overdue_cards_to_pending_disposal

		cards = [make_card(lifecycle.NOTICE_SENT, full_name="期限 毒入") for _ in range(3)]
		for card in cards:
			frappe.db.set_value(card.doctype, card.name, "disposal_deadline", add_days(today(), -1))
		poisoned = cards[1]
		# a required field emptied behind the app's back: saving this card raises
		frappe.db.set_value(poisoned.doctype, poisoned.name, "application_id", None)

		failed = []
		moved = move_overdue_cards_to_pending_disposal(on=today(), failed=failed)

		self.assertIn(cards[0].name, moved)
		self.assertIn(cards[2].name, moved)
		self.assertNotIn(poisoned.name, moved)
		self.assertIn(poisoned.name, failed)
		self.assertNotIn(cards[0].name, failed)
		states = {c.name: frappe.db.get_value(c.doctype, c.name, "workflow_state") for c in cards}
		self.assertEqual(
			[states[c.name] for c in cards],
			[lifecycle.PENDING_DISPOSAL, lifecycle.NOTICE_SENT, lifecycle.PENDING_DISPOSAL],
		)
		self.assertIsNone(error_log(f"Disposal deadline: MyNumber Card {cards[0].name}"))
		log = error_log(f"Disposal deadline: MyNumber Card {poisoned.name}")
		self.assertIsNotNone(log)
		self.assertNotIn("期限 毒入", log.error)  # the record's name, never its personal data
		self.assertNotIn("キゲン", log.error)

	def test_daily_moves_the_others_and_tells_managers_how_many_failed(self):
		from mynumber_card import tasks

		good, poisoned = make_card(lifecycle.NOTICE_SENT), make_card(lifecycle.NOTICE_SENT)
		for card in (good, poisoned):
			frappe.db.set_value(card.doctype, card.name, "disposal_deadline", add_days(today(), -1))
		frappe.db.set_value(poisoned.doctype, poisoned.name, "application_id", None)

		with patch.object(tasks, "notify_managers") as notify:
			tasks.daily()

		self.assertEqual(
			frappe.db.get_value(good.doctype, good.name, "workflow_state"), lifecycle.PENDING_DISPOSAL
		)
		self.assertEqual(
			frappe.db.get_value(poisoned.doctype, poisoned.name, "workflow_state"), lifecycle.NOTICE_SENT
		)
		self.assertIsNotNone(error_log(f"Disposal deadline: MyNumber Card {poisoned.name}"))
		subject = notify.call_args.args[0]
		self.assertIn(frappe._("{0} cards could not be moved: see the Error Log.").format(1), subject)

	def test_no_shows_are_marked_past_a_broken_booking(self):
		from mynumber_card.booking.jobs import mark_no_shows

		bookings = [booking() for _ in range(3)]
		poisoned = bookings[1]
		self.assertEqual(poisoned.workflow_state, booking_states.CONFIRMED)
		frappe.db.set_value("Card Booking", poisoned.name, "full_name", "")  # mandatory, now empty
		later = datetime.combine(getdate(poisoned.slot_date), datetime.min.time()) + timedelta(days=1)

		marked = mark_no_shows(now=later)

		self.assertIn(bookings[0].name, marked)
		self.assertIn(bookings[2].name, marked)
		self.assertNotIn(poisoned.name, marked)
		self.assertEqual(
			[frappe.db.get_value("Card Booking", b.name, "workflow_state") for b in bookings],
			[booking_states.NO_SHOW, booking_states.CONFIRMED, booking_states.NO_SHOW],
		)
		self.assertIsNotNone(error_log(f"Booking no-show: Card Booking {poisoned.name}"))

	def test_reminders_go_out_past_a_broken_booking(self):
		from mynumber_card.booking.jobs import reminder_days_before, send_reminders

		bookings = [booking() for _ in range(3)]
		poisoned = bookings[1]
		frappe.db.set_value("Card Booking", poisoned.name, "purpose", "存在しない目的")
		on = add_days(poisoned.slot_date, -reminder_days_before())

		sent = send_reminders(on=on)

		self.assertIn(bookings[0].name, sent)
		self.assertIn(bookings[2].name, sent)
		self.assertNotIn(poisoned.name, sent)
		self.assertEqual(
			[frappe.db.get_value("Card Booking", b.name, "reminder_sent") for b in bookings], [1, 0, 1]
		)
		self.assertIsNotNone(error_log(f"Booking reminder: Card Booking {poisoned.name}"))

	def test_a_reminder_setting_of_zero_reminds_on_the_day(self):
		from mynumber_card.booking.jobs import reminder_days_before, send_reminders

		settings = "MyNumber Card Settings"
		self.addCleanup(
			frappe.db.set_single_value,
			settings,
			"reminder_days_before",
			frappe.db.get_singles_dict(settings).get("reminder_days_before"),
		)
		frappe.db.set_single_value(settings, "reminder_days_before", 0)
		self.assertEqual(reminder_days_before(), 0)
		frappe.db.set_single_value(settings, "reminder_days_before", 2)
		self.assertEqual(reminder_days_before(), 2)
		frappe.db.delete("Singles", {"doctype": settings, "field": "reminder_days_before"})
		# the delete went past Frappe: its caches dropped, as after an update that adds the field
		frappe.clear_document_cache(settings, settings)
		frappe.db.value_cache.pop(settings, None)
		self.assertEqual(reminder_days_before(), 1)  # never set: the default in the doctype JSON

		frappe.db.set_single_value(settings, "reminder_days_before", 0)
		on_the_day = booking()
		self.assertIn(on_the_day.name, send_reminders(on=on_the_day.slot_date))

	def test_retention_goes_on_past_a_failing_batch(self):
		from mynumber_card import retention

		cards = []
		for _ in range(3):
			card = make_card(lifecycle.PENDING_DISPOSAL, full_name="保存 毒入")
			card.db_set({"workflow_state": lifecycle.DISPOSED, "disposed_date": add_days(today(), -4000)})
			cards.append(card)
		poisoned = cards[1].name
		anonymise = retention._anonymise_cards

		def failing(names):
			if poisoned in names:
				raise frappe.ValidationError("poisoned batch")
			anonymise(names)

		with patch.object(retention, "BATCH_SIZE", 1), patch.object(retention, "_anonymise_cards", failing):
			result = retention.anonymise_expired()

		self.assertGreaterEqual(result["cards"], 2)
		self.assertEqual(
			[frappe.db.get_value("MyNumber Card", c.name, "anonymised") for c in cards], [1, 0, 1]
		)
		self.assertIsNotNone(error_log(f"Retention: MyNumber Card {poisoned} … {poisoned} (1)"))
