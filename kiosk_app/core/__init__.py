"""GUI-free kiosk core: passes, store, credentials, pairing, sync and the check-in service."""
