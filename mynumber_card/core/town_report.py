"""The report a town sends to the prefecture's overview site: figures only, one report a day, signed.

What crosses is a fixed allowlist of counts (FIGURES) and three envelope keys (ENVELOPE): the town's
全国地方公共団体コード, the day the figures are for, the report format. Nothing else can be put in it:
`make_report` takes the figures by name and refuses any other key, and `read_report` on the overview
refuses a report with a key outside the list, a value that is not a whole number (a median may have a
fraction), or a bad signature. So no name, birth date, 個人番号, address or notice number can ride
along, whatever a later change to the town's counting code puts in the dictionary.

The signature is HMAC-SHA256 over the canonical JSON (sorted keys, no spaces) under a secret the town
and the overview share (one per town, set when the town is registered); the transport (a town's API key
when it pushes, the overview's key on the town when it pulls) says who sends, the signature that the
figures are the town's, unchanged on the way."""

import hashlib
import hmac
import json
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

FORMAT = 1
ENVELOPE = ("format", "town_code", "report_date")
# Counts for the day (flows) and at the day's end (stocks); population is the town's 住基人口 setting.
FIGURES = (
	"cards_received",  # 受領 from J-LIS that day
	"cards_issued",  # 交付 that day
	"cards_issued_total",  # 交付枚数 (cumulative, the ministry's 交付枚数)
	"cards_held",  # 保有枚数 at the day's end
	"uncollected_past_deadline",  # 未交付, past the disposal deadline
	"renewals_due",  # held cards whose card or e-certificate expires in the next 3 months
	"bookings",  # bookings for that day (not cancelled)
	"tickets_served",  # queue tickets served at the counter that day
	"median_wait_minutes",  # their median wait (None when nobody queued: stored 0, shown blank)
	"population",
)
ALLOWED_KEYS = frozenset(ENVELOPE + FIGURES + ("signature",))
FRACTION_ALLOWED = frozenset({"median_wait_minutes"})
MAX_FIGURE = 100_000_000
PURPOSE = "town-report"
CATCH_UP_DAYS = 31  # a town that was down a while sends the days it missed, up to a month


class ReportRefused(ValueError):
	pass


@dataclass(frozen=True)
class Lateness:
	late: bool
	days_late: int  # 0 when on time; the days since the expected report otherwise


def make_report(town_code: str, report_date: date, figures: dict, secret: str) -> dict:
	"""The signed report; every figure of FIGURES must be given, nothing else may be."""
	unknown = set(figures) - set(FIGURES)
	if unknown:
		raise ReportRefused(f"not a figure: {sorted(unknown)}")
	missing = set(FIGURES) - set(figures)
	if missing:
		raise ReportRefused(f"missing figures: {sorted(missing)}")
	report = {"format": FORMAT, "town_code": town_code, "report_date": report_date.isoformat()}
	for key in FIGURES:
		report[key] = _figure(key, figures[key])
	report["signature"] = sign(report, secret)
	return report


def _figure(key: str, value):
	if value is None:
		return None
	if isinstance(value, bool) or not isinstance(value, int | float):
		raise ReportRefused(f"{key} is not a number")
	if isinstance(value, float):
		if key not in FRACTION_ALLOWED:
			if not value.is_integer():
				raise ReportRefused(f"{key} is not a whole number")
			value = int(value)
		else:
			value = round(value, 1)
	if not 0 <= value <= MAX_FIGURE:
		raise ReportRefused(f"{key} is out of range")
	return value


def canonical(report: dict) -> bytes:
	body = {k: v for k, v in report.items() if k != "signature"}
	return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign(report: dict, secret: str) -> str:
	if not secret:
		raise ReportRefused("no signing secret")
	return hmac.new(secret.encode(), PURPOSE.encode() + b":" + canonical(report), hashlib.sha256).hexdigest()


def read_report(report, secret: str) -> dict:
	"""The report as the overview stores it, or ReportRefused: only allowed keys, every figure a number
	in range, the signature right."""
	if isinstance(report, str | bytes):
		try:
			report = json.loads(report)
		except ValueError:
			raise ReportRefused("not JSON")
	if not isinstance(report, dict):
		raise ReportRefused("not a report")
	unknown = set(report) - ALLOWED_KEYS
	if unknown:
		raise ReportRefused(f"keys outside the allowlist: {sorted(unknown)}")
	if set(ALLOWED_KEYS) - set(report):
		raise ReportRefused("incomplete report")
	if report["format"] != FORMAT:
		raise ReportRefused("unknown format")
	given = report.get("signature")
	if not isinstance(given, str) or not hmac.compare_digest(given.encode(), sign(report, secret).encode()):
		raise ReportRefused("bad signature")
	code = report["town_code"]
	if not isinstance(code, str) or len(code) != 6 or not code.isascii() or not code.isdigit():
		raise ReportRefused("bad town code")
	try:
		day = date.fromisoformat(report["report_date"])
	except (TypeError, ValueError):
		raise ReportRefused("bad date")
	figures = {key: _figure(key, report[key]) for key in FIGURES}
	return {"town_code": code, "report_date": day, **figures}


def median(values) -> float | None:
	found = [float(v) for v in values if v is not None]
	return round(statistics.median(found), 1) if found else None


def lateness(last_report_date: date | None, today: date, grace_days: int) -> Lateness:
	"""A town reports yesterday's figures each day. It is late once its newest report is older than
	yesterday by more than the grace days; a town that never reported is late from the start. A late
	town's figures are its last ones, marked late: never zeros."""
	expected = today - timedelta(days=1)
	if last_report_date is None:
		return Lateness(True, 0)
	behind = (expected - last_report_date).days
	return Lateness(behind > grace_days, max(behind, 0))


def days_to_send(last_sent: date | None, until: date) -> list[date]:
	"""The ended days a town has not sent yet, oldest first: from the day after the last one sent (only
	`until` for a town that never sent), at most CATCH_UP_DAYS."""
	first = last_sent + timedelta(days=1) if last_sent else until
	first = max(first, until - timedelta(days=CATCH_UP_DAYS - 1))
	return [first + timedelta(days=n) for n in range((until - first).days + 1)]
