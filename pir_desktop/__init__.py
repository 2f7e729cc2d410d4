"""PIR Desktop: run a blameless post-incident review meeting and write its report."""

__version__ = "0.1.0"
