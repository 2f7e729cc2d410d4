"""Which tab of the workspace each meeting phase works in."""

DETAILS, TIMELINE, WHYS, PANELS, ACTIONS = range(5)


def tab_for_phase(name: str) -> int | None:
    """The tab a meeting phase works in, from its name ("Root cause" -> the 5 Whys)."""
    name = name.lower()
    for words, tab in (
        (("timeline",), TIMELINE),
        (("root", "why", "cause"), WHYS),
        (("went", "well", "lucky", "didn"), PANELS),
        (("action",), ACTIONS),
        (("detail", "opening", "intro"), DETAILS),
    ):
        if any(word in name for word in words):
            return tab
    return None
