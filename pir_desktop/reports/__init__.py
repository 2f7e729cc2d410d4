"""Reports: one report model built from a review, one renderer per format. No Qt."""
