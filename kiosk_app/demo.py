"""``atrium-kiosk demo``: the whole product on one machine, no webcam and no setup needed.

Starts the bundled server in-process over HTTPS on 127.0.0.1 with a throw-away data dir, pairs a
kiosk with an in-memory credential store (never the user's keyring), creates sample visits and
feeds the scan screen a synthetic camera that shows every kind of pass one after another.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nacl.signing
import segno

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.passes import PassClaims, new_jti, peek_claims, sign_pass
from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.demo_signing import SIGNING_FRAMES, seed_signing_document
from kiosk_app.scanner.sources import open_source
from kiosk_app.scanner.synthetic import SyntheticSource
from server_stub.embedded import EmbeddedServer

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from kiosk_app.demo_visitors import VisitorDirector
    from kiosk_app.ui.controller import KioskController
    from kiosk_app.ui.window import KioskWindow

DEMO_PIN = "1234"
DEMO_KIOSK = "Demo lobby"
SHOW_FRAMES = 45  # 1.5 s in front of the camera at 30 fps
VERDICT_SCALE = 0.75  # verdicts stay 3.75 s (welcome) or 6 s (refusals) in the demo
GAP_FRAMES = {VerdictCode.ACCEPTED: SIGNING_FRAMES}  # reading, signing, then the welcome
REFUSAL_GAP_FRAMES = 230


@dataclass(frozen=True)
class SamplePass:
    """One pass the demo shows, with the verdict it should get."""

    label: str
    text: str
    expected: VerdictCode


@dataclass
class DemoSetup:
    server: EmbeddedServer
    kiosk: Kiosk
    samples: list[SamplePass]
    qr_dir: Path


def _forged(text: str) -> str:
    """The same claims signed with a key the server never issued."""
    claims = peek_claims(text)
    header = json.loads(base64.urlsafe_b64decode(text.split(".")[0] + "=="))
    copy = PassClaims(
        claims.tenant, claims.site, claims.visit_id, new_jti(), claims.nbf, claims.exp
    )
    return sign_pass(copy, nacl.signing.SigningKey.generate(), header["kid"])


def _damaged(text: str) -> str:
    header, payload, signature = text.split(".")
    return f"{header}.{payload[: len(payload) // 2]}.{signature}"


def create_sample_passes(server: EmbeddedServer) -> list[SamplePass]:
    """Sample visits on the server, and the passes that show every verdict."""
    now = dt.datetime.now(dt.UTC)
    hours = dt.timedelta(hours=1)

    def visit(visitor: str, start_h: float, end_h: float, site: str | None = None) -> dict:
        return server.create_visit(
            visitor, "Grace Hopper", now + start_h * hours, now + end_h * hours, site_id=site
        )

    valid = visit("Ada Lovelace", -0.25, 6)
    expired = visit("Charles Babbage", -8, -2)
    later = visit("Alan Turing", 20, 23)
    cancelled = visit("Hedy Lamarr", -0.25, 6)
    server.cancel_visit(cancelled["visit_id"])
    elsewhere = visit("Katherine Johnson", -0.25, 6, server.add_site("Hamburg office"))
    return [
        SamplePass("valid", valid["pass"], VerdictCode.ACCEPTED),
        SamplePass("same-again", valid["pass"], VerdictCode.ALREADY_USED),
        SamplePass("expired", expired["pass"], VerdictCode.EXPIRED),
        SamplePass("not-yet-valid", later["pass"], VerdictCode.NOT_YET_VALID),
        SamplePass("cancelled", cancelled["pass"], VerdictCode.REVOKED),
        SamplePass("other-site", elsewhere["pass"], VerdictCode.WRONG_SITE),
        SamplePass("forged", _forged(valid["pass"]), VerdictCode.BAD_SIGNATURE),
        SamplePass("damaged", _damaged(later["pass"]), VerdictCode.MALFORMED),
        SamplePass("not-atrium", "https://example.org/hello", VerdictCode.NOT_A_PASS),
    ]


def play_visitors(
    window: KioskWindow,
    controller: KioskController,
    source: Callable[[], SyntheticSource],
    script: list[tuple[str | None, int]],
    samples: list[SamplePass],
) -> VisitorDirector:
    """After each camera round: a walk-in, Ada checking out, the walk-in checking out."""
    from kiosk_app.demo_visitors import VisitorDirector

    valid = next(s.text for s in samples if s.expected == VerdictCode.ACCEPTED)
    return VisitorDirector(window, controller, source, script, valid)


DEMO_HOSTS = (("Grace Hopper", "grace.hopper@example.com"), ("Alan Kay", "alan.kay@example.com"))


def seed_hosts(server: EmbeddedServer) -> None:
    """The host directory the demo's walk-in picks from (Grace Hopper, the samples' host)."""
    for name, email in DEMO_HOSTS:
        server.add_host(name, email)


def demo_script(samples: list[SamplePass]) -> list[tuple[str | None, int]]:
    """The synthetic camera's script: each pass in turn, long enough apart to read each verdict."""
    script: list[tuple[str | None, int]] = [(None, 60)]
    for sample in samples:
        gap = GAP_FRAMES.get(sample.expected, REFUSAL_GAP_FRAMES)
        script += [(sample.text, SHOW_FRAMES), (None, gap)]
    return script


def write_sample_images(samples: list[SamplePass], directory: Path) -> list[Path]:
    """PNG QR codes of the samples, for showing them to a real webcam (e.g. on a phone)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, sample in enumerate(samples, 1):
        path = directory / f"{number:02d}-{sample.label}.png"
        segno.make(sample.text, error="m").save(str(path), scale=8, border=4)
        paths.append(path)
    return paths


def prepare_demo(root: Path) -> DemoSetup:
    """Server up, kiosk paired (in-memory credentials) and synced, sample passes ready."""
    server = EmbeddedServer(root / "server").start()
    try:
        config = KioskConfig(
            data_dir=root / "kiosk",
            credential_store="memory",
            server_url=server.url,
            ca_cert=server.ca_cert,
        )
        kiosk = Kiosk.open(config)
        try:
            code = server.pairing_code(DEMO_KIOSK)
            kiosk.pair(server.url, code, ca_cert=server.ca_cert, admin_pin=DEMO_PIN)
            samples = create_sample_passes(server)
            seed_hosts(server)
            seed_signing_document(server)  # the valid pass leads to a signing
            kiosk.sync.run_once()  # keys, revocations, today's names, the document, hosts
        except BaseException:
            kiosk.close()
            raise
    except BaseException:
        server.close()
        raise
    return DemoSetup(server, kiosk, samples, root / "qr-samples")


class DemoStopped(Exception):
    """SIGTERM or SIGINT before the event loop runs: unwind, so the temp folders go too."""


_STOP_REQUESTED: list[str] = []  # set by the handler: its exception may be swallowed


def _stop(signum: int, _frame: object) -> None:
    for number in (signal.SIGINT, signal.SIGTERM):  # a second signal must not cut the cleanup
        signal.signal(number, signal.SIG_IGN)
    _STOP_REQUESTED.append(signal.Signals(signum).name)
    raise DemoStopped(signal.Signals(signum).name)


def _stopped_during_setup() -> None:
    """Unwinds if a signal came while setting up but its exception was lost.

    A signal handler runs between any two bytecodes, also inside a garbage-collection
    callback, where Python prints an exception and ignores it.
    """
    if _STOP_REQUESTED:
        raise DemoStopped(_STOP_REQUESTED[0])


@contextlib.contextmanager
def stop_signals_unwind() -> Iterator[None]:
    """While setting up, SIGTERM/SIGINT raise DemoStopped instead of killing the process.

    The event loop installs its own handlers (a clean quit) while it runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def play_signing(window: KioskWindow) -> QObject:
    """The demo's visitor reads and signs whatever the signing screen shows (scripted touches)."""
    from kiosk_app.ui.demo_player import SigningPlayer

    return SigningPlayer(window)


def run_demo(
    camera: str | None = None,
    windowed: bool = False,
    lang: str | None = None,
    seconds: float | None = None,
) -> int:
    """Runs the demo until the window is closed (or for ``seconds``); returns the exit code."""
    from kiosk_app.ui.app import application

    app = application()
    try:
        with stop_signals_unwind():
            return _run_in_temp_dir(app, camera, windowed, lang, seconds)
    except DemoStopped as stop:
        print(f"Atrium demo: stopped by {stop}; its temporary data is removed.")
        return 0


def _run_in_temp_dir(
    app: QApplication, camera: str | None, windowed: bool, lang: str | None, seconds: float | None
) -> int:
    from kiosk_app.ui.app import build_kiosk_ui, exec_until_closed, show_window

    with tempfile.TemporaryDirectory(prefix="atrium-demo-") as tmp:
        setup = prepare_demo(Path(tmp))
        try:
            _stopped_during_setup()
        except BaseException:
            setup.kiosk.close()
            setup.server.close()
            raise
        try:
            if camera is None or camera == "synthetic":
                spec = "synthetic"
                script = demo_script(setup.samples)
                sources: list[SyntheticSource] = []

                def opener(_spec: str) -> SyntheticSource:
                    # one round; the visitor director plays its part, then queues the next
                    sources.append(SyntheticSource(script=script))
                    return sources[-1]

            else:
                spec, opener = camera, open_source  # type: ignore[assignment]
            window, controller = build_kiosk_ui(
                setup.kiosk, spec, "zxing", lang, source_opener=opener
            )
            window.verdict.set_time_scale(VERDICT_SCALE)
            window.walk_in_done.set_time_scale(VERDICT_SCALE)
            play_signing(window)
            if spec == "synthetic":
                play_visitors(window, controller, lambda: sources[-1], script, setup.samples)
            print(f"Atrium demo: server {setup.server.url} (in-process, throw-away data)")
            print(f"Admin PIN {DEMO_PIN}: hold the top-left corner for 3 seconds.")
            if spec != "synthetic":
                print(f"Camera {spec}: hold these sample QR codes up to it (e.g. on a phone):")
                for path in write_sample_images(setup.samples, setup.qr_dir):
                    print(f"  {path}")
            show_window(window, windowed)
            controller.start()
            try:
                return exec_until_closed(app, controller.shutdown, seconds)
            finally:
                window.allow_close = True
                window.close()
                window.deleteLater()
        finally:
            setup.kiosk.close()
            setup.server.close()
