"""The Qt binding must give back owned references: the presenter crash of "Meeting day".

With PySide6 6.12.0 the window died (``none_dealloc`` in
``WrappingDelegate.sizeHint``, ``bool_dealloc`` on quit) because two calls
return a borrowed object: reading an invalid ``QVariant`` returns ``None``
and ``Signal.emit()`` returns ``True``, each without the reference the
caller then drops. These tests are the minimal reproductions; each fails
on 6.12.0 (a loss of exactly one reference per call) and passes on 6.11.3.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from pir_desktop.gui import binding_check

CALLS = 200


def _loss(call, obj) -> int:
    before = sys.getrefcount(obj)
    for _ in range(CALLS):
        call()
    return before - sys.getrefcount(obj)


def test_an_invalid_variant_comes_back_as_an_owned_none(qapp):
    model = QStandardItemModel()
    model.appendRow(QStandardItem("a"))
    index = model.index(0, 0)
    # The role no item answers: Qt returns QVariant(), Python gets None.
    assert index.data(Qt.ItemDataRole.FontRole) is None
    assert _loss(lambda: index.data(Qt.ItemDataRole.FontRole), None) < CALLS // 2
    assert _loss(lambda: QObject().property("unset"), None) < CALLS // 2


def test_the_presenter_delegate_path_keeps_none_alive(qapp):
    """What WrappingDelegate.sizeHint does: a font role read through a proxy of a Python model."""
    from PySide6.QtCore import QAbstractListModel

    class Model(QAbstractListModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return "why" if role == Qt.ItemDataRole.DisplayRole else None

    model = Model()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    assert _loss(lambda: index.data(Qt.ItemDataRole.FontRole), None) < CALLS // 2


def test_signal_emit_returns_an_owned_true(qapp):
    class Emitter(QObject):
        ping = Signal()

    emitter = Emitter()
    assert _loss(emitter.ping.emit, True) < CALLS // 2


def test_the_start_up_probe_finds_this_binding_sound(qapp):
    assert binding_check.defect() is None


def test_the_start_up_probe_names_a_defective_binding(qapp, monkeypatch):
    monkeypatch.setattr(binding_check, "signal_emit_loss", lambda: binding_check.PROBE_CALLS)
    message = binding_check.defect()
    assert message is not None
    assert "Signal.emit()" in message and "!=6.12.0" in message
    assert "QVariant" not in message  # only the defect that was measured is named
