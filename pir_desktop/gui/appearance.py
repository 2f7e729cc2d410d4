"""Themes (system, light, dark, presentation) and zoom, applied to the whole application.

Zoom scales the application font, so every view, editor and label follows.
The presentation theme is for screen sharing: larger type and strong
contrast. "System" follows the desktop's light or dark setting, live.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..paths import resources_dir

ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0)
PRESENTATION_SCALE = 1.4


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    PRESENTATION = "presentation"


THEME_LABELS = {
    Theme.SYSTEM: "Follow the system",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
    Theme.PRESENTATION: "Presentation (large, high contrast)",
}


def _palette(dark: bool, contrast: bool) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    if dark:
        colours = {
            role.Window: "#202124", role.WindowText: "#e8eaed", role.Base: "#2d2e31",
            role.AlternateBase: "#35363a", role.Text: "#e8eaed", role.Button: "#3c4043",
            role.ButtonText: "#e8eaed", role.Highlight: "#8ab4f8",
            role.HighlightedText: "#202124", role.ToolTipBase: "#303134",
            role.ToolTipText: "#e8eaed", role.PlaceholderText: "#9aa0a6", role.Mid: "#5f6368",
            role.Link: "#8ab4f8",
        }  # fmt: skip
    else:
        colours = {
            role.Window: "#f6f7f9", role.WindowText: "#1f1f1f", role.Base: "#ffffff",
            role.AlternateBase: "#f1f3f4", role.Text: "#1f1f1f", role.Button: "#eceff1",
            role.ButtonText: "#1f1f1f", role.Highlight: "#1a73e8",
            role.HighlightedText: "#ffffff", role.ToolTipBase: "#ffffff",
            role.ToolTipText: "#1f1f1f", role.PlaceholderText: "#6b6f76", role.Mid: "#c4c7c5",
            role.Link: "#0b57d0",
        }  # fmt: skip
    if contrast:
        colours.update(
            {
                role.Window: "#ffffff", role.WindowText: "#000000", role.Base: "#ffffff",
                role.AlternateBase: "#eef3fd", role.Text: "#000000", role.Button: "#ffffff",
                role.ButtonText: "#000000", role.Highlight: "#0b57d0",
                role.PlaceholderText: "#333333", role.Mid: "#000000",
            }
        )  # fmt: skip
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    return palette


class Appearance:
    """Owns the application's theme, zoom and the settings that keep them."""

    def __init__(self, app: QApplication, settings: QSettings):
        self.app, self.settings = app, settings
        self.base_size = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
        try:
            self.theme = Theme(str(settings.value("appearance/theme", Theme.SYSTEM.value)))
        except ValueError:
            self.theme = Theme.SYSTEM
        zoom = settings.value("appearance/zoom", 1.0)
        try:
            self.zoom = min(ZOOM_STEPS, key=lambda step: abs(step - float(zoom)))
        except (TypeError, ValueError):
            self.zoom = 1.0
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")  # polishes every widget again: only when it changes
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _scheme: self.apply())

    def system_is_dark(self) -> bool:
        hints = QGuiApplication.styleHints()
        return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark

    def apply(self) -> None:
        dark = self.theme == Theme.DARK or (self.theme == Theme.SYSTEM and self.system_is_dark())
        presenting = self.theme == Theme.PRESENTATION
        self.app.setPalette(_palette(dark and not presenting, presenting))
        font = self.app.font()
        font.setPointSizeF(self.base_size * self.zoom * (PRESENTATION_SCALE if presenting else 1.0))
        self.app.setFont(font)
        sheets = ["base.qss"] + (["presentation.qss"] if presenting else [])
        if dark and not presenting:
            sheets.append("dark.qss")
        style = "\n".join(
            (resources_dir() / "stylesheets" / name).read_text(encoding="utf-8") for name in sheets
        )
        # a check box as tall as the type, whatever the zoom
        indicator = max(13, round(QFontMetricsF(font).height() * 0.85))
        icons = (resources_dir() / "icons").as_posix()
        self.app.setStyleSheet(
            style.replace("{icons}", icons).replace("{indicator}", str(indicator))
        )

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.settings.setValue("appearance/theme", theme.value)
        self.apply()

    def zoom_by(self, steps: int) -> None:
        here = ZOOM_STEPS.index(self.zoom)
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, here + steps))])

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.settings.setValue("appearance/zoom", zoom)
        self.apply()
