"""Exit codes of atrium-kiosk and CliFailure, which ends a command with one of them."""

from __future__ import annotations

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_NOT_PAIRED = 3
EXIT_IO = 4
EXIT_SERVER = 5
EXIT_INTERRUPTED = 130


class CliFailure(Exception):
    """Ends a command with a one-line message and an exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code
