"""Issue 22: the hand-over records the holder's and the proxy's identity documents apart, and an 任意代理人
only for a reason on the list published since 2023-04-01 (core/handover.py).

- The one list `identity_documents` of a card (and of a Card Service) goes to the proxy's list when a
  legal representative or an authorised proxy received the card (came for the service), else to the
  holder's; then the old column is dropped. Nothing is lost: a list already filled is not written over.
- Proxy reasons that left the list: 「身体の障害」 is the list's 「障害のある方」; 「入院・施設入所」,
  「長期海外滞在」 and 「遠隔地の学校・勤務」 fit no single reason of the new list (長期入院 or 施設入所;
  海外留学 or 長期出張; 通学・通勤 are no reason at all), so they become 「その他」 with the old reason kept as
  a line of the card's remarks."""

import frappe

from mynumber_card.core import handover

CARD = "MyNumber Card"
SERVICE = "Card Service"
OLD_COLUMN = "identity_documents"
RENAMED_REASONS = {"Disability": handover.DISABILITY}
# The old reasons as the counter saw them (translations/ja.csv at the time).
LEFT_REASONS = {
	"Hospitalised or in Care": "入院・施設入所",
	"Long Stay Abroad": "長期海外滞在",
	"School or Work Far Away": "遠隔地の学校・勤務",
}
REMARKS_LIMIT = 2000  # mynumber_card.PLAIN_TEXT_FIELDS


def execute():
	split_documents(CARD, "received_by")
	split_documents(SERVICE, "visitor")
	move_reasons()


def split_documents(doctype: str, who_field: str):
	if not frappe.db.has_column(doctype, OLD_COLUMN):
		return
	table = frappe.qb.DocType(doctype)
	rows = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table[who_field],
			table[OLD_COLUMN],
			table.holder_identity_documents,
			table.proxy_identity_documents,
		)
		.where(table[OLD_COLUMN].isnotnull() & (table[OLD_COLUMN] != ""))
	).run(as_dict=True)
	for row in rows:
		target = (
			"proxy_identity_documents" if row[who_field] in handover.PROXIES else "holder_identity_documents"
		)
		if row[target]:
			continue  # filled since: keep it (the old list stays in the Version history)
		frappe.qb.update(table).set(table[target], row[OLD_COLUMN]).where(table.name == row.name).run()
	frappe.db.sql_ddl(f"alter table `tab{doctype}` drop column `{OLD_COLUMN}`")
	frappe.cache.hdel("table_columns", f"tab{doctype}")  # has_column reads a cached column list


def move_reasons():
	card = frappe.qb.DocType(CARD)
	for old, new in RENAMED_REASONS.items():
		frappe.qb.update(card).set(card.proxy_reason, new).where(card.proxy_reason == old).run()
	rows = (
		frappe.qb.from_(card)
		.select(card.name, card.proxy_reason, card.remarks)
		.where(card.proxy_reason.isin(list(LEFT_REASONS)))
	).run(as_dict=True)
	for row in rows:
		line = f"代理人交付の理由（変更前）：{LEFT_REASONS[row.proxy_reason]}"
		remarks = f"{row.remarks}\n{line}" if row.remarks else line
		update = frappe.qb.update(card).set(card.proxy_reason, handover.LEGACY_REASON)
		if len(remarks) <= REMARKS_LIMIT:
			update = update.set(card.remarks, remarks)
		else:
			frappe.get_doc(CARD, row.name).add_comment("Info", line)
		update.where(card.name == row.name).run()
