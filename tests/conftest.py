"""Shared fixtures: every test runs against its own database, config folder and date."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """Keep tests off the user's real database and settings, and off the wall clock."""
    monkeypatch.setenv("TASKBOARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TASKBOARD_DB", str(tmp_path / "default-db.json"))
    monkeypatch.setenv("TASKBOARD_TODAY", "2023-06-30")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
