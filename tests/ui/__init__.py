"""Tests of the Textual board (pilot, snapshots) and its plain-Python parts."""
