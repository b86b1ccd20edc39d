"""The app's role names: the one place they are spelled (the fixtures and JSON permissions aside)."""

CLERK = "Card Clerk"
MANAGER = "Card Manager"
# The reception kiosk's own login: checks residents in and hands out tickets, nothing else; not staff.
KIOSK = "Card Kiosk"
SYSTEM_MANAGER = "System Manager"  # Frappe's own; its holders may do what a Card Manager may

# Who works at the counter, and who may decide what a clerk may not.
STAFF = (CLERK, MANAGER, SYSTEM_MANAGER)
MANAGERS = (MANAGER, SYSTEM_MANAGER)
# The staff roles the app ships (each takes every booking workflow step); System Manager is Frappe's.
APP_ROLES = (CLERK, MANAGER)
# Every role the app ships as a fixture.
FIXTURE_ROLES = (*APP_ROLES, KIOSK)
# Who may use the reception kiosk's endpoints: the kiosk, and staff trying it out.
KIOSK_USERS = (KIOSK, *STAFF)
# The prefecture's overview site (issue 26): officers read every town's figures; each town's reporting
# user (an API key, no desk) only sends or lets the overview read its own town's report.
PREFECTURE_OFFICER = "Prefecture Officer"
PREFECTURE_REPORTER = "Prefecture Reporter"
