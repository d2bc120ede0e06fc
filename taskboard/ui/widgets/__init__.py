"""Widgets of the board, one per module."""
