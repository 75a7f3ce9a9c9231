"""Build the one-folder kiosk bundle with PyInstaller and print its unpacked size."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from elfstrip import strip_tree

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "atrium-kiosk.spec"
APP_NAME = "atrium-kiosk"
SIZE_TARGET_MB = 200.0
COMPLETE_MARKER = "complete"
# Installed distributions whose version changes what lands in the bundle.
BUNDLED_DISTS = (
    "pyinstaller",
    "pyinstaller-hooks-contrib",
    "PySide6-Essentials",
    "opencv-python-headless",
    "numpy",
    "zxing-cpp",
    "PyNaCl",
    "PyJWT",
    "httpx",
    "sqlite-utils",
    "segno",
    "keyring",
    "platformdirs",
    "pyzbar",
)


def tree_size(root: Path) -> int:
    """Bytes of every regular file under root (symlinks counted once, as links)."""
    total = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            total += (Path(dirpath) / name).lstat().st_size
    return total


def biggest_parts(bundle: Path, count: int) -> list[tuple[str, int]]:
    """The largest top-level entries of the bundle's data folder, biggest first."""
    internal = bundle / "_internal"
    base = internal if internal.is_dir() else bundle
    parts: list[tuple[str, int]] = []
    for child in base.iterdir():
        size = tree_size(child) if child.is_dir() else child.lstat().st_size
        parts.append((child.name, size))
    parts.sort(key=lambda item: item[1], reverse=True)
    return parts[:count]


def biggest_files(bundle: Path, count: int) -> list[tuple[str, int]]:
    """The largest single files of the bundle, biggest first."""
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    sized = [(path.relative_to(bundle).as_posix(), path.stat().st_size) for path in files]
    return sorted(sized, key=lambda item: item[1], reverse=True)[:count]


def megabytes(size: int) -> float:
    return size / (1024 * 1024)


def size_report(bundle: Path, top: int) -> tuple[float, list[str]]:
    total = megabytes(tree_size(bundle))
    verdict = "within" if total <= SIZE_TARGET_MB else "OVER"
    lines = [
        f"bundle: {bundle}",
        f"size: {total:.1f} MB unpacked ({verdict} the {SIZE_TARGET_MB:.0f} MB target)",
    ]
    lines.append(f"biggest contributors (top {top}):")
    lines += [f"  {megabytes(size):7.1f} MB  {name}" for name, size in biggest_parts(bundle, top)]
    lines.append(f"biggest files (top {top}):")
    lines += [f"  {megabytes(size):7.1f} MB  {name}" for name, size in biggest_files(bundle, top)]
    return total, lines


def build(dist: Path, work: Path, *, windowed: bool = False) -> Path:
    """Run PyInstaller on the spec; return the bundle folder."""
    env = dict(os.environ, ATRIUM_KIOSK_WINDOWED="1" if windowed else "0")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    subprocess.run(command, cwd=REPO, env=env, check=True)  # noqa: S603 (our own interpreter)
    bundle = dist / APP_NAME
    if sys.platform.startswith("linux"):
        saved, refused = strip_tree(bundle)
        print(
            f"strip: saved {megabytes(saved):.1f} MB; left unstripped (strip would break them): "
            f"{', '.join(refused) or 'none'}"
        )
    return bundle


def _dist_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def source_digest() -> str:
    """A short hash of everything a build depends on: sources, assets, spec, library versions."""
    digest = hashlib.sha256(sys.version.encode())
    files = [*(REPO / "packaging").glob("*.py"), SPEC, *(REPO / "kiosk_app").rglob("*.py")]
    files += [path for path in (REPO / "assets").rglob("*") if path.is_file()]
    for path in sorted(p for p in files if "__pycache__" not in p.parts):
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    for name in BUNDLED_DISTS:
        digest.update(f"{name}=={_dist_version(name)}".encode())
    return digest.hexdigest()[:16]


def cached_build(cache: Path) -> Path:
    """Reuse ``cache/<digest>`` when its build completed; else build it there and drop old ones."""
    key = source_digest()
    target = cache / key
    if (target / COMPLETE_MARKER).is_file():
        print(f"reusing the bundle built from the same sources ({key})")
        return target / APP_NAME
    partial = cache / f"{key}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    build(partial, partial / "work")
    shutil.rmtree(partial / "work", ignore_errors=True)
    (partial / COMPLETE_MARKER).write_text(key + "\n")
    if (target / COMPLETE_MARKER).is_file():  # another run finished the same build first
        shutil.rmtree(partial, ignore_errors=True)
    else:
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    for stale in cache.iterdir():
        if stale.is_dir() and stale.name != key and ".partial-" not in stale.name:
            shutil.rmtree(stale, ignore_errors=True)
    return target / APP_NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the lean one-folder Atrium Kiosk bundle.")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (dist/)")
    parser.add_argument(
        "--work", type=Path, default=REPO / "build" / "pyinstaller", help="PyInstaller work folder"
    )
    parser.add_argument("--top", type=int, default=12, help="how many big contributors to list")
    parser.add_argument(
        "--report-only", action="store_true", help="print the size of an existing bundle"
    )
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="no console window (for the Windows kiosk; the CLI then prints nothing)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        help="build into CACHE/<hash of sources> and reuse it while nothing changed (tests)",
    )
    args = parser.parse_args(argv)
    bundle = args.dist.resolve() / APP_NAME
    if args.cache is not None:
        try:
            bundle = cached_build(args.cache.resolve())
        except subprocess.CalledProcessError as exc:
            print(f"build failed: PyInstaller exited with {exc.returncode}", file=sys.stderr)
            return 1
    elif not args.report_only:
        started = time.monotonic()
        try:
            bundle = build(args.dist.resolve(), args.work.resolve(), windowed=args.windowed)
        except subprocess.CalledProcessError as exc:
            print(f"build failed: PyInstaller exited with {exc.returncode}", file=sys.stderr)
            return 1
        print(f"built in {time.monotonic() - started:.0f} s")
    if not bundle.is_dir():
        print(f"no bundle at {bundle}; run without --report-only first", file=sys.stderr)
        return 1
    _total, lines = size_report(bundle, args.top)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
