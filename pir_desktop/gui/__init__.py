"""The window, and the only Qt code.

Views change data only by pushing undo commands that call operations.
"""
