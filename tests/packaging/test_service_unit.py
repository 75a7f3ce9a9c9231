"""The systemd user unit starts the bundle's executable with a command the CLI accepts."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from kiosk_app.cli import build_parser

UNIT = Path(__file__).resolve().parents[2] / "packaging" / "atrium-kiosk.service"


def read_unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, comment_prefixes=("#",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_unit_starts_the_kiosk_with_the_session_and_restarts_it() -> None:
    unit = read_unit()
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    assert unit["Unit"]["PartOf"] == "graphical-session.target"
    assert unit["Service"]["Restart"] == "always"
    assert unit["Service"]["UMask"] == "0077"


def test_exec_start_is_the_bundle_running_a_valid_command() -> None:
    executable, *arguments = shlex.split(read_unit()["Service"]["ExecStart"])
    assert executable.endswith("/atrium-kiosk/atrium-kiosk")
    assert executable.startswith("%h/")  # the user's home: no machine-specific path
    assert build_parser().parse_args(arguments).command == "run"
