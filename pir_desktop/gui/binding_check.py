"""Refuse to run on a Qt binding known to corrupt Python's reference counts.

PySide6 6.12.0 hands Python objects back without the reference the caller
owns, in two places this application uses on every edit:

- a C++ function returning an *invalid* ``QVariant`` (``QModelIndex.data()``
  for a role the model does not answer, ``QObject.property()`` of an unset
  name, ``QAction.data()``, ``QComboBox.currentData()``) returns ``None``
  without ``Py_INCREF``;
- ``SignalInstance.emit()`` returns ``True`` without ``Py_INCREF``.

Each call takes one reference from ``None`` or ``True`` that nobody gave.
On Python 3.11 these objects are not immortal, so after enough calls
(a delegate sizing rows while the presenter window is open does thousands)
their count reaches zero and CPython aborts with ``Fatal Python error:
none_dealloc`` or ``bool_dealloc``. 6.11.3 is correct; ``pyproject.toml``
excludes 6.12.0. No upstream report could be found in the copies of the
public trackers reachable from here; ``tests/test_binding_refcounts.py`` is
the reproduction to attach to one (bugreports.qt.io, component PySide).

:func:`defect` measures both with a few calls, cheaply enough to run at
every start, so a binding installed by hand past the exclusion is refused
with a sentence instead of crashing in the middle of a meeting.
"""

from __future__ import annotations

import sys

PROBE_CALLS = 50


def _lost_references(call, obj) -> int:
    before = sys.getrefcount(obj)
    for _ in range(PROBE_CALLS):
        call()
    return before - sys.getrefcount(obj)


def invalid_variant_loss() -> int:
    """References to ``None`` lost over ``PROBE_CALLS`` reads of an invalid QVariant."""
    from PySide6.QtCore import QObject

    probe = QObject()
    return _lost_references(lambda: probe.property("pir-desktop-unset"), None)


def signal_emit_loss() -> int:
    """References to ``True`` lost over ``PROBE_CALLS`` emits of a signal."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    return _lost_references(probe.ping.emit, True)


def defect() -> str | None:
    """A sentence naming the defect of the installed binding, or None when it is sound."""
    import PySide6

    lost = {
        "an empty QVariant (None)": invalid_variant_loss(),
        "Signal.emit() (True)": signal_emit_loss(),
    }
    # A sound binding loses nothing; allow a little for whatever else runs.
    broken = [what for what, count in lost.items() if count >= PROBE_CALLS // 2]
    if not broken:
        return None
    return (
        f"the installed PySide6 {PySide6.__version__} loses a reference on every "
        f"{' and every '.join(broken)} it returns, which crashes the window within minutes "
        "of use. Install another version: pip install 'PySide6-Essentials>=6.6,!=6.12.0'"
    )
