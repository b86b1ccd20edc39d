"""Who may receive a card, and who may do a counter service (core/handover.py, core/identity_documents.py).
Sources are in the docstrings and comments of those files; the main ones are named per case here."""

import pytest

from mynumber_card.core import handover as h
from mynumber_card.core import identity_documents as ids
from mynumber_card.core.handover import HandOver, ServiceVisit, handover_problems, service_visitor_problems

LICENCE, PASSPORT, INSURANCE, PENSION = "Driving Licence", "Passport", "Health Insurance Card", "Pension Book"
PROXY = dict(proxy_name="山田 花子", relationship="娘")
# an 任意代理人 hand-over with everything in order, for a reason that needs a 疎明資料
FULL_PROXY = dict(
	received_by=h.AUTHORISED_PROXY,
	reason=h.LONG_HOSPITALISATION,
	hardship_proof=h.MEDICAL_CERTIFICATE,
	inquiry_form=True,
	letter_of_attorney=True,
	holder_documents=(INSURANCE, PENSION, "Photo Certificate"),
	proxy_documents=(LICENCE, INSURANCE),
	**PROXY,
)
# a parent with a child of 10 beside them (萩市)
FULL_PARENT = dict(
	received_by=h.LEGAL_REPRESENTATIVE,
	holder_present=True,
	authority_proof=h.SAME_HOUSEHOLD_PARENT,
	holder_documents=(INSURANCE, "Medical Benefit Certificate"),
	proxy_documents=(LICENCE,),
	**PROXY,
)


def problems(age=50, ward=False, manager=False, **values):
	return handover_problems(HandOver(**values), holder_age=age, under_guardianship=ward, is_manager=manager)


# 本人 ----------------------------------------------------------------------------------------------------
def test_the_holder_needs_nothing_more_and_documents_are_kinds():
	assert problems() == []
	assert problems(holder_documents=(PASSPORT,)) == []
	# a kind, never a number
	assert problems(holder_documents=("第012345号",)) == ["unknown_document:第012345号"]
	assert problems(received_by="Neighbour") == ["unknown_receiver"]


@pytest.mark.parametrize(("age", "ward"), [(14, False), (3, False), (40, True)])
def test_a_child_under_15_or_a_ward_does_not_receive_alone(age, ward):
	# 萩市 「15歳未満の方または成年被後見人には、法定代理人の方が必ず同行してください」
	assert problems(age=age, ward=ward) == ["holder_needs_legal_representative"]
	assert problems(age=15) == []


# 法定代理人 --------------------------------------------------------------------------------------------------
def test_parent_with_the_child_beside_them_receives():
	assert problems(age=10, **FULL_PARENT) == []


@pytest.mark.parametrize(
	("change", "expected"),
	[
		# 萩市 「法定代理人の方のみではなく、必ずご本人とともにお越しください」
		({"holder_present": False}, ["holder_not_present"]),
		# another 世帯, 本籍 not in town, no 戸籍謄本
		({"authority_proof": None}, ["authority_minor"]),
		({"authority_proof": h.GUARDIANSHIP_REGISTRY}, ["authority_minor"]),
		({"authority_proof": h.FAMILY_REGISTER}, []),
		({"authority_proof": h.REGISTER_IN_TOWN}, []),
		# the parent: one A or two B, like the holder (萩市 「本人と同様に」)
		({"proxy_documents": (INSURANCE,)}, ["legal_representative_documents"]),
		({"proxy_documents": (INSURANCE, PENSION)}, []),
		(
			{"holder_documents": ("Medical Benefit Certificate",)},
			["holder_documents_with_legal_representative"],
		),
		({"proxy_name": None}, ["proxy_name_missing"]),
	],
)
def test_parent_hand_over_refused_for_each_missing_check(change, expected):
	assert problems(age=10, **{**FULL_PARENT, **change}) == expected


def test_guardian_shows_the_registry_certificate_with_no_exemption():
	guardian = {**FULL_PARENT, "authority_proof": h.GUARDIANSHIP_REGISTRY, "holder_documents": (LICENCE,)}
	assert problems(age=80, ward=True, **guardian) == []
	for exempt in (h.SAME_HOUSEHOLD_PARENT, h.REGISTER_IN_TOWN, None):
		assert problems(age=80, ward=True, **{**guardian, "authority_proof": exempt}) == ["authority_ward"]


def test_no_legal_representative_for_a_holder_of_15_not_under_guardianship():
	assert problems(age=15, **FULL_PARENT) == ["legal_representative_not_allowed"]


# 任意代理人 ----------------------------------------------------------------------------------------------------
def test_authorised_proxy_with_everything_in_order():
	assert problems(**FULL_PROXY) == []


@pytest.mark.parametrize(
	("change", "expected"),
	[
		({"reason": None, "hardship_proof": None}, ["reason_missing"]),
		# 世田谷区 「「仕事が多忙」「通学」といった理由は、認められません」; the old list's values are gone
		({"reason": "School or Work Far Away"}, ["reason_not_accepted"]),
		({"reason": "Long Stay Abroad"}, ["reason_not_accepted"]),
		({"reason": h.LEGACY_REASON}, ["reason_not_accepted"]),
		({"inquiry_form": False}, ["inquiry_form_missing"]),
		({"letter_of_attorney": False}, ["letter_of_attorney_missing"]),
		({"hardship_proof": None}, ["hardship_proof_missing"]),
		# a 母子健康手帳 shows a pregnancy, not a stay in hospital
		({"hardship_proof": h.MATERNITY_HANDBOOK}, ["hardship_proof_wrong"]),
		({"proxy_name": None, "relationship": None}, ["proxy_name_missing", "relationship_missing"]),
	],
)
def test_authorised_proxy_refused_for_each_missing_check(change, expected):
	assert problems(**{**FULL_PROXY, **change}) == expected


@pytest.mark.parametrize(
	("proxy_documents", "ok"),
	[
		((LICENCE, PASSPORT), True),  # A×2
		((LICENCE, INSURANCE), True),  # A+B
		((INSURANCE, PENSION), False),  # B only: 日南市 「Bのみ2点は不可」
		((INSURANCE, PENSION, "Student ID"), False),
		((LICENCE,), False),
		((LICENCE, "Photo Certificate"), False),  # 志布志市: not for a proxy
		((), False),
	],
)
def test_proxy_shows_two_a_or_a_and_b_never_b_only(proxy_documents, ok):
	found = problems(**{**FULL_PROXY, "proxy_documents": proxy_documents})
	assert found == ([] if ok else ["proxy_documents"])


@pytest.mark.parametrize(
	("holder_documents", "ok"),
	[
		((LICENCE, PASSPORT), True),
		((LICENCE, INSURANCE), True),
		((INSURANCE, PENSION, "Other Photo ID"), True),  # B×3, one with a photo (御船町, 小山町)
		((INSURANCE, PENSION, "Photo Certificate"), True),  # 北秋田市 「Bを2点と「顔写真証明書」を1点」
		((INSURANCE, PENSION, "Student ID"), False),  # B×3, none with a photo
		((LICENCE,), False),
		((INSURANCE, PENSION), False),
	],
)
def test_holder_at_a_proxy_hand_over(holder_documents, ok):
	found = problems(**{**FULL_PROXY, "holder_documents": holder_documents})
	assert found == ([] if ok else ["holder_documents_with_proxy"])


@pytest.mark.parametrize(
	("reason", "proof"),
	[
		(h.ILLNESS, h.MEDICAL_CERTIFICATE),
		(h.DISABILITY, h.DISABILITY_HANDBOOK),
		(h.CARE_FACILITY, h.PHOTO_BY_FACILITY),
		(h.CARE_CERTIFIED, h.CARE_INSURANCE_CARD),
		(h.PREGNANCY, h.MATERNITY_HANDBOOK),
		(h.LONG_BUSINESS_TRIP, h.LETTER_OF_APPOINTMENT),
		(h.STUDYING_ABROAD, h.VISA_COPY),
		(h.HIGH_SCHOOL, h.ENROLMENT_CERTIFICATE),
		(h.SOCIAL_WITHDRAWAL, h.SUPPORT_ORGANISATION),
	],
)
def test_each_reason_with_its_own_proof(reason, proof):
	assert problems(**{**FULL_PROXY, "reason": reason, "hardship_proof": proof}) == []
	assert proof in h.allowed_hardship_proofs(reason)


def test_reasons_shown_by_age_need_no_document_but_the_age_must_fit():
	elderly = {**FULL_PROXY, "reason": h.AGED_75, "hardship_proof": None}
	assert problems(age=75, **elderly) == []
	assert problems(age=74, **elderly) == ["reason_age_elderly"]
	assert h.allowed_hardship_proofs(h.AGED_75) == ()


def test_a_child_who_cannot_come_only_through_the_legal_representative():
	# 福智町 「代理人になれるのは法定代理人、もしくは法定代理人が選任した復代理人のみ」
	child = {
		**FULL_PROXY,
		"reason": h.JUNIOR_HIGH_OR_YOUNGER,
		"hardship_proof": None,
		"proxy_standing": h.STANDING_LEGAL_REPRESENTATIVE,
		"authority_proof": h.FAMILY_REGISTER,
	}
	assert problems(age=12, **child) == []
	assert problems(age=12, **{**child, "proxy_standing": h.STANDING_SUB_AGENT}) == []
	assert problems(age=12, **{**child, "proxy_standing": None}) == ["proxy_must_be_legal_representative"]
	assert problems(age=12, **{**child, "authority_proof": None}) == ["authority_minor"]
	assert problems(age=16, **child) == ["reason_age_junior"]


def test_ward_and_curatorship_through_their_representative_with_the_registry_certificate():
	ward = {
		**FULL_PROXY,
		"reason": h.ADULT_WARD,
		"hardship_proof": None,
		"proxy_standing": h.STANDING_LEGAL_REPRESENTATIVE,
		"authority_proof": h.GUARDIANSHIP_REGISTRY,
	}
	assert problems(**ward) == []
	assert problems(**{**ward, "authority_proof": h.FAMILY_REGISTER}) == ["authority_ward"]
	# 福智町 「代理人になれるのは保佐人及び補助人のみ」; 伊方町: 代理行為目録
	curator = {**ward, "reason": h.CURATORSHIP, "authority_proof": h.CURATORSHIP_REGISTRY}
	assert problems(**{**curator, "proxy_standing": h.STANDING_CURATOR}) == []
	assert problems(**curator) == ["proxy_must_be_curator"]
	assert problems(**{**curator, "proxy_standing": h.STANDING_CURATOR, "authority_proof": None}) == [
		"authority_curatorship"
	]


# No override of legal conditions (国立市・山鹿市 「必要書類の不足がある場合、…お渡しできません」) ---------------------
def test_an_unlisted_proof_is_accepted_only_by_a_manager_writing_why():
	unlisted = {**FULL_PROXY, "hardship_proof": h.OTHER_PROOF}
	assert problems(**unlisted) == ["hardship_proof_exception"]
	assert problems(manager=True, **unlisted) == ["hardship_proof_exception"]
	written = {**unlisted, "exception_reason": "病院の入院証明書（様式外）を確認"}
	assert problems(**written) == ["hardship_proof_exception"]  # a clerk cannot
	assert problems(manager=True, **written) == []


def test_a_manager_cannot_waive_the_reason_the_form_or_the_documents():
	# the old override: 「本人入院中、病院に電話で確認」 without reason and 照会書
	bare = HandOver(received_by=h.AUTHORISED_PROXY, exception_reason="本人入院中、病院に電話で確認", **PROXY)
	assert handover_problems(bare, holder_age=50, is_manager=True) == [
		"reason_missing",
		"exception_not_allowed",
		"inquiry_form_missing",
		"letter_of_attorney_missing",
		"proxy_documents",
		"holder_documents_with_proxy",
	]
	waived = {
		**FULL_PROXY,
		"inquiry_form": False,
		"proxy_documents": (INSURANCE,),
		"exception_reason": "電話で確認",
	}
	assert problems(manager=True, **waived) == [
		"exception_not_allowed",
		"inquiry_form_missing",
		"proxy_documents",
	]


def test_only_what_belongs_to_the_way_the_card_was_received_is_kept():
	assert "proxy_documents" in h.not_recorded(h.HOLDER, None)
	assert "holder_documents" not in h.not_recorded(h.HOLDER, None)
	assert "reason" in h.not_recorded(h.LEGAL_REPRESENTATIVE, None)
	assert "holder_present" not in h.not_recorded(h.LEGAL_REPRESENTATIVE, None)
	assert set(h.not_recorded(h.AUTHORISED_PROXY, h.AGED_75)) >= {"hardship_proof", "authority_proof"}
	assert "exception_reason" not in h.not_recorded(h.AUTHORISED_PROXY, h.AGED_75)  # kept, then refused
	assert "authority_proof" not in h.not_recorded(h.AUTHORISED_PROXY, h.ADULT_WARD)
	assert "hardship_proof" not in h.not_recorded(h.AUTHORISED_PROXY, h.ILLNESS)
	assert set(h.not_recorded(h.AUTHORISED_PROXY, h.ILLNESS)) <= set(HandOver.__dataclass_fields__)


def test_lists_hang_together():
	assert len(set(h.PROXY_REASONS)) == 14 and h.LEGACY_REASON not in h.PROXY_REASONS
	assert set(h.HARDSHIP_PROOFS_FOR) | set(h.PROOF_BY_AGE) | set(h.PROOF_BY_AUTHORITY) == set(
		h.PROXY_REASONS
	)
	assert h.HARDSHIP_PROOFS[-1] == h.OTHER_PROOF and len(set(h.HARDSHIP_PROOFS)) == len(h.HARDSHIP_PROOFS)
	for standings in h.STANDING_REQUIRED.values():
		assert set(standings) <= set(h.PROXY_STANDINGS)
	assert set(h.MINOR_AUTHORITY + h.WARD_AUTHORITY + h.CURATORSHIP_AUTHORITY) == set(h.AUTHORITY_PROOFS)


# Identity documents --------------------------------------------------------------------------------------
def test_document_classes():
	a_kinds = {k.name for k in ids.KINDS if k.cls == ids.A}
	assert {"MyNumber Card", LICENCE, PASSPORT, "Residence Card", "Driving Record Certificate"} <= a_kinds
	assert {"Disability Certificate", "Special Permanent Resident Certificate"} <= a_kinds
	b_kinds = {k.name for k in ids.KINDS if k.cls == ids.B}
	assert {
		INSURANCE,
		"Health Insurance Eligibility Certificate",
		PENSION,
		"Student ID",
		"Employee ID",
	} <= b_kinds
	assert all(k.photo for k in ids.KINDS if k.cls == ids.A)
	assert [k.name for k in ids.KINDS if not k.proxy_may_use] == ["Photo Certificate"]


def test_parse_and_count():
	assert ids.parse("Driving Licence\nPassport, Driving Licence\n") == (LICENCE, PASSPORT)
	assert ids.parse(None) == ()
	assert ids.counts((LICENCE, INSURANCE, "Other Photo ID")) == ids.Counts(a=1, b=2, b_with_photo=1)
	assert ids.counts(("MyNumber Card", INSURANCE), besides_card=True) == ids.Counts(a=0, b=1, b_with_photo=0)
	with pytest.raises(ValueError):
		ids.meets("A9", ids.Counts(1, 1, 0))


# Counter services (Card Service) --------------------------------------------------------------------------
def visit(age=10, ward=False, **values):
	return service_visitor_problems(ServiceVisit(**values), holder_age=age, under_guardianship=ward)


def test_holder_at_a_service_needs_nothing_more():
	assert visit(age=40) == []


def test_legal_representative_pin_reset_on_the_day():
	# 菊池市: the holder's card and one more document of the holder's; the 法定代理人 A×2 or A+B;
	# 「法定代理人であることを確認できる書類（市内に本籍もしくは住民票があり…不要）」
	parent = dict(
		visitor=h.LEGAL_REPRESENTATIVE,
		authority_proof=h.SAME_HOUSEHOLD_PARENT,
		holder_documents=(INSURANCE,),
		proxy_documents=(LICENCE, INSURANCE),
		**PROXY,
	)
	assert visit(**parent) == []
	assert visit(**{**parent, "authority_proof": None}) == ["authority_minor"]
	assert visit(**{**parent, "proxy_documents": (LICENCE,)}) == ["proxy_documents"]
	assert visit(**{**parent, "holder_documents": ("MyNumber Card",)}) == ["service_holder_documents"]
	assert visit(age=30, **parent) == ["legal_representative_not_allowed"]
	assert visit(age=70, ward=True, **parent) == ["authority_ward"]


def test_authorised_proxy_at_a_service_shows_one_a_or_two_b():
	# 大阪狭山市・国立市, first visit: 「Aの書類1点」または「Bの書類2点」
	proxy = dict(visitor=h.AUTHORISED_PROXY, proxy_documents=(LICENCE,), **PROXY)
	assert visit(age=40, **proxy) == []
	assert visit(age=40, **{**proxy, "proxy_documents": (INSURANCE, PENSION)}) == []
	assert visit(age=40, **{**proxy, "proxy_documents": (INSURANCE,)}) == ["service_proxy_documents"]
	assert visit(age=40, visitor=h.AUTHORISED_PROXY) == [
		"proxy_name_missing",
		"relationship_missing",
		"service_proxy_documents",
	]
