"""What residents read names no single kind of office, and the settings' defaults agree with core:
the office word's choices, the pickup deadline and identity lists A/B without the old insurance card."""

import pytest

from mynumber_card.core import municipality
from mynumber_card.core.what_to_bring import lines
from tests.app_files import APP, MODULE_DIR, doctypes, translations


def _settings_fields() -> dict:
	return {f["fieldname"]: f for f in doctypes()["MyNumber Card Settings"]["fields"]}


def test_default_lists_no_longer_name_the_old_insurance_card():
	# old health insurance cards stopped being valid after 2025-12-01: the 資格確認書 replaces them
	fields = _settings_fields()
	list_a, list_b = (lines(fields[f]["default"]) for f in ("id_documents_one", "id_documents_two"))
	assert not [d for d in list_a + list_b if "保険証" in d]
	assert any("資格確認書" in d for d in list_b)
	assert {"マイナンバーカード", "運転免許証", "パスポート"} <= set(list_a)


def test_settings_defaults_agree_with_core():
	fields = _settings_fields()
	assert fields["pickup_deadline_months"]["default"] == "3"  # what towns commonly give
	assert fields["municipality_type"]["default"] == municipality.DEFAULT_KIND
	assert lines(fields["municipality_type"]["options"]) == tuple(municipality.OFFICE_WORDS)


RESIDENT_FILES = [
	*(APP / "templates").rglob("*.html"),
	*(APP / "www").rglob("*"),
	*(MODULE_DIR / "web_form").rglob("*.*"),
	*(MODULE_DIR / "print_format").rglob("*.json"),
	*(APP / "public" / "js").rglob("*.js"),
]


@pytest.mark.parametrize("path", sorted(p for p in RESIDENT_FILES if p.is_file()), ids=lambda p: p.name)
def test_resident_texts_do_not_assume_a_town(path):
	text = path.read_text(encoding="utf-8")
	assert "町役場" not in text and "町民" not in text, "name the office with wording.office_name()"


def test_translations_name_no_single_kind_of_office():
	for source, target in translations("ja").items():
		# staff-facing help may list all four words; a message never names the town office alone
		assert "町役場" not in target or "市役所" in target, source
