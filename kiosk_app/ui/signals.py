"""Safe signal emission: works around a PySide6 reference leak on Python 3.11.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a reference. On
CPython before 3.12 (where ``True`` is not immortal) every Python-side emit then drops one
reference to ``True`` until the interpreter aborts with "bool_dealloc". ``emit`` below measures
this once and gives the reference back when (and only when) the running PySide6 needs it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before - 4


_INCREF = ctypes.pythonapi.Py_IncRef
_INCREF.argtypes = [ctypes.py_object]
_INCREF.restype = None
COMPENSATE = _emit_drops_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, keeping the interpreter's reference counts intact."""
    result = signal.emit(*args)
    if COMPENSATE and isinstance(result, bool):
        _INCREF(result)


def emitter(signal: Any) -> Any:
    """A callable for other threads' callbacks: ``emitter(sig)(value)`` emits safely."""
    return lambda *args: emit(signal, *args)
