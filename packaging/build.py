"""Build the one-folder kiosk bundle with PyInstaller and print its unpacked size."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from elfstrip import strip_tree

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "atrium-kiosk.spec"
APP_NAME = "atrium-kiosk"
SIZE_TARGET_MB = 200.0


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
    return total, lines


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the bundle folder."""
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
    subprocess.run(command, cwd=REPO, check=True)  # noqa: S603 (our own interpreter)
    bundle = dist / APP_NAME
    if sys.platform.startswith("linux"):
        saved, refused = strip_tree(bundle)
        print(
            f"strip: saved {megabytes(saved):.1f} MB; left unstripped (strip would break them): "
            f"{', '.join(refused) or 'none'}"
        )
    return bundle


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
    args = parser.parse_args(argv)
    bundle = args.dist.resolve() / APP_NAME
    if not args.report_only:
        started = time.monotonic()
        try:
            bundle = build(args.dist.resolve(), args.work.resolve())
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
