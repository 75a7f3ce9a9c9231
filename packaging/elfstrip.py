"""Strip debug symbols from the bundle's ELF files, keeping any file that strip would damage.

``strip`` rewrites some libraries that auditwheel/patchelf edited (numpy's OpenBLAS, for one)
into files the loader refuses ("ELF load command address/offset not page-aligned"); each stripped
copy is checked for that and the original kept when the check fails.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
PT_LOAD = 1


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == ELF_MAGIC


def load_segments_aligned(path: Path) -> bool:
    """True when each PT_LOAD segment of a 64-bit LE ELF has offset == vaddr (mod align)."""
    data = path.read_bytes()
    if data[:4] != ELF_MAGIC or data[4] != 2 or data[5] != 1:
        return False
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for index in range(phnum):
        header = phoff + index * phentsize
        p_type, _flags, p_offset, p_vaddr = struct.unpack_from("<IIQQ", data, header)
        (p_align,) = struct.unpack_from("<Q", data, header + 48)
        if p_type == PT_LOAD and p_align > 1 and p_offset % p_align != p_vaddr % p_align:
            return False
    return True


def strip_tree(root: Path) -> tuple[int, list[str]]:
    """Strip ELF files under root where it helps and they stay loadable; return saved, refused."""
    strip = shutil.which("strip")
    if strip is None:
        return 0, ["strip not found: nothing stripped"]
    saved = 0
    refused: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        candidate = Path(scratch) / "candidate"
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            if not is_elf(path):
                continue
            shutil.copy2(path, candidate)
            result = subprocess.run(  # noqa: S603 (the system strip on our own files)
                [strip, "--strip-unneeded", str(candidate)], capture_output=True, check=False
            )
            before, after = path.stat().st_size, candidate.stat().st_size
            if result.returncode != 0 or after >= before:
                continue
            if not load_segments_aligned(candidate):
                refused.append(str(path.relative_to(root)))
                continue
            shutil.copy2(candidate, path)
            saved += before - after
    return saved, refused
