"""Demo cards for every path off the counter's happy path, so staff can see each one in the demo town:
mailed cards, a J-LIS express card, proxies, a loss, disposals before hand-over, a hold, a returned
notice, a foreign resident, a holder without certificates, a return. Idempotent like the rest."""

from datetime import timedelta

import frappe
from frappe.utils import add_days, getdate, today

from mynumber_card.core import lifecycle

CARD = "MyNumber Card"
CLERK, CLERK_2, MANAGER = (
	"clerk@town.minamino.example.jp",
	"clerk2@town.minamino.example.jp",
	"manager@town.minamino.example.jp",
)

# The counter's path up to a point, which the stories below branch off.
NOTICED = [({}, lifecycle.PREPARED), ({}, lifecycle.NOTICE_SENT)]
ISSUED = [*NOTICED, ({}, lifecycle.ISSUED)]
# Two staff witness a disposal or a return.
TWO_STAFF = {"disposal_staff_1": CLERK, "disposal_staff_2": CLERK_2}


def mailed(tracking_number: str) -> list:
	return [({}, lifecycle.PREPARED), ({"mail_tracking_number": tracking_number}, lifecycle.MAILED)]


# (story, holder, birth date, card values, [(field values, next state or None), ...]); a callable
# value is a date counted from today.
STORIES = (
	(
		"申請時来庁方式：郵送して配達済",
		("森 早苗", "モリ サナエ"),
		"1962-07-14",
		{"issue_method": lifecycle.MAILED_BY_TOWN},
		[*mailed("DEMO-MAIL-1"), ({}, lifecycle.ISSUED)],
	),
	(
		"申請時来庁方式：郵便が戻った（宛所不明）",
		("石井 浩", "イシイ ヒロシ"),
		"1988-11-02",
		{"issue_method": lifecycle.MAILED_BY_TOWN},
		[*mailed("DEMO-MAIL-2"), ({}, lifecycle.MAIL_RETURNED)],
	),
	(
		"特急発行：1歳未満",
		("小川 陽葵", "オガワ ヒマリ"),
		None,  # born 40 days ago
		{"issue_method": lifecycle.EXPRESS, "express_reason": "Under One Year Old", "application_fee": 0},
		[],
	),
	(
		"任意代理人に交付（75歳以上、照会書兼回答書・委任状あり）",
		("野村 トメ", "ノムラ トメ"),
		"1941-03-03",
		{},
		[
			*NOTICED,
			(
				{
					"received_by": "Authorised Proxy",
					"proxy_name": "野村 和也",
					"proxy_relationship": "長男",
					"proxy_reason": "Aged 75 or Older",
					"inquiry_form_received": 1,
					"letter_of_attorney_received": 1,
					"holder_identity_documents": "Health Insurance Card\nPension Book\nOther Photo ID",
					"proxy_identity_documents": "Driving Licence\nHealth Insurance Card",
				},
				lifecycle.ISSUED,
			),
		],
	),
	(
		"法定代理人（親）に交付：8歳、本人同行",
		("高田 蒼", "タカダ アオイ"),
		None,  # 8 years old
		{},
		[
			*NOTICED,
			(
				{
					"received_by": "Legal Representative",
					"proxy_name": "高田 美穂",
					"proxy_relationship": "母",
					"holder_present": 1,
					"authority_proof": "Not Needed: Same Household, Parent and Child",
					"holder_identity_documents": "Health Insurance Card\nMedical Benefit Certificate",
					"proxy_identity_documents": "MyNumber Card",
				},
				lifecycle.ISSUED,
			),
		],
	),
	(
		"紛失届で一時停止中（フリーダイヤル）",
		("岡田 修", "オカダ オサム"),
		"1975-05-20",
		{},
		[*ISSUED, ({"loss_reported_via": "Call Centre"}, lifecycle.SUSPENDED)],
	),
	(
		"紛失して廃止（警察に遺失届）",
		("原 真由美", "ハラ マユミ"),
		"1983-09-09",
		{},
		[
			*ISSUED,
			({"loss_reported_via": "Police", "police_report_number": "R8-0412"}, lifecycle.SUSPENDED),
			({"revoke_reason": "Lost"}, lifecycle.REVOKED),
		],
	),
	(
		"交付前にカード不良で廃棄待ち",
		("松田 翼", "マツダ ツバサ"),
		"1999-12-24",
		{},
		[({}, lifecycle.PREPARED), ({"disposal_cause": "Defective"}, lifecycle.PENDING_DISPOSAL)],
	),
	(
		"受取前に本人死亡、廃棄済（立会2名）",
		("村上 勇", "ムラカミ イサム"),
		"1936-01-30",
		{},
		[
			*NOTICED,
			({"disposal_cause": "Holder Died"}, lifecycle.PENDING_DISPOSAL),
			(TWO_STAFF, lifecycle.DISPOSED),
		],
	),
	(
		"廃棄保留（入院中、退院後に来庁）",
		("近藤 静子", "コンドウ シズコ"),
		"1948-04-18",
		{},
		[
			*NOTICED,
			({"disposal_cause": "Other", "disposal_reason": "受取期限の確認"}, lifecycle.PENDING_DISPOSAL),
			(
				{
					"disposal_hold_until": lambda: add_days(today(), 60),
					"disposal_hold_reason": "入院中。退院後に来庁予定",
				},
				lifecycle.NOTICE_SENT,
			),
		],
	),
	(
		"交付通知書が返戻（宛所に尋ねあたらず）",
		("坂本 健一", "サカモト ケンイチ"),
		"1991-06-06",
		{},
		[*NOTICED, ({"notice_returned_date": today}, None)],
	),
	(
		"外国人住民：在留期間満了日までのカード",
		("グエン ヴァン アン", "グエン ヴァン アン"),
		"1996-02-15",
		{"residence_expiry_date": lambda: add_days(today(), 730)},
		ISSUED,
	),
	(
		"電子証明書不要で交付",
		("藤井 清", "フジイ キヨシ"),
		"1944-10-10",
		{"certificates_declined": 1},
		ISSUED,
	),
	(
		"国外転出で返納（立会2名）",
		("青木 里奈", "アオキ リナ"),
		"1993-08-08",
		{},
		[*ISSUED, ({"return_reason": "Moving Abroad", **TWO_STAFF}, lifecycle.RETURNED)],
	),
)


def make_path_cards(delivery: str) -> list[str]:
	"""One card per story, moved along its path with what each move records."""
	made = []
	for index, (story, (name, kana), birth, values, moves) in enumerate(STORIES):
		application_id = f"97{index:021d}"
		if frappe.db.exists(CARD, {"application_id": application_id}):
			continue
		card = frappe.get_doc(
			{
				"doctype": CARD,
				"application_id": application_id,
				"notice_number": f"DMP-{index:06d}",
				"full_name": name,
				"full_name_kana": kana,
				"birth_date": birth_date(birth, story),
				"card_issue_date": add_days(today(), -50),
				"postal_code": "306-0300",
				"address": "茨城県猿島郡みなみ野町大字元栄100番地",
				"delivery": None if values.get("issue_method") == lifecycle.EXPRESS else delivery,
				"remarks": story,
				**fill(values),
			}
		).insert()
		for move_values, next_state in moves:
			card.update(fill(move_values))
			card.workflow_state = next_state or card.workflow_state
			card.save()
		made.append(card.name)
	return made


def birth_date(birth: str | None, story: str):
	if birth:
		return getdate(birth)
	days = 40 if "1歳未満" in story else 8 * 365 + 30
	return getdate() - timedelta(days=days)


def fill(values: dict) -> dict:
	return {key: value() if callable(value) else value for key, value in values.items()}


# Counter services on the demo's issued cards: (story of the card, service values).
SERVICES = (
	(
		"電子証明書不要で交付",
		{"service_type": "PIN Reset", "visitor": "Holder", "remarks": "署名用の暗証番号を忘れた"},
	),
	(
		"外国人住民：在留期間満了日までのカード",
		{"service_type": "Certificate Renewal", "visitor": "Holder"},
	),
	(
		"任意代理人に交付（75歳以上、照会書兼回答書・委任状あり）",
		{
			"service_type": "PIN Reset",
			"visitor": "Authorised Proxy",
			"proxy_name": "野村 和也",
			"proxy_relationship": "長男",
			"proxy_identity_documents": "Driving Licence",
		},
	),
	(
		"紛失して廃止（警察に遺失届）",
		{
			"service_type": "Reissue Application",
			"visitor": "Holder",
			"revoke_reason": "Lost",
			"express": 1,
			"new_application_id": "97" + "9" * 21,
		},
	),
)


def make_services(staff: str) -> int:
	"""PIN resets (one by a proxy, waiting for the second visit), a certificate renewal and an express
	reissue that links the new card to the lost one."""
	made = 0
	for story, values in SERVICES:
		card = frappe.db.get_value(CARD, {"remarks": story}, "name")
		if not card or frappe.db.exists(
			"Card Service", {"card": card, "service_type": values["service_type"]}
		):
			continue
		frappe.get_doc({"doctype": "Card Service", "card": card, "staff": staff, **values}).insert()
		made += 1
	return made
