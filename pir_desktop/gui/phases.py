"""Which tab of the workspace each meeting phase works in."""

DETAILS, TIMELINE, WHYS, PANELS, ACTIONS, NOTES = range(6)


def tab_for_phase(name: str) -> int | None:
    """The tab a meeting phase works in, from its name ("Root cause" -> the 5 Whys)."""
    # imported here: the window's start-up shows no phase and need not load the cards
    from ..domain.prompt_cards import PhaseKind, phase_kind

    tabs = {
        PhaseKind.OPENING: DETAILS,
        PhaseKind.TIMELINE: TIMELINE,
        PhaseKind.ROOT_CAUSE: WHYS,
        PhaseKind.PANELS: PANELS,
        PhaseKind.ACTIONS: ACTIONS,
    }
    return tabs.get(phase_kind(name))
