"""Who may receive a card at the counter, and who may do a counter service for its holder
(番号法施行令第13条: the card is handed over to the holder who comes in person; when illness, a
disability or another unavoidable reason keeps the holder away, to the person they chose, on
documents that show the reason — 代理人交付).

- The holder. A holder under 15 or under guardianship (成年被後見人) comes with their 法定代理人
  (parent, guardian), who receives the card with them: 萩市 「法定代理人の方のみではなく、必ずご本人と
  ともにお越しください」; 世田谷区, 熊本市 the same.
- When such a holder cannot come, it is the ordinary proxy case (reason 「中学生以下」 or 「成年被後見人」),
  and the proxy must be the 法定代理人 or a sub-agent (復代理人) they chose; for a 被保佐人・被補助人 only
  the 保佐人・補助人 (福智町).
- An 任意代理人 only for a reason on the list published since 2023-04-01 (総務省 事務処理要領; 府中市FAQ,
  世田谷区 (a)–(n)), with the document that shows it (疎明資料), the 照会書兼回答書 and 委任状 the holder
  filled in, and identity documents of both (core/identity_documents.py). Being busy at work,
  commuting or a university far away is no reason (世田谷区 「「仕事が多忙」「通学」といった理由は、認め
  られません」; 山都町; 伊方町 「遠方の大学・専門学校に通っているなどの理由では代理人交付をすることが
  できません」; 大網白里市).
- Nobody can waive these conditions (国立市・山鹿市 「必要書類の不足がある場合、マイナンバーカードはお渡し
  できません」; 松浦市). A Card Manager may only record an exception the rules leave room for: a 疎明資料
  not on the town's list, accepted for a listed reason, with why.
Only the kinds of documents are recorded, never their numbers.
"""

from dataclasses import dataclass, field

from mynumber_card.core import identity_documents as ids

HOLDER = "Holder"
LEGAL_REPRESENTATIVE = "Legal Representative"
AUTHORISED_PROXY = "Authorised Proxy"
RECEIVERS = (HOLDER, LEGAL_REPRESENTATIVE, AUTHORISED_PROXY)
PROXIES = (LEGAL_REPRESENTATIVE, AUTHORISED_PROXY)

LEGAL_REPRESENTATIVE_MAX_AGE = 14  # under 15 (親権者); any age under guardianship (成年後見人)
JUNIOR_HIGH_MAX_AGE = 15  # a 中学3年生 is 15 until the school year ends
ELDERLY_MIN_AGE = 75

# The reasons an 任意代理人 may receive the card for (since 2023-04-01), in the published order.
ADULT_WARD = "Adult Ward"  # 成年被後見人
CURATORSHIP = "Under Curatorship or Assistance"  # 被保佐人・被補助人
JUNIOR_HIGH_OR_YOUNGER = "Junior High School Pupil or Younger"  # 中学生・小学生・未就学児
AGED_75 = "Aged 75 or Older"  # 75歳以上
LONG_HOSPITALISATION = "Long-term Hospitalisation"  # 長期入院
DISABILITY = "Person with a Disability"  # 障害のある方
CARE_FACILITY = "Living in a Care Facility"  # 施設入所
CARE_CERTIFIED = "Certified for Long-term Care or Support"  # 要介護・要支援認定
PREGNANCY = "Pregnancy"  # 妊婦
LONG_BUSINESS_TRIP = "Long Business Trip or Seafarer"  # 長期（国内外）出張・長期に航行する船員など
STUDYING_ABROAD = "Studying Abroad"  # 海外留学
HIGH_SCHOOL = "High School or Technical College Student"  # 高校生・高専生
SOCIAL_WITHDRAWAL = "Social Withdrawal"  # 社会的参加を回避し長期にわたり家庭にとどまる状態（ひきこもり）
ILLNESS = "Illness"  # 病気（政令 「病気、身体の障害」; 世田谷区 (n)）
PROXY_REASONS = (
	ADULT_WARD,
	CURATORSHIP,
	JUNIOR_HIGH_OR_YOUNGER,
	AGED_75,
	LONG_HOSPITALISATION,
	DISABILITY,
	CARE_FACILITY,
	CARE_CERTIFIED,
	PREGNANCY,
	LONG_BUSINESS_TRIP,
	STUDYING_ABROAD,
	HIGH_SCHOOL,
	SOCIAL_WITHDRAWAL,
	ILLNESS,
)
# Kept only on cards handed over before the list was checked (patch proxy_reasons_and_two_document_lists).
LEGACY_REASON = "Other"
RECORDED_PROXY_REASONS = (*PROXY_REASONS, LEGACY_REASON)

# The proxy's standing when only a legal representative may be the proxy.
STANDING_LEGAL_REPRESENTATIVE = "Legal Representative"  # 法定代理人（親権者・成年後見人）
STANDING_SUB_AGENT = "Sub-agent of the Legal Representative"  # 法定代理人が選任した復代理人
STANDING_CURATOR = "Curator or Assistant"  # 保佐人・補助人
PROXY_STANDINGS = (STANDING_LEGAL_REPRESENTATIVE, STANDING_SUB_AGENT, STANDING_CURATOR)
STANDING_REQUIRED = {
	ADULT_WARD: (STANDING_LEGAL_REPRESENTATIVE, STANDING_SUB_AGENT),
	JUNIOR_HIGH_OR_YOUNGER: (STANDING_LEGAL_REPRESENTATIVE, STANDING_SUB_AGENT),
	CURATORSHIP: (STANDING_CURATOR,),
}

# 代理権の確認: the document that shows the legal representative's authority, or why none is needed.
FAMILY_REGISTER = "Family Register Certificate"  # 戸籍謄本（全部事項証明書）
GUARDIANSHIP_REGISTRY = "Adult Guardianship Registry Certificate"  # 成年後見の登記事項証明書
CURATORSHIP_REGISTRY = (
	"Curatorship or Assistance Registry Certificate"  # 保佐・補助の登記事項証明書（代理行為目録）
)
REGISTER_IN_TOWN = "Not Needed: Family Register in Town"  # 不要：本籍が町内
SAME_HOUSEHOLD_PARENT = "Not Needed: Same Household, Parent and Child"  # 不要：同一世帯の親子
AUTHORITY_PROOFS = (
	FAMILY_REGISTER,
	GUARDIANSHIP_REGISTRY,
	CURATORSHIP_REGISTRY,
	REGISTER_IN_TOWN,
	SAME_HOUSEHOLD_PARENT,
)
# A minor's parent: 萩市 「戸籍謄本…※ご本人が15歳未満の方で、本籍地が萩市内である場合やご本人と法定代理
# 人が同一世帯かつ親子の場合は不要」; 伊方町, 高槻市, 菊池市. A guardian: the registry certificate, with no
# exemption (小山町・筑北村 「発行日より3ヶ月以内」). 保佐・補助: 代理行為目録 (伊方町).
MINOR_AUTHORITY = (FAMILY_REGISTER, REGISTER_IN_TOWN, SAME_HOUSEHOLD_PARENT)
WARD_AUTHORITY = (GUARDIANSHIP_REGISTRY,)
CURATORSHIP_AUTHORITY = (CURATORSHIP_REGISTRY,)

# 疎明資料: what shows the reason that keeps the holder away (湯沢市, 佐伯市, 小山町, 伊方町, 狭山市).
MEDICAL_CERTIFICATE = "Medical Certificate"  # 診断書
ADMISSION_PLAN = "Hospital Admission Plan"  # 入院診療計画書
HOSPITAL_RECEIPT = "Hospital Receipt or Statement"  # 入院が分かる領収書・診療明細書
PHOTO_BY_HOSPITAL = "Photo Certificate by Hospital Director"  # 病院長作成の顔写真証明書
DISABILITY_HANDBOOK = "Disability Handbook"  # 障害者手帳（身体・精神・療育）
SPECIAL_CHILD_ALLOWANCE = "Special Child Allowance Certificate"  # 特別児童扶養手当証書
WELFARE_SERVICE = "Disability Welfare Service Certificate"  # 障害福祉サービス受給者証
SUPPORT_MEDICAL = "Independence Support Medical Certificate"  # 自立支援医療受給者証
FACILITY_CERTIFICATE = "Facility Admission Certificate"  # 入所証明書
FACILITY_RECEIPT = "Facility Fee Receipt"  # 施設利用料の領収書
PHOTO_BY_FACILITY = "Photo Certificate by Facility Head"  # 施設長作成の顔写真証明書
CARE_INSURANCE_CARD = "Long-term Care Insurance Card"  # 介護保険被保険者証（認定の記載あり）
CARE_NOTICE = "Care Certification Notice"  # 要介護・要支援認定結果通知書
PHOTO_BY_CARE_MANAGER = "Photo Certificate by Care Manager"  # ケアマネジャー作成の顔写真証明書
MATERNITY_HANDBOOK = "Maternal and Child Health Handbook"  # 母子健康手帳
PRENATAL_RECEIPT = "Prenatal Check-up Receipt"  # 妊婦健診の受診が分かる領収書
LETTER_OF_APPOINTMENT = "Letter of Appointment"  # 勤務先の辞令など
VISA_COPY = "Visa Copy"  # 査証（ビザ）の写し
STUDENT_ID_ABROAD = "Student ID at the School Abroad"  # 留学先の学生証の写し
STUDENT_ID = "Student ID"  # 学生証
ENROLMENT_CERTIFICATE = "Certificate of Enrolment"  # 在学証明書
SUPPORT_ORGANISATION = (
	"Certificate by a Public Support Organisation"  # 公的支援機関の証明書（顔写真証明書など）
)
OTHER_PROOF = "Other Document Accepted by the Town"  # その他の書類（管理責任者が例外として記録）
HARDSHIP_PROOFS_FOR = {
	ILLNESS: (MEDICAL_CERTIFICATE, DISABILITY_HANDBOOK),  # 狭山市 「病気、身体の障害 診断書または障害者手帳」
	DISABILITY: (DISABILITY_HANDBOOK, SPECIAL_CHILD_ALLOWANCE, WELFARE_SERVICE, SUPPORT_MEDICAL),  # 湯沢市
	LONG_HOSPITALISATION: (
		MEDICAL_CERTIFICATE,
		ADMISSION_PLAN,
		HOSPITAL_RECEIPT,
		PHOTO_BY_HOSPITAL,
	),  # 伊方町
	CARE_FACILITY: (FACILITY_CERTIFICATE, FACILITY_RECEIPT, PHOTO_BY_FACILITY),  # 小山町, 狭山市
	CARE_CERTIFIED: (CARE_INSURANCE_CARD, CARE_NOTICE, PHOTO_BY_CARE_MANAGER),  # 湯沢市, 狭山市
	PREGNANCY: (
		MATERNITY_HANDBOOK,
		PRENATAL_RECEIPT,
	),  # 湯沢市・佐伯市 「母子健康手帳、妊婦健診を受診した…領収書」
	LONG_BUSINESS_TRIP: (LETTER_OF_APPOINTMENT,),  # 湯沢市 「会社の辞令など」
	STUDYING_ABROAD: (
		VISA_COPY,
		STUDENT_ID_ABROAD,
	),  # 湯沢市・佐伯市 「査証(ビザ)の写し、留学先の学生証の写し」
	HIGH_SCHOOL: (STUDENT_ID, ENROLMENT_CERTIFICATE),  # 湯沢市, 伊方町 「学生証、在学証明書」
	# 甲賀市 「…公的な支援機関を利用している者」; 志布志市 (顔写真証明書). No national list of documents found.
	SOCIAL_WITHDRAWAL: (SUPPORT_ORGANISATION,),
}
# Reasons shown without a 疎明資料: the holder's age on their identity documents (湯沢市 「本人確認書類で
# 年齢確認を行うため不要」; for 75歳以上 「交付通知書裏面余白に外出困難である旨の記載が必要」), or the
# registry certificate recorded as the proof of authority (it shows the guardianship too).
PROOF_BY_AGE = (JUNIOR_HIGH_OR_YOUNGER, AGED_75)
PROOF_BY_AUTHORITY = {ADULT_WARD: WARD_AUTHORITY, CURATORSHIP: CURATORSHIP_AUTHORITY}
HARDSHIP_PROOFS = (
	*dict.fromkeys(proof for proofs in HARDSHIP_PROOFS_FOR.values() for proof in proofs),
	OTHER_PROOF,
)


@dataclass(frozen=True)
class HandOver:
	"""What the clerk recorded at the hand-over."""

	received_by: str = HOLDER
	proxy_name: str | None = None
	relationship: str | None = None
	holder_present: bool = False  # a 法定代理人 came with the holder
	reason: str | None = None
	proxy_standing: str | None = None
	authority_proof: str | None = None  # 代理権の確認
	hardship_proof: str | None = None  # 疎明資料
	inquiry_form: bool = False  # 照会書兼回答書 the holder filled in
	letter_of_attorney: bool = False  # 委任状 the holder filled in
	holder_documents: tuple[str, ...] = field(default_factory=tuple)
	proxy_documents: tuple[str, ...] = field(default_factory=tuple)
	exception_reason: str | None = None  # why a Card Manager accepted an unlisted 疎明資料


def parse_documents(value: str | None) -> tuple[str, ...]:
	return ids.parse(value)


def needs_legal_representative(holder_age: int, under_guardianship: bool) -> bool:
	return holder_age <= LEGAL_REPRESENTATIVE_MAX_AGE or under_guardianship


def handover_problems(
	handover: HandOver, holder_age: int, under_guardianship: bool = False, is_manager: bool = False
) -> list[str]:
	"""Message keys for what keeps this hand-over from being allowed; empty when it is."""
	received_by = handover.received_by or HOLDER
	if received_by not in RECEIVERS:
		return ["unknown_receiver"]
	problems = _unknown_documents(handover.holder_documents, handover.proxy_documents)
	if received_by == HOLDER:
		if needs_legal_representative(holder_age, under_guardianship):
			problems.append("holder_needs_legal_representative")
		# The holder's own documents are not counted (today's rule, unchanged): the clerk compares
		# the holder with the card's photo. A proxy hand-over counts the holder's documents.
		return problems
	problems += _proxy_identity(handover.proxy_name, handover.relationship)
	if received_by == LEGAL_REPRESENTATIVE:
		return problems + _legal_representative_problems(handover, holder_age, under_guardianship)
	return problems + _authorised_proxy_problems(handover, holder_age, is_manager)


def _unknown_documents(*lists: tuple[str, ...]) -> list[str]:
	return [f"unknown_document:{kind}" for documents in lists for kind in ids.unknown(documents)]


def _proxy_identity(name: str | None, relationship: str | None) -> list[str]:
	problems = []
	if not name:
		problems.append("proxy_name_missing")
	if not relationship:
		problems.append("relationship_missing")
	return problems


def _legal_representative_problems(
	handover: HandOver, holder_age: int, under_guardianship: bool
) -> list[str]:
	"""A 法定代理人 receives the card with the holder beside them, showing their authority."""
	if not needs_legal_representative(holder_age, under_guardianship):
		return ["legal_representative_not_allowed"]
	problems = []
	if not handover.holder_present:
		problems.append("holder_not_present")
	allowed = WARD_AUTHORITY if under_guardianship else MINOR_AUTHORITY
	if handover.authority_proof not in allowed:
		problems.append("authority_ward" if under_guardianship else "authority_minor")
	# 萩市 「法定代理人の本人確認書類（本人と同様にアまたはイ）」; 尾張旭市: both A1 or B2
	return problems + _document_problems(
		handover,
		(ids.ONE_A_OR_TWO_B, "legal_representative_documents"),
		(ids.ONE_A_OR_TWO_B, "holder_documents_with_legal_representative"),
	)


def _authorised_proxy_problems(handover: HandOver, holder_age: int, is_manager: bool) -> list[str]:
	if not handover.reason:
		problems = ["reason_missing"]
	elif handover.reason not in PROXY_REASONS:
		problems = ["reason_not_accepted"]
	else:
		problems = _reason_problems(handover, holder_age, is_manager)
	if handover.exception_reason and handover.hardship_proof != OTHER_PROOF:
		problems.append("exception_not_allowed")
	if not handover.inquiry_form:
		problems.append("inquiry_form_missing")
	if not handover.letter_of_attorney:
		problems.append("letter_of_attorney_missing")
	return problems + _document_problems(
		handover,
		(ids.TWO_A_OR_A_AND_B, "proxy_documents"),
		(ids.PROXY_HANDOVER_HOLDER, "holder_documents_with_proxy"),
	)


def _document_problems(handover: HandOver, proxy: tuple, holder: tuple) -> list[str]:
	"""What the proxy's and the holder's documents lack, each given as (rule, problem)."""
	(proxy_rule, proxy_problem), (holder_rule, holder_problem) = proxy, holder
	problems = []
	if not ids.meets(proxy_rule, ids.counts(handover.proxy_documents, for_proxy=True)):
		problems.append(proxy_problem)
	if not ids.meets(holder_rule, ids.counts(handover.holder_documents)):
		problems.append(holder_problem)
	return problems


def _reason_problems(handover: HandOver, holder_age: int, is_manager: bool) -> list[str]:
	"""The reason holds for this holder, shown by its document; only the listed people may be the proxy."""
	reason = handover.reason
	problems = []
	if reason in STANDING_REQUIRED and handover.proxy_standing not in STANDING_REQUIRED[reason]:
		problems.append(
			"proxy_must_be_curator" if reason == CURATORSHIP else "proxy_must_be_legal_representative"
		)
	if reason == JUNIOR_HIGH_OR_YOUNGER:
		if holder_age > JUNIOR_HIGH_MAX_AGE:
			problems.append("reason_age_junior")
		if handover.authority_proof not in MINOR_AUTHORITY:
			problems.append("authority_minor")
	elif reason == AGED_75:
		if holder_age < ELDERLY_MIN_AGE:
			problems.append("reason_age_elderly")
	elif reason in PROOF_BY_AUTHORITY:
		if handover.authority_proof not in PROOF_BY_AUTHORITY[reason]:
			problems.append("authority_ward" if reason == ADULT_WARD else "authority_curatorship")
	elif not handover.hardship_proof:
		problems.append("hardship_proof_missing")
	elif handover.hardship_proof == OTHER_PROOF:
		if not (is_manager and handover.exception_reason):
			problems.append("hardship_proof_exception")
	elif handover.hardship_proof not in HARDSHIP_PROOFS_FOR[reason]:
		problems.append("hardship_proof_wrong")
	return problems


def not_recorded(received_by: str | None, reason: str | None) -> tuple[str, ...]:
	"""The HandOver fields that do not belong to this way of receiving the card: the shell empties them,
	so a record never shows a check that was not made."""
	received_by = received_by or HOLDER
	proxy_only = ("reason", "proxy_standing", "hardship_proof", "inquiry_form", "letter_of_attorney")
	if received_by == HOLDER:
		return (
			"proxy_name",
			"relationship",
			"holder_present",
			"authority_proof",
			"proxy_documents",
			*proxy_only,
			"exception_reason",
		)
	if received_by == LEGAL_REPRESENTATIVE:
		return (*proxy_only, "exception_reason")
	unused = ["holder_present"]
	if reason not in STANDING_REQUIRED:
		unused += ["proxy_standing", "authority_proof"]
	if reason not in HARDSHIP_PROOFS_FOR:
		unused.append("hardship_proof")  # an exception written anyway stays, and is refused
	return tuple(unused)


def allowed_hardship_proofs(reason: str | None) -> tuple[str, ...]:
	"""The 疎明資料 the dialog offers for a reason: the listed ones, then the manager's exception."""
	listed = HARDSHIP_PROOFS_FOR.get(reason or "", ())
	return (*listed, OTHER_PROOF) if listed else ()


# Counter services on an issued card (Card Service): the same people, other documents.
@dataclass(frozen=True)
class ServiceVisit:
	visitor: str = HOLDER
	proxy_name: str | None = None
	relationship: str | None = None
	authority_proof: str | None = None
	holder_documents: tuple[str, ...] = field(default_factory=tuple)
	proxy_documents: tuple[str, ...] = field(default_factory=tuple)


def service_visitor_problems(
	visit: ServiceVisit, holder_age: int, under_guardianship: bool = False
) -> list[str]:
	"""Message keys for what keeps this visitor from doing a counter service; empty when nothing.

	A 法定代理人 does it alone, on the day: the holder's card and one more document of the holder's,
	their own A×2 or A+B, and their authority (菊池市 「本人または法定代理人が手続きする場合」; 日南市,
	大阪狭山市, 国立市, 上尾市). An 任意代理人 shows A×1 or B×2 at the first visit (大阪狭山市, 国立市); the
	holder's answer comes at the second (core/services.needs_second_visit)."""
	visitor = visit.visitor or HOLDER
	if visitor not in RECEIVERS:
		return ["unknown_receiver"]
	problems = _unknown_documents(visit.holder_documents, visit.proxy_documents)
	if visitor == HOLDER:
		return problems  # the holder brings the card: nothing more is counted (today's rule)
	problems += _proxy_identity(visit.proxy_name, visit.relationship)
	if visitor == AUTHORISED_PROXY:
		if not ids.meets(ids.ONE_A_OR_TWO_B, ids.counts(visit.proxy_documents, for_proxy=True)):
			problems.append("service_proxy_documents")
		return problems
	if not needs_legal_representative(holder_age, under_guardianship):
		return [*problems, "legal_representative_not_allowed"]
	allowed = WARD_AUTHORITY if under_guardianship else MINOR_AUTHORITY
	if visit.authority_proof not in allowed:
		problems.append("authority_ward" if under_guardianship else "authority_minor")
	if not ids.meets(ids.TWO_A_OR_A_AND_B, ids.counts(visit.proxy_documents, for_proxy=True)):
		problems.append("proxy_documents")
	if not ids.meets(ids.ONE_A_OR_ONE_B, ids.counts(visit.holder_documents, besides_card=True)):
		problems.append("service_holder_documents")
	return problems
