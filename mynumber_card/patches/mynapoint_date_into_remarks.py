"""The マイナポイント application date (the campaign ended) leaves the card: a date that was filled in is
kept as a line of the card's remarks, then the column is dropped."""

import frappe

from mynumber_card.core.dates import wareki

CARD = "MyNumber Card"
COLUMN = "mynapoint_applied_date"


def execute():
	if not frappe.db.has_column(CARD, COLUMN):
		return
	card = frappe.qb.DocType(CARD)
	rows = (
		frappe.qb.from_(card).select(card.name, card.remarks, card[COLUMN]).where(card[COLUMN].isnotnull())
	).run(as_dict=True)
	for row in rows:
		line = f"マイナポイント申込日：{wareki(row[COLUMN])}"
		remarks = f"{row.remarks}\n{line}" if row.remarks else line
		frappe.qb.update(card).set(card.remarks, remarks).where(card.name == row.name).run()
	frappe.db.sql_ddl(f"alter table `tab{CARD}` drop column `{COLUMN}`")
	frappe.cache.hdel("table_columns", f"tab{CARD}")  # has_column reads a cached column list
