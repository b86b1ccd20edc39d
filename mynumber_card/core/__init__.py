"""Rules that need no database. Nothing in this package may import frappe."""
