"""Every test keeps this computer's mycare settings in its own folder, and has a name."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MYCARE_SETTINGS_DIR", str(tmp_path_factory.mktemp("settings")))
    monkeypatch.setenv("MYCARE_ME", "Test carer")
