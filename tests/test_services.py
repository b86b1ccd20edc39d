import pytest

from mynumber_card.core import lifecycle as lc
from mynumber_card.core import services as sv


def test_every_service_ends_in_a_state_the_table_allows():
	for service, after in sv.STATE_AFTER.items():
		for state in sv.ALLOWED_STATES[service]:
			assert state == after or lc.find_transition(state, after), (service, state)


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


def test_pin_reset_by_proxy_takes_two_visits():
	assert sv.needs_second_visit(sv.PIN_RESET, "Authorised Proxy")
	assert not sv.needs_second_visit(sv.PIN_RESET, "Holder")
	assert not sv.needs_second_visit(sv.PIN_RESET, None)
	assert not sv.needs_second_visit(sv.CERTIFICATE_RENEWAL, "Authorised Proxy")


def test_reissue_fee():
	fees = sv.Fees()
	assert sv.reissue_fee(fees, "Lost", with_certificates=True, express=False) == 1000
	assert sv.reissue_fee(fees, "Lost", with_certificates=False, express=False) == 800
	assert sv.reissue_fee(fees, "Lost", with_certificates=True, express=True) == 2000
	assert sv.reissue_fee(fees, "Lost", with_certificates=False, express=True) == 1800
	assert sv.reissue_fee(fees, "Disaster", with_certificates=True, express=True) == 0
	assert sv.reissue_fee(sv.Fees(card=900), "Damaged", with_certificates=True, express=False) == 1100
