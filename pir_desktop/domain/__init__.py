"""The review as plain data: enums, dataclasses, metrics. No Qt, no SQL."""
