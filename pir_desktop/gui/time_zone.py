"""The zone the window shows and takes times in (View › Time zone): UTC, the system's, or any.

Times are stored in UTC whatever is chosen; the choice only changes what the
timeline shows and how a typed "14:05" is read. Reports stay in UTC and say
so. The default is the system's zone, as Qt reports it.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import cache

from PySide6.QtCore import QObject, QSettings, QTimeZone, Signal

SETTING = "view/time_zone"
SYSTEM, UTC_NAME = "system", "UTC"


@cache
def system_zone_name() -> str:
    """The IANA name of the system's zone (``Europe/Paris``), or UTC when it has none
    (asked once: Qt reads the system's files for it)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # its import reads sysconfig

    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC_NAME
    return name


def zone_named(name: str) -> tzinfo:
    """A zone by its IANA name (``UTC`` is UTC); ``ValueError`` with a sentence if unknown."""
    if name.upper() == UTC_NAME:
        return UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}: use a name like Europe/Berlin or America/New_York"
        ) from None


class DisplayZone(QObject):
    """The chosen zone, kept in the settings; ``changed`` when the user picks another."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent=None):
        super().__init__(parent)
        self._settings = settings
        self.choice = str(settings.value(SETTING, SYSTEM))
        self._zone: tzinfo | None = None  # worked out when a time is first shown

    @property
    def zone(self) -> tzinfo:
        if self._zone is None:
            try:
                self._zone = self._resolve(self.choice)
            except ValueError:
                self.choice, self._zone = SYSTEM, self._resolve(SYSTEM)
        return self._zone

    @staticmethod
    def _resolve(choice: str) -> tzinfo:
        return zone_named(system_zone_name() if choice == SYSTEM else choice)

    def __call__(self) -> tzinfo:
        return self.zone

    def set_choice(self, choice: str) -> None:
        """``system``, ``UTC`` or an IANA name; ``ValueError`` if the name is unknown."""
        zone = self._resolve(choice)
        self.choice, self._zone = choice, zone
        self._settings.setValue(SETTING, choice)
        self.changed.emit()


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable_time(moment: datetime, zone: tzinfo, now: datetime | None = None) -> str:
    """A stamp as a person reads it, in ``zone`` to the second: ``2 Dec 00:59:45``, with
    the year when it is not this year's (``13 Mar 2025 09:00:00``). English month names
    whatever the locale, as the rest of the window."""
    local = moment.astimezone(zone)
    this_year = (now or datetime.now(UTC)).astimezone(zone).year
    year = "" if local.year == this_year else f" {local.year}"
    return f"{local.day} {_MONTHS[local.month - 1]}{year} {local:%H:%M:%S}"
