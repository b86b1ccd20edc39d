"""What staff typed in a search box, as conditions on the card ledger (used by search and reports)."""

from mynumber_card.core.search import CardQuery


def escape_like(value: str) -> str:
	return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_typed(query, card, parsed: CardQuery):
	"""Narrow a frappe.qb query on MyNumber Card to an ID, a notice number, or name/kana and birth date."""
	if parsed.application_id:
		return query.where(card.application_id == parsed.application_id)
	if parsed.notice_number:
		return query.where(card.notice_number == parsed.notice_number)
	if parsed.birth_date:
		query = query.where(card.birth_date == parsed.birth_date)
	if parsed.kana_key:
		query = query.where(card.kana_key.like(f"{escape_like(parsed.kana_key)}%"))
	if parsed.name_key:
		query = query.where(card.name_key.like(f"{escape_like(parsed.name_key)}%"))
	return query
