"""Who may receive a card at the counter (番号法施行規則第13条, 代理人交付).

- the holder;
- a 法定代理人 (parent, guardian) for a holder under 15 or under guardianship (成年被後見人);
- an 任意代理人 only for a stated reason that keeps the holder away, with the 照会書兼回答書 the
  holder filled in.
A proxy shows their own identity documents: only the kinds are recorded, never their numbers.
A Card Manager may override the reason and the 照会書 with a written reason.
"""

from dataclasses import dataclass, field

HOLDER = "Holder"
LEGAL_REPRESENTATIVE = "Legal Representative"
AUTHORISED_PROXY = "Authorised Proxy"
RECEIVERS = (HOLDER, LEGAL_REPRESENTATIVE, AUTHORISED_PROXY)
PROXIES = (LEGAL_REPRESENTATIVE, AUTHORISED_PROXY)

LEGAL_REPRESENTATIVE_MAX_AGE = 14  # under 15

PROXY_REASONS = (
	"Illness",  # 病気
	"Disability",  # 身体の障害
	"Aged 75 or Older",  # 75歳以上
	"Pregnancy",  # 妊娠中
	"Long Stay Abroad",  # 長期海外滞在
	"Hospitalised or in Care",  # 入院・施設入所
	"School or Work Far Away",  # 遠隔地の学校・勤務
	"Other",
)

# Kinds of identity documents (本人確認書類): the kind is recorded, never the document's number.
DOCUMENT_KINDS = (
	"MyNumber Card",
	"Driving Licence",
	"Passport",
	"Residence Card",
	"Disability Certificate",
	"Health Insurance Card",
	"Pension Book",
	"Student ID",
	"Other Photo ID",
	"Other",
)


@dataclass(frozen=True)
class HandOver:
	received_by: str = HOLDER
	proxy_name: str | None = None
	relationship: str | None = None
	reason: str | None = None
	inquiry_form: bool = False  # 照会書兼回答書 filled in by the holder
	documents: tuple[str, ...] = field(default_factory=tuple)
	override_reason: str | None = None


def parse_documents(value: str | None) -> tuple[str, ...]:
	"""The kinds as stored on a record: one per line (or comma separated)."""
	if not value:
		return ()
	parts = (part.strip() for line in value.splitlines() for part in line.split(","))
	return tuple(dict.fromkeys(part for part in parts if part))


def handover_problems(
	handover: HandOver, holder_age: int, under_guardianship: bool = False, is_manager: bool = False
) -> list[str]:
	"""Message keys for what keeps this hand-over from being allowed; empty when it is."""
	received_by = handover.received_by or HOLDER
	if received_by not in RECEIVERS:
		return ["unknown_receiver"]
	problems = [f"unknown_document:{kind}" for kind in handover.documents if kind not in DOCUMENT_KINDS]
	if received_by == HOLDER:
		return problems
	if not handover.proxy_name:
		problems.append("proxy_name_missing")
	if not handover.relationship:
		problems.append("relationship_missing")
	if not handover.documents:
		problems.append("documents_missing")
	if received_by == LEGAL_REPRESENTATIVE:
		if holder_age > LEGAL_REPRESENTATIVE_MAX_AGE and not under_guardianship:
			problems.append("legal_representative_not_allowed")
		return problems
	overridden = is_manager and bool(handover.override_reason)
	if not overridden:
		if not handover.reason:
			problems.append("reason_missing")
		elif handover.reason not in PROXY_REASONS:
			problems.append("unknown_reason")
		if not handover.inquiry_form:
			problems.append("inquiry_form_missing")
	return problems
