"""Reviews in and out of the program as files: the JSON interchange format."""
