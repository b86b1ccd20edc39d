import pytest

from mynumber_card.core import lifecycle as lc
from mynumber_card.core import services as sv


def test_every_service_ends_in_a_state_the_table_allows():
	from mynumber_card.core import reasons

	for service in sv.SERVICE_TYPES:
		for state in sv.ALLOWED_STATES[service]:
			for reason in (None, *reasons.REISSUE_REASONS):
				after = sv.state_after(service, state, reason)
				assert after is None or lc.find_transition(state, after), (service, state, reason)


def test_services_offered_by_state():
	assert sv.services_for(lc.SUSPENDED) == [
		sv.CERTIFICATE_REVOCATION,
		sv.FOUND,
		sv.CARD_REVOCATION,
		sv.REISSUE_APPLICATION,
	]
	assert sv.services_for(lc.NOTICE_SENT) == []
	with pytest.raises(sv.ServiceNotAllowed):
		sv.check_service(sv.PIN_RESET, lc.REVOKED)
	with pytest.raises(sv.ServiceNotAllowed):
		sv.check_service("Make Coffee", lc.ISSUED)
	sv.check_service(sv.CARD_RETURN, lc.ISSUED)


def test_pin_reset_by_an_authorised_proxy_takes_two_visits_by_a_legal_representative_one():
	# 菊池市: 任意代理人 「申請当日に手続きが完了しません」; 「本人または法定代理人が手続きする場合」 on the day
	assert sv.needs_second_visit(sv.PIN_RESET, "Authorised Proxy")
	assert not sv.needs_second_visit(sv.PIN_RESET, "Legal Representative")
	assert not sv.needs_second_visit(sv.PIN_RESET, "Holder")
	assert not sv.needs_second_visit(sv.PIN_RESET, None)
	# an e-certificate renewal by a proxy: on the day with J-LIS's 照会書兼回答書, else two visits (横浜市)
	assert sv.needs_second_visit(sv.CERTIFICATE_RENEWAL, "Authorised Proxy")
	assert not sv.needs_second_visit(sv.CERTIFICATE_RENEWAL, "Authorised Proxy", inquiry_form_brought=True)
	assert not sv.needs_second_visit(sv.CERTIFICATE_RENEWAL, "Legal Representative")
	assert not sv.needs_second_visit(sv.CERTIFICATE_RENEWAL, "Holder")
