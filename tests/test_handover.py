from mynumber_card.core.handover import (
	AUTHORISED_PROXY,
	HOLDER,
	LEGAL_REPRESENTATIVE,
	HandOver,
	handover_problems,
	parse_documents,
)

PROXY = dict(proxy_name="山田 花子", relationship="娘", documents=("Driving Licence",))


def test_holder_needs_nothing_more():
	assert handover_problems(HandOver(), holder_age=40) == []
	assert handover_problems(HandOver(received_by=HOLDER, documents=("Passport",)), holder_age=40) == []


def test_legal_representative_only_for_children_under_15_or_guardianship():
	assert handover_problems(HandOver(received_by=LEGAL_REPRESENTATIVE, **PROXY), holder_age=14) == []
	assert handover_problems(HandOver(received_by=LEGAL_REPRESENTATIVE, **PROXY), holder_age=15) == [
		"legal_representative_not_allowed"
	]
	assert (
		handover_problems(
			HandOver(received_by=LEGAL_REPRESENTATIVE, **PROXY), holder_age=80, under_guardianship=True
		)
		== []
	)


def test_authorised_proxy_needs_reason_and_inquiry_form():
	bare = HandOver(received_by=AUTHORISED_PROXY, **PROXY)
	assert handover_problems(bare, holder_age=80) == ["reason_missing", "inquiry_form_missing"]
	full = HandOver(received_by=AUTHORISED_PROXY, reason="Aged 75 or Older", inquiry_form=True, **PROXY)
	assert handover_problems(full, holder_age=80) == []
	odd = HandOver(received_by=AUTHORISED_PROXY, reason="Busy", inquiry_form=True, **PROXY)
	assert handover_problems(odd, holder_age=80) == ["unknown_reason"]


def test_manager_override_needs_a_written_reason():
	bare = HandOver(received_by=AUTHORISED_PROXY, override_reason="本人入院中、病院から電話で確認", **PROXY)
	assert handover_problems(bare, holder_age=50, is_manager=True) == []
	assert handover_problems(bare, holder_age=50, is_manager=False) == [
		"reason_missing",
		"inquiry_form_missing",
	]
	no_text = HandOver(received_by=AUTHORISED_PROXY, **PROXY)
	assert "reason_missing" in handover_problems(no_text, holder_age=50, is_manager=True)


def test_proxy_identity_and_document_kinds():
	problems = handover_problems(
		HandOver(received_by=AUTHORISED_PROXY, reason="Illness", inquiry_form=True), 50
	)
	assert problems == ["proxy_name_missing", "relationship_missing", "documents_missing"]
	# a kind, never a number
	numbered = HandOver(
		received_by=LEGAL_REPRESENTATIVE, proxy_name="a", relationship="父", documents=("第012345号",)
	)
	assert handover_problems(numbered, holder_age=3) == ["unknown_document:第012345号"]
	assert handover_problems(HandOver(received_by="Neighbour"), 50) == ["unknown_receiver"]


def test_parse_documents():
	assert parse_documents("Driving Licence\nPassport, Driving Licence\n") == ("Driving Licence", "Passport")
	assert parse_documents(None) == ()
