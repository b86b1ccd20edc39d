"""The app's role names: the one place they are spelled (the fixtures and JSON permissions aside)."""

CLERK = "Card Clerk"
MANAGER = "Card Manager"
SYSTEM_MANAGER = "System Manager"  # Frappe's own; its holders may do what a Card Manager may

# Who works at the counter, and who may decide what a clerk may not.
STAFF = (CLERK, MANAGER, SYSTEM_MANAGER)
MANAGERS = (MANAGER, SYSTEM_MANAGER)
# The roles the app ships (fixtures); System Manager is Frappe's.
APP_ROLES = (CLERK, MANAGER)
