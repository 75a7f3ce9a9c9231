"""Owner-only modes for the kiosk's data: the directory 0700, the database files 0600."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class FileModeError(OSError):
    """A mode that could not be made owner-only (the message says what to run)."""


def _posix() -> bool:
    return os.name == "posix"


def make_private_dir(path: Path) -> None:
    """Give ``path`` (an existing directory) mode 0700 unless it already has no group/other bits."""
    if not _posix():
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077 == 0 and mode & 0o700 == DIR_MODE:
        return
    try:
        os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise FileModeError(
            f"{path} can be read by other users and its mode cannot be changed "
            f"({exc.strerror or exc}); run `chmod 700 {path}`."
        ) from None


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist; repair its mode if it does.

    SQLite gives its -wal and -shm files the database file's mode, so they follow.
    """
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        os.close(fd)
    make_private_file(path)


def make_private_file(path: Path) -> None:
    if not _posix():
        return
    if stat.S_IMODE(path.stat().st_mode) == FILE_MODE:
        return
    try:
        os.chmod(path, FILE_MODE)
    except OSError as exc:
        raise FileModeError(
            f"{path} can be read by other users and its mode cannot be changed "
            f"({exc.strerror or exc}); run `chmod 600 {path}`."
        ) from None


def make_database_private(db_path: Path) -> None:
    """The database file and whichever of its side files exist: 0600."""
    for candidate in (db_path, *(db_path.with_name(db_path.name + s) for s in SQLITE_SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError):
            make_private_file(candidate)
