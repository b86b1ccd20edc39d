"""Static checks of the Card Service doctype (窓口手続) against the core rules, no site needed."""

from mynumber_card.core import handover, identity_documents, lifecycle, reasons, services
from mynumber_card.core.fees import Fees
from mynumber_card.core.roles import CLERK, MANAGER, SYSTEM_MANAGER
from mynumber_card.core.service_effects import HOLDER_FIELDS, REASON_FIELDS, RESIDENCE_FIELDS
from tests.app_files import doctypes, js_messages, translations


def _fields(doctype: str = "Card Service") -> dict[str, dict]:
	return {f["fieldname"]: f for f in doctypes()[doctype]["fields"]}


def _options(field: dict) -> list[str]:
	return [o for o in field["options"].split("\n") if o]


def test_select_options_are_the_core_lists():
	fields = _fields()
	expected = {
		"service_type": services.SERVICE_TYPES,
		"visitor": handover.RECEIVERS,
		"loss_reported_via": reasons.LOSS_REPORT_CHANNELS,
		"card_state": lifecycle.STATES,
	}
	for fieldname, values in expected.items():
		assert _options(fields[fieldname]) == list(values), fieldname
	assert _options(fields["status"]) == ["Completed", "Waiting for Second Visit"]


def test_fields_a_service_copies_to_the_card_exist_there_with_the_same_options():
	"""Same type and options: a Select the same list, a Link the same doctype (the shared lists are
	Links to one vocabulary, test_app_files)."""
	service, card = _fields(), _fields("MyNumber Card")
	for names in REASON_FIELDS.values():
		for name in names:
			assert service[name]["fieldtype"] == card[name]["fieldtype"], name
			assert service[name].get("options") == card[name].get("options"), name
	for state in services.STATE_AFTER.values():
		if state in lifecycle.REQUIRED_ON_ENTRY:
			assert lifecycle.REQUIRED_ON_ENTRY[state] in service  # checked before the card moves


def test_fields_a_reissue_carries_to_the_new_card_exist_on_both():
	service, card = _fields(), _fields("MyNumber Card")
	assert set(HOLDER_FIELDS) <= set(card)
	assert "residence_expiry_date" not in HOLDER_FIELDS  # entered on the reissue, not copied
	for service_field, card_field in RESIDENCE_FIELDS.items():
		assert service[service_field]["fieldtype"] == card[card_field]["fieldtype"], service_field
		assert service[service_field].get("options") == card[card_field].get("options"), service_field


def test_record_is_named_without_personal_data_and_audited():
	data = doctypes()["Card Service"]
	fields = _fields()
	assert data["autoname"] == "naming_series:"
	assert _options(fields["naming_series"]) == ["CSV-.YYYY.-.#####"]
	assert data["track_changes"] == 1
	assert fields["card"]["reqd"] and fields["service_type"]["reqd"]
	# the fee is the table's; a Card Manager may correct it with a reason (checked on the server)
	assert fields["new_card"]["read_only"] and fields["computed_fee"]["read_only"]
	assert not fields["fee"].get("read_only") and "fee_correction_reason" in fields
	roles = {p["role"]: p for p in data["permissions"]}
	assert roles[CLERK]["create"] and roles[CLERK]["write"] and not roles[CLERK]["delete"]
	assert roles[MANAGER]["delete"] and roles[SYSTEM_MANAGER]["delete"]


def test_settings_carry_the_fees_with_the_national_defaults():
	fields = _fields("MyNumber Card Settings")
	defaults = Fees()
	assert int(fields["reissue_fee_card"]["default"]) == defaults.card
	assert int(fields["reissue_fee_certificate"]["default"]) == defaults.certificate
	assert int(fields["reissue_fee_express_card"]["default"]) == defaults.express_card
	assert bool(int(fields["stolen_card_free"]["default"])) == defaults.stolen_free


def test_service_types_and_document_kinds_shown_on_buttons_are_translated():
	ja = translations("ja")
	assert "Counter Services" in js_messages()
	for value in (*services.SERVICE_TYPES, *identity_documents.DOCUMENT_KINDS):
		assert ja.get(value), value
