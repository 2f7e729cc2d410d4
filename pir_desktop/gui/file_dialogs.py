"""File choosers that never open the files they list.

Qt's file dialog asks for each listed file's icon and type, and the answer
comes from reading the start of any file whose name does not tell (the
library's ``-wal`` and ``-shm`` files, the library itself). Closing that
read drops every POSIX lock this process holds on the file: SQLite's locks
on the open library. Another process then believed no one had the library
open, checkpointed it and deleted the write-ahead log the window was still
writing to; captures were shown as saved and were not, and one library was
left damaged. So every file dialog of the window uses an icon provider that
looks at names only, and Qt's own dialog (a native one may read the files
in this process too).
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle


class NamesOnlyIcons(QAbstractFileIconProvider):
    """Icons and type names from a file's name and kind, never from its contents.

    The dialog asks from a thread of its own: the icons are made here, in the
    window's thread, and only handed out there."""

    def __init__(self):
        super().__init__()
        style = QApplication.style()
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._drive = style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)

    def icon(self, what):
        if isinstance(what, QFileInfo):
            return self._folder if what.isDir() else self._file
        kinds = QAbstractFileIconProvider.IconType
        if what in (kinds.Computer, kinds.Drive, kinds.Network):
            return self._drive
        return self._folder if what == kinds.Folder else self._file

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


def _dialog(parent, caption: str, directory: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    provider = NamesOnlyIcons()
    dialog.setIconProvider(provider)
    dialog._icons = provider  # the dialog does not own it: keep it alive with the dialog
    return dialog


def open_file_name(parent, caption: str, directory: str = "", filters: str = "") -> str:
    """The file chosen to read ("" if none)."""
    names = _run(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFile)[0]
    return names[0] if names else ""


def open_file_names(parent, caption: str, directory: str = "", filters: str = "") -> list[str]:
    """The files chosen to read (empty if none)."""
    return _run(parent, caption, directory, filters, QFileDialog.FileMode.ExistingFiles)[0]


def save_file_name(
    parent, caption: str, directory: str = "", filters: str = "", *, confirm_overwrite=True
) -> tuple[str, str]:
    """(the file to write, the filter chosen); ("", "") if none."""
    names, chosen = _run(
        parent, caption, directory, filters, QFileDialog.FileMode.AnyFile, save=True,
        confirm_overwrite=confirm_overwrite,
    )  # fmt: skip
    return (names[0], chosen) if names else ("", "")


def _run(parent, caption, directory, filters, mode, *, save=False, confirm_overwrite=True):
    dialog = _dialog(parent, caption, directory, filters)
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return [], ""
        return dialog.selectedFiles(), dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
