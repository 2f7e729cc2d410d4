"""Action items out to the team's tracker (GitHub Issues, Jira) and their state back in.

No Qt. ``target`` names where issues go and how an issue's address maps back
to its API; ``secrets`` keeps tokens in the system keyring (or, where there
is none, in memory for this session only); ``github`` and ``jira`` speak each
public REST API through httpx; ``sync`` pushes a review's committed items and
refreshes their state, recording each created issue in the library before it
creates the next.
"""
