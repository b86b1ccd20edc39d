"""The resident's side of the counter queue without a site (core/queue_phone.py, the ticket link of
core/signing.py, the framing rule of core/csp.py): what the phone shows and when it is told, the public
waits, and the checks of a push subscription and of the town's origin lists."""

import base64
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mynumber_card.core import csp
from mynumber_card.core import queue as q
from mynumber_card.core import queue_phone as qp
from mynumber_card.core.signing import (
	ExpiredToken,
	InvalidToken,
	make_check_in_code,
	make_ticket_token,
	make_token,
	read_check_in_code,
	read_link,
	read_ticket_token,
)
from tests.app_files import doctypes

SECRET = "site-secret"
DAY = date(2026, 12, 8)
MEDIANS = {"申請サポート": 12.0, "カード受取": 6.0}


def b64(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).decode().rstrip("=")


P256DH = b64(b"\x04" + bytes(range(64)))
AUTH = b64(bytes(range(16)))
SERVICES = ["https://fcm.googleapis.com", "https://*.notify.windows.com"]


def subscription(endpoint="https://fcm.googleapis.com/fcm/send/abc:def", p256dh=P256DH, auth=AUTH):
	return {"endpoint": endpoint, "expirationTime": None, "keys": {"p256dh": p256dh, "auth": auth}}


# The ticket link --------------------------------------------------------------------------------------


def test_ticket_token_round_trip_on_its_day_only():
	token = make_ticket_token("a1b2c3d4e5", DAY, SECRET)
	assert read_ticket_token(token, SECRET, DAY) == "a1b2c3d4e5"
	assert "a1b2c3d4e5" not in token
	with pytest.raises(ExpiredToken):
		read_ticket_token(token, SECRET, date(2026, 12, 9))
	with pytest.raises(InvalidToken):  # a day to come: never made
		read_ticket_token(token, SECRET, date(2026, 12, 7))


@pytest.mark.parametrize(
	"mutate",
	[
		lambda t: t[:-2] + ("AA" if t[-2:] != "AA" else "BB"),
		lambda t: "x" + t,
		lambda t: t.replace(".", ""),
		lambda t: "",
	],
)
def test_a_tampered_ticket_token_is_refused(mutate):
	with pytest.raises(InvalidToken):
		read_ticket_token(mutate(make_ticket_token("a1b2c3d4e5", DAY, SECRET)), SECRET, DAY)


def test_one_kind_of_signed_link_is_never_taken_for_another():
	ticket = make_ticket_token("a1b2c3d4e5", DAY, SECRET)
	manage = make_token("a1b2c3d4e5", datetime(2026, 12, 9), SECRET)
	with pytest.raises(InvalidToken):
		read_link(ticket, SECRET, datetime(2026, 12, 8))
	with pytest.raises(InvalidToken):
		read_ticket_token(manage, SECRET, DAY)
	with pytest.raises(InvalidToken):
		read_check_in_code(ticket, SECRET)
	with pytest.raises(InvalidToken):
		read_ticket_token(make_check_in_code("a1b2c3d4e5", 0, DAY, SECRET), SECRET, DAY)
	with pytest.raises(InvalidToken):
		read_ticket_token(ticket, "another-site", DAY)


def test_the_ticket_link_fits_a_small_qr():
	url = "https://yoyaku.town.example.lg.jp/queue-ticket?token=" + make_ticket_token(
		"a1b2c3d4e5", DAY, SECRET
	)
	assert len(url) < 110  # a version 6 QR at level M


# What the phone shows ------------------------------------------------------------------------------------


@given(
	st.lists(st.sampled_from(["申請サポート", "カード受取", "更新"]), max_size=40),
	st.integers(min_value=0, max_value=8),
)
def test_the_line_tells_each_ticket_what_the_kiosk_would(purposes, counters):
	waits = qp.line_estimates(purposes, MEDIANS, 10, counters)
	expected = [
		q.rounded_wait(q.estimate_wait(purposes[:index], MEDIANS, 10, counters))
		for index in range(len(purposes))
	]
	assert waits == expected


def test_a_worked_line():
	# two counters: 0 → 0, 12/2=6 → 10, (12+6)/2=9 → 10, (12+6+10)/2=14 → 15
	assert qp.line_estimates(["申請サポート", "カード受取", "更新", "申請サポート"], MEDIANS, 10, 2) == [
		0,
		10,
		10,
		15,
	]


def test_polling_is_fast_only_where_a_call_may_come_soon():
	assert qp.poll_seconds(None, 3, 2) == qp.FAST_POLL_S  # called, served, or any state but waiting
	assert qp.poll_seconds(5, 3, 2) == qp.FAST_POLL_S
	assert qp.poll_seconds(6, 3, 2) == qp.SLOW_POLL_S
	assert qp.poll_seconds(1, 0, 0) == qp.FAST_POLL_S
	assert qp.FAST_POLL_S < 3  # the call reaches a polling phone within 3 s of the clerk's press


def test_every_ticket_state_has_a_status_on_the_page():
	assert {qp.status(state) for state in q.STATES} == set(qp.STATUSES.values())
	assert set(qp.STATUSES) == set(q.STATES)


def test_call_key_changes_with_each_call():
	first = qp.call_key("B-012", datetime(2026, 12, 8, 10, 0, 0))
	recall = qp.call_key("B-012", datetime(2026, 12, 8, 10, 1, 30))
	assert first != recall and first.startswith("B-012@")
	assert qp.call_key("B-012", None) == ""


# When to tell ------------------------------------------------------------------------------------------


def test_near_is_told_once_when_at_most_n_are_ahead():
	fresh = qp.AlertMarks()
	assert qp.due_alerts(fresh, q.WAITING, 4, "", 3) == ()
	assert qp.due_alerts(fresh, q.WAITING, 3, "", 3) == (qp.NEAR,)
	assert qp.due_alerts(fresh, q.WAITING, 0, "", 3) == (qp.NEAR,)
	assert qp.due_alerts(qp.AlertMarks(near_sent=True), q.WAITING, 1, "", 3) == ()


def test_each_call_and_recall_is_told_once():
	key = "B-012@2026-12-08T10:00:00"
	fresh = qp.AlertMarks()
	assert qp.due_alerts(fresh, q.CALLED, None, key, 3) == (qp.CALLED,)
	told = qp.AlertMarks(near_sent=True, called_key=key)
	assert qp.due_alerts(told, q.CALLED, None, key, 3) == ()
	assert qp.due_alerts(told, q.CALLED, None, "B-012@2026-12-08T10:01:00", 3) == (qp.CALLED,)


@pytest.mark.parametrize("state", [q.SERVING, q.DONE, q.SKIPPED, q.TO_STAFF, q.CANCELLED])
def test_nothing_is_told_outside_the_line(state):
	assert qp.due_alerts(qp.AlertMarks(), state, None, "", 3) == ()


def test_a_threshold_of_zero_tells_only_the_next_one():
	assert qp.due_alerts(qp.AlertMarks(), q.WAITING, 1, "", 0) == ()
	assert qp.due_alerts(qp.AlertMarks(), q.WAITING, 0, "", 0) == (qp.NEAR,)


# The public waits ----------------------------------------------------------------------------------------


def test_waits_per_purpose_in_one_queue():
	waiting = [(None, "申請サポート"), (None, "カード受取"), (None, "申請サポート")]
	rows = qp.waits(waiting, ["申請サポート", "カード受取", "更新"], MEDIANS, 10, 2)
	assert [(r.location, r.purpose, r.waiting) for r in rows] == [
		(None, "申請サポート", 2),
		(None, "カード受取", 1),
		(None, "更新", 0),
	]
	# a newcomer waits behind all three: (12 + 6 + 12) / 2 = 15
	assert {r.minutes for r in rows} == {15}


def test_waits_with_nobody_waiting():
	rows = qp.waits([], ["申請サポート"], MEDIANS, 10, 2)
	assert [(r.location, r.purpose, r.waiting, r.minutes) for r in rows] == [(None, "申請サポート", 0, 0)]


def test_waits_per_office_when_tickets_carry_one():
	waiting = [("本庁", "申請サポート"), ("北支所", "カード受取"), ("本庁", "カード受取")]
	rows = qp.waits(waiting, ["申請サポート", "カード受取"], MEDIANS, 10, 1)
	assert [(r.location, r.purpose, r.waiting, r.minutes) for r in rows] == [
		("北支所", "申請サポート", 0, 10),
		("北支所", "カード受取", 1, 10),
		("本庁", "申請サポート", 1, 20),
		("本庁", "カード受取", 1, 20),
	]


def test_a_purpose_no_longer_offered_still_shows_its_waiting():
	rows = qp.waits([(None, "旧い用件")], ["申請サポート"], MEDIANS, 10, 1)
	assert [(r.purpose, r.waiting) for r in rows] == [("申請サポート", 0), ("旧い用件", 1)]


@pytest.mark.parametrize(
	("now", "open_today", "expected"),
	[
		(time(8, 0), True, qp.BEFORE_HOURS),
		(time(8, 30), True, qp.OPEN),
		(time(16, 59), True, qp.OPEN),
		(time(17, 0), True, qp.ENDED_FOR_TODAY),
		(time(22, 0), True, qp.ENDED_FOR_TODAY),
		(time(10, 0), False, qp.CLOSED_TODAY),
	],
)
def test_reception_hours(now, open_today, expected):
	assert qp.reception(now, time(8, 30), time(17, 0), open_today) == expected


# What comes from outside ---------------------------------------------------------------------------------


def test_a_subscription_to_a_listed_push_service():
	checked = qp.checked_subscription(subscription(), SERVICES)
	assert checked == qp.PushSubscription("https://fcm.googleapis.com/fcm/send/abc:def", P256DH, AUTH)
	wild = qp.checked_subscription(
		subscription("https://wns2-par02p.notify.windows.com/w/?token=x"), SERVICES
	)
	assert wild.endpoint.startswith("https://wns2-par02p")


@pytest.mark.parametrize(
	"endpoint",
	[
		"https://fcm.googleapis.com.evil.example/x",
		"https://evil.example/fcm.googleapis.com",
		"http://fcm.googleapis.com/x",  # another scheme
		"https://fcm.googleapis.com:8443/x",  # another port
		"https://notify.windows.com.evil.example/x",
		"https://evilnotify.windows.com/x",
		"https://user@fcm.googleapis.com/x",
		"http://127.0.0.1:8000/api/method/frappe.client.delete",
		"http://10.20.0.5/internal",
		"file:///etc/passwd",
		"javascript:alert(1)",
		"https://fcm.googleapis.com/x y",
		"https://fcm.googleapis.com/\nx",
	],
)
def test_no_other_address_is_taken(endpoint):
	with pytest.raises(qp.Refused):
		qp.checked_subscription(subscription(endpoint), SERVICES)


@pytest.mark.parametrize(
	"data",
	[
		None,
		"text",
		[],
		{"endpoint": "https://fcm.googleapis.com/x"},
		subscription(p256dh=b64(b"\x04" + bytes(10))),
		subscription(p256dh=b64(b"\x02" + bytes(64))),  # not an uncompressed point
		subscription(auth=b64(bytes(8))),
		subscription(auth="not base64!"),
		subscription(p256dh=12345),
		subscription(endpoint="https://fcm.googleapis.com/" + "x" * 2000),
		{"endpoint": 5, "keys": {}},
	],
)
def test_a_malformed_subscription_is_refused(data):
	with pytest.raises(qp.Refused) as refused:
		qp.checked_subscription(data, SERVICES)
	assert refused.value.key == "bad_subscription"


@given(st.text(max_size=300))
def test_any_text_as_an_endpoint_is_refused_or_a_listed_origin(endpoint):
	try:
		checked = qp.checked_subscription(subscription(endpoint), SERVICES)
	except qp.Refused:
		return
	assert qp.origin_allowed(qp.origin_of(checked.endpoint), SERVICES)


def test_origin_lines():
	good, bad = qp.origin_lines(
		"https://www.town.example.lg.jp/\n\n  https://*.town.example.lg.jp \nhttp://127.0.0.1:8047\n"
		"https://x.example/path\nwww.town.example\nhttps://a.example'; script-src *\nhttps://www.town.example.lg.jp"
	)
	assert good == ["https://www.town.example.lg.jp", "https://*.town.example.lg.jp", "http://127.0.0.1:8047"]
	assert [number for number, _line in bad] == [5, 6, 7]


def test_the_embed_may_be_framed_by_the_towns_sites_only():
	header = csp.policy(frame_ancestors=["https://www.town.example.lg.jp"])
	assert "frame-ancestors 'self' https://www.town.example.lg.jp;" in header
	assert "frame-ancestors 'self';" in csp.policy()
	assert csp.resident_route("/queue-waits-embed", csp.EMBED_ROUTES)
	assert not csp.resident_route("/queue-waits", csp.EMBED_ROUTES)
	for route in ("/queue-ticket", "/queue-waits", "/queue-waits-embed"):
		assert csp.resident_route(route, csp.RESIDENT_ROUTES)


def test_the_settings_default_is_the_core_constant():
	fields = {f["fieldname"]: f for f in doctypes()["MyNumber Card Settings"]["fields"]}
	assert int(fields["queue_near_alert"]["default"]) == qp.NEAR_DEFAULT
	services, bad = qp.origin_lines(fields["queue_push_services"]["default"])
	assert services and not bad
	assert time.fromisoformat(fields["queue_reception_opens"]["default"]) < time.fromisoformat(
		fields["queue_reception_closes"]["default"]
	)
