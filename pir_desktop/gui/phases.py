"""Which tab of the workspace each meeting phase works in."""

from ..domain.prompt_cards import PhaseKind, phase_kind

DETAILS, TIMELINE, WHYS, PANELS, ACTIONS, NOTES = range(6)

_TABS = {
    PhaseKind.OPENING: DETAILS,
    PhaseKind.TIMELINE: TIMELINE,
    PhaseKind.ROOT_CAUSE: WHYS,
    PhaseKind.PANELS: PANELS,
    PhaseKind.ACTIONS: ACTIONS,
}


def tab_for_phase(name: str) -> int | None:
    """The tab a meeting phase works in, from its name ("Root cause" -> the 5 Whys)."""
    return _TABS.get(phase_kind(name))
