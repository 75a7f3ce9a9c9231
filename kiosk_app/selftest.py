"""``atrium-kiosk --self-test``: prove that this install (source or bundle) has all it needs."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import tempfile
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from kiosk_app.assets_path import asset_path, assets_dir, bundle_root
from kiosk_app.core.config import KioskConfig

Report = Callable[[str], None]
IMAGE_SUFFIXES = frozenset({".svg", ".png", ".jpg", ".jpeg", ".ico", ".bmp", ".gif"})
SOURCE_SUFFIXES = frozenset({".py", ".pyc", ".ts", ".md"})  # tools and sources, not loaded
QT_CATALOGS = ("qtbase_en", "qtbase_de")
SELFTEST_DIR = "selftest"
# Modules that need the server package, which the kiosk bundle leaves out on purpose.
SERVER_BOUND_MODULES = frozenset({"kiosk_app.demo"})


class CheckFailed(Exception):
    """One self-test check failed; the message says what and how to fix it."""


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    name: str
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL '}{self.name}: {self.detail}"


def _qt_application() -> object:
    """The running QApplication, or a new one on the offscreen platform unless one is chosen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app if app is not None else QApplication(["atrium-kiosk-self-test"])


def check_modules() -> str:
    """Every kiosk module imports: a bundle missing a library fails here, not at the desk."""
    import kiosk_app

    names = [
        info.name
        for info in pkgutil.walk_packages(kiosk_app.__path__, "kiosk_app.")
        if info.name not in SERVER_BOUND_MODULES and not info.name.endswith("__main__")
    ]
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise CheckFailed(f"{name} does not import: {exc}") from None
    if not any(name.startswith("kiosk_app.ui.") for name in names):
        raise CheckFailed("the kiosk UI modules are missing")
    return f"{len(names)} kiosk modules import"


def check_qt() -> str:
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    _qt_application()
    return f"Qt {qVersion()} on the {QGuiApplication.platformName()} platform"


def _check_image(path: Path) -> None:
    from PySide6.QtGui import QIcon, QPixmap

    if QPixmap(str(path)).isNull():
        raise CheckFailed(f"{path.name}: QPixmap cannot load it (image format plugin missing?)")
    if QIcon(str(path)).pixmap(32, 32).isNull():
        raise CheckFailed(f"{path.name}: QIcon renders nothing (icon engine plugin missing?)")


def _check_translation(path: Path) -> None:
    from PySide6.QtCore import QTranslator

    if not QTranslator().load(str(path)):
        raise CheckFailed(f"{path.name}: QTranslator cannot load it")


def _check_wav(path: Path) -> None:
    try:
        with wave.open(str(path), "rb") as sound:
            frames = sound.readframes(sound.getnframes())
    except (wave.Error, EOFError, OSError) as exc:
        raise CheckFailed(f"{path.name}: not a readable WAV file ({exc})") from None
    if not frames:
        raise CheckFailed(f"{path.name}: WAV file holds no sound")


def _check_text(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as exc:
        raise CheckFailed(f"{path.name}: unreadable text ({exc})") from None
    if not text.strip():
        raise CheckFailed(f"{path.name}: empty")


def asset_files(root: Path) -> Iterator[Path]:
    """Every asset the app may load (sources and caches left out)."""
    for path in sorted(root.rglob("*")):
        skipped = "__pycache__" in path.parts or path.suffix.lower() in SOURCE_SUFFIXES
        if path.is_file() and not skipped:
            yield path


def app_catalogs() -> list[Path]:
    """The kiosk's own catalogs every non-English language needs (English is the source text)."""
    from kiosk_app.ui.i18n import LANGUAGES, catalog_path

    return [Path(catalog_path(lang)) for lang in LANGUAGES if lang != "en"]


def check_assets() -> str:
    """Load every file under assets/ the way the app does; count them by kind."""
    _qt_application()
    root = assets_dir()
    if not root.is_dir():
        raise CheckFailed(f"no assets folder at {root}")
    counts = {"images": 0, "translations": 0, "sounds": 0, "other": 0}
    for path in asset_files(root):
        suffix = path.suffix.lower()
        if suffix in IMAGE_SUFFIXES:
            _check_image(path)
            counts["images"] += 1
        elif suffix == ".qm":
            _check_translation(path)
            counts["translations"] += 1
        elif suffix == ".wav":
            _check_wav(path)
            counts["sounds"] += 1
        else:
            _check_text(path)
            counts["other"] += 1
    if counts["images"] == 0:
        raise CheckFailed(f"no images found under {root}")
    missing = [path.name for path in app_catalogs() if not path.is_file()]
    if missing:
        raise CheckFailed(f"translation catalogs missing: {', '.join(missing)}")
    return ", ".join(f"{count} {kind}" for kind, count in counts.items()) + " loaded"


def check_qt_translations() -> str:
    """Qt's own English and German catalogs (the bundle keeps only these)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    _qt_application()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    missing = [name for name in QT_CATALOGS if not QTranslator().load(name, folder)]
    if missing:
        raise CheckFailed(f"cannot load {', '.join(missing)} from {folder}")
    return f"{', '.join(QT_CATALOGS)} loaded"


def _sample() -> dict[str, str]:
    facts = json.loads(asset_path(SELFTEST_DIR, "sample_pass.json").read_text(encoding="utf-8"))
    return {key: str(value) for key, value in facts.items()}


def check_decoder(config: KioskConfig) -> str:
    from kiosk_app.scanner.decoders import DecoderUnavailable, make_decoder
    from kiosk_app.scanner.images import ImageLoadError, load_image

    try:
        decoder = make_decoder(config.decoder)
        frame = load_image(asset_path(SELFTEST_DIR, "sample_pass.png"))
    except (DecoderUnavailable, ImageLoadError) as exc:
        raise CheckFailed(str(exc)) from None
    texts = decoder.decode(frame)
    if _sample()["pass"] not in texts:
        raise CheckFailed(f"the sample pass was not decoded (got {len(texts)} codes)")
    return "decoded sample pass"


def check_other_decoders(config: KioskConfig) -> str:
    """Optional decoders: reported, never a failure (zxing-cpp is the default)."""
    from kiosk_app.scanner.decoders import available_decoders

    parts = []
    for name, problem in available_decoders().items():
        if name != config.decoder:
            parts.append(
                f"{name} available" if problem is None else f"{name} not usable: {problem}"
            )
    return "; ".join(parts) or "none besides the default"


def check_pass_verification() -> str:
    """The sample pass verifies against the test key; the same claims under another key do not."""
    import nacl.signing

    from kiosk_app.core.passes import PassRejected, key_from_text, peek_claims, sign_pass
    from kiosk_app.core.passes import verify_pass as verify
    from kiosk_app.core.verdicts import VerdictCode

    facts = _sample()
    key = key_from_text(asset_path(SELFTEST_DIR, "test_key.pub").read_text().strip())
    keys = {facts["kid"]: key}
    seen = peek_claims(facts["pass"])
    if seen is None:
        raise CheckFailed("the sample pass is not a well-formed pass")
    where = {"tenant": facts["tenant"], "site": facts["site"], "now": seen.nbf + 1}
    try:
        claims = verify(facts["pass"], keys=keys, **where)
    except PassRejected as exc:
        raise CheckFailed(f"sample pass refused: {exc.code}") from None
    forged = sign_pass(claims, nacl.signing.SigningKey.generate(), facts["kid"])
    try:
        verify(forged, keys=keys, **where)
    except PassRejected as exc:
        if exc.code is not VerdictCode.BAD_SIGNATURE:
            raise CheckFailed(f"forged pass refused as {exc.code}, not bad_signature") from None
    else:
        raise CheckFailed("a pass signed with another key was accepted")
    return "sample pass verified; forged pass refused (bad_signature)"


def check_store() -> str:
    from kiosk_app.core.store import Store, StoreError

    with tempfile.TemporaryDirectory(prefix="atrium-selftest-") as folder:
        try:
            store = Store.open(Path(folder))
        except StoreError as exc:
            raise CheckFailed(str(exc)) from None
        try:
            stamp = time.time()
            store.set("selftest", stamp)
            if store.get("selftest") != stamp:
                raise CheckFailed("a setting written to the temporary store did not read back")
        finally:
            store.close()
    return "temporary store opened, written and read"


def check_keyring(config: KioskConfig) -> str:
    import keyring
    from keyring.backends import chainer, fail, null

    declared = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    unusable = isinstance(backend, fail.Keyring | null.Keyring) or (
        isinstance(backend, chainer.ChainerBackend) and not backend.backends
    )
    if config.credential_store != "keyring":
        return (
            f"{name}; {len(declared)} backends declared "
            f"(not used: credential store is {config.credential_store})"
        )
    if not declared:
        raise CheckFailed("no keyring backends declared: the keyring package metadata is missing")
    if unusable:
        from kiosk_app.core.credentials import KEYRING_FIXES

        raise CheckFailed(
            f"the keyring backend would be {name}, which cannot keep a secret. " + KEYRING_FIXES
        )
    return f"would use {name} ({len(declared)} backends declared)"


def run_self_test(config: KioskConfig, report: Report = print) -> int:
    """Run every check, print one line per check, return 0 when all pass and 1 otherwise."""
    checks: list[tuple[str, Callable[[], str]]] = [
        ("qt", check_qt),
        ("modules", check_modules),
        ("assets", check_assets),
        ("qt translations", check_qt_translations),
        (f"decoder {config.decoder}", lambda: check_decoder(config)),
        ("other decoders", lambda: check_other_decoders(config)),
        ("pass verification", check_pass_verification),
        ("store", check_store),
        ("keyring", lambda: check_keyring(config)),
    ]
    where = f"bundle at {bundle_root()}" if bundle_root() else "source tree"
    report(f"atrium-kiosk self-test ({where}; assets in {assets_dir()})")
    results = []
    for name, check in checks:
        try:
            results.append(CheckResult(True, name, check()))
        except CheckFailed as exc:
            results.append(CheckResult(False, name, str(exc)))
        except Exception as exc:  # a broken install shows up as any error: report, go on
            results.append(CheckResult(False, name, f"{type(exc).__name__}: {exc}"))
        report(results[-1].line())
    failed = [result.name for result in results if not result.ok]
    report(f"self-test {'FAILED: ' + ', '.join(failed) if failed else 'passed'}")
    return 1 if failed else 0
