"""Screens of the board, one per module."""
