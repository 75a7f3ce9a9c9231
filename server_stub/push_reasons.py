"""The reasons a push answer gives besides the pass verdicts (``VerdictCode``), in one place."""

from __future__ import annotations

EVENT_ID_REUSED = "event_id_reused"  # the same event id for another event
SCANNED_IN_FUTURE = "scanned_in_future"  # more than the leeway ahead of server time
BACKDATED = "backdated"  # earlier than an honest kiosk could have scanned
NOT_CHECKED_IN = "not_checked_in"  # exit: no check-in for the visit (before it)
UNKNOWN_VISIT = "unknown_visit"  # exit: no such visit at the device's site
ALREADY_CHECKED_OUT = "already_checked_out"  # exit, a duplicate: the first check-out stands
UNKNOWN_HOST = "unknown_host"  # walk-in: not an active host of the device's site
WALK_INS_DISABLED = "walk_ins_disabled"  # walk-in: the site takes none
INVALID_NAME = "invalid_name"  # walk-in: name or company is not a name
