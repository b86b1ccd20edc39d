"""The application (申請) that comes before a card: how it was made, its states, the 特急 window, and
what the card takes from it when J-LIS delivers it (matched by 申請書ID).

Rules that count from the application read its dates: the 2022-04-01 age switch counts from the
申請受付日 (the day J-LIS received the application: 行橋市 「申請受付日とは、J-LISがカードの申請情報を
受理する日」, 大阪狭山市), which the card keeps as `application_received_date`; some towns' disposal
deadlines count from the application (core/deadlines.py); the 特急 window counts from the event that
made the resident eligible (below).
"""

from datetime import date, timedelta

from mynumber_card.core import lifecycle

# How the resident applied. The card's issue method (lifecycle.ISSUE_METHODS: how it reaches its
# holder) follows from two of them: card_issue_method().
COUNTER_SUPPORT = "Counter Support"  # 窓口申請サポート: staff photograph and file the online application
OFF_SITE = "Off-site Application"  # 出張申請: staff visit a care home, a company, a school
BY_POST = "By Post"  # 郵送申請 with the 交付申請書
ONLINE = "Online Application"  # オンライン申請 (smartphone, PC, photo booth)
IDENTITY_AT_APPLICATION = "Identity Checked at Application"  # 申請時来庁方式: the card is mailed
EXPRESS = "Express Issue"  # 特急発行 (since 2024-12): J-LIS makes the card at once
METHODS = (COUNTER_SUPPORT, OFF_SITE, BY_POST, ONLINE, IDENTITY_AT_APPLICATION, EXPRESS)

# Where staff went for an 出張申請.
PLACE_KINDS = (
	"Care Home or Hospital",  # 介護施設・病院
	"Company or Workplace",  # 企業・事業所
	"School",  # 学校
	"Community Hall",  # 公民館・集会所
	"Other Place",  # その他
)

APPLIED = "Applied"  # 申請済
CARD_ARRIVED = "Card Arrived"  # カード到着: J-LIS delivered the card, linked by 申請書ID
WITHDRAWN = "Withdrawn"  # 取下げ
STATUSES = (APPLIED, CARD_ARRIVED, WITHDRAWN)

# 特急発行: 「事由が発生してから30日以内」 (明和町, ふじみ野市; さぬき市 and 矢板市 list the event per
# reason: 紛失届をした日, 転入届をした日, 焼失・損傷した日, 本人確認書類を入手した日, 変更の請求をした日,
# 追記できなかった日). A child under one: 「1歳の誕生日の前日まで」 (山都町, 能美市), no event date.
EXPRESS_DAYS = 30
UNDER_ONE = "Under One Year Old"  # one of reasons.EXPRESS_REASONS (a test keeps it so)


def card_issue_method(method: str | None) -> str:
	"""How the card reaches its holder after this kind of application."""
	if method == IDENTITY_AT_APPLICATION:
		return lifecycle.MAILED_BY_TOWN
	if method == EXPRESS:
		return lifecycle.EXPRESS
	return lifecycle.COUNTER


def first_birthday(birth_date: date) -> date:
	"""The day a child is one (年齢計算ニ関スル法律, as core.dates.age_on: born 29 February, 1 March)."""
	if (birth_date.month, birth_date.day) == (2, 29):
		return date(birth_date.year + 1, 3, 1)
	return birth_date.replace(year=birth_date.year + 1)


def express_last_day(reason: str | None, event_date: date | None, birth_date: date | None) -> date | None:
	"""The last day an 特急 application may be made for this reason; None when it cannot be told."""
	if reason == UNDER_ONE:
		if not birth_date:
			return None
		return first_birthday(birth_date) - timedelta(days=1)
	if not event_date:
		return None
	# 30 days counted from the day after the event (民法140条: the first day is not counted)
	return event_date + timedelta(days=EXPRESS_DAYS)


# Why an 特急 application is refused (the shell turns the codes into messages).
NO_REASON = "express_no_reason"
NO_BIRTH_DATE = "express_no_birth_date"
NO_EVENT_DATE = "express_no_event_date"
EVENT_AFTER_APPLICATION = "express_event_after_application"
WINDOW_PASSED = "express_window_passed"


def express_problem(
	reason: str | None, applied_on: date | None, event_date: date | None, birth_date: date | None
) -> str | None:
	"""Why an 特急 application made on `applied_on` is outside its window, or None when it is inside."""
	if not reason:
		return NO_REASON
	if reason == UNDER_ONE and not birth_date:
		return NO_BIRTH_DATE
	if reason != UNDER_ONE:
		if not event_date:
			return NO_EVENT_DATE
		if applied_on and event_date > applied_on:
			return EVENT_AFTER_APPLICATION
	last_day = express_last_day(reason, event_date, birth_date)
	if applied_on and last_day and applied_on > last_day:
		return WINDOW_PASSED
	return None


# Why a status cannot be set.
ARRIVED_NEEDS_CARD = "arrived_needs_card"
CARD_ALREADY_ARRIVED = "card_already_arrived"


def status_problem(status: str, has_card: bool) -> str | None:
	"""Only a delivered card makes an application Card Arrived, and one whose card came stays so."""
	if status == CARD_ARRIVED and not has_card:
		return ARRIVED_NEEDS_CARD
	if has_card and status != CARD_ARRIVED:
		return CARD_ALREADY_ARRIVED
	return None


# What a kind of application must record (the form asks for it; checked here for every path).
NO_PLACE = "off_site_no_place"
NO_WITHDRAWN_DATE = "withdrawn_no_date"


def missing(method: str | None, status: str | None, place_kind, place_name, withdrawn_on) -> list[str]:
	"""An 出張申請 names where staff went; a withdrawn application, when."""
	problems = []
	if method == OFF_SITE and not (place_kind and place_name):
		problems.append(NO_PLACE)
	if status == WITHDRAWN and not withdrawn_on:
		problems.append(NO_WITHDRAWN_DATE)
	return problems


# Dates that must come in order: (earlier field, later field, problem code).
APPLIED_BEFORE_BIRTH = "applied_before_birth"
RECEIVED_BEFORE_APPLIED = "received_before_applied"
APPLIED_IN_FUTURE = "applied_in_future"


def date_problems(
	applied_on: date | None, received_on: date | None, birth_date: date | None, today: date
) -> list[str]:
	problems = []
	if applied_on and applied_on > today:
		problems.append(APPLIED_IN_FUTURE)
	if applied_on and birth_date and applied_on < birth_date:
		problems.append(APPLIED_BEFORE_BIRTH)
	if applied_on and received_on and received_on < applied_on:
		problems.append(RECEIVED_BEFORE_APPLIED)
	return problems


# What a delivered card takes from its application, where the card has no value of its own yet
# (a scanned card knows only its 申請書ID): application field -> card field. The 在留期間 is the one
# known at application (対馬市 「申請時の在留期間でマイナンバーカードは作成される」).
CARRIED_TO_CARD = {
	"received_on": "application_received_date",
	"full_name": "full_name",
	"full_name_kana": "full_name_kana",
	"birth_date": "birth_date",
	"residence_expiry_date": "residence_expiry_date",
}


def card_values(application: dict, card: dict, new_card: bool) -> dict:
	"""The values a card arriving for this application takes: only into its empty fields, and the
	issue method only for a new card still on the default (a card the town mails after 申請時来庁方式)."""
	values = {
		card_field: application[field]
		for field, card_field in CARRIED_TO_CARD.items()
		if application.get(field) and not card.get(card_field)
	}
	method = card_issue_method(application.get("method"))
	if (
		new_card
		and method == lifecycle.MAILED_BY_TOWN
		and card.get("issue_method") in (None, "", lifecycle.COUNTER)
	):
		values["issue_method"] = method
	return values


def from_booking(booking: dict, members: list[dict], today: date) -> list[dict]:
	"""The applications a completed 申請サポート visit leaves: one for the resident who booked and one
	for each family member who came with them, made at the counter on the day of the visit (today,
	for a visit recorded as done before its booked day)."""
	people = [booking, *members]
	return [
		{
			"method": COUNTER_SUPPORT,
			"applied_on": min(booking["slot_date"], today),
			"booking": booking["name"],
			"full_name": person.get("full_name"),
			"full_name_kana": person.get("full_name_kana"),
			"birth_date": person.get("birth_date"),
		}
		for person in people
		if person.get("full_name") and person.get("birth_date")
	]


def by_month(counts: list[tuple[int, int, str, int]]) -> list[dict]:
	"""(year, month, method, count) rows as one row per month, oldest first: a count per method
	(every method present, 0 when none) and the month's total."""
	months: dict[date, dict[str, int]] = {}
	for year, month, method, count in counts:
		row = months.setdefault(date(int(year), int(month), 1), dict.fromkeys(METHODS, 0))
		row[method] = row.get(method, 0) + int(count)
	return [{"month": month, **row, "total": sum(row.values())} for month, row in sorted(months.items())]
