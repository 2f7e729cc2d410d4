"""PIR Desktop tests."""
