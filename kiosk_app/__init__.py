"""Atrium Kiosk: offline-first touchscreen check-in for office receptions."""

__version__ = "0.1.0"
