"""Every test keeps this computer's mycare settings in its own folder, and has a name; the
memory tests watch the garbage collector through one helper."""

from __future__ import annotations

import gc

import pytest


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MYCARE_SETTINGS_DIR", str(tmp_path_factory.mktemp("settings")))
    monkeypatch.setenv("MYCARE_ME", "Test carer")


class Garbage:
    """The garbage collector, as the memory tests watch it."""

    @staticmethod
    def full_passes() -> int:
        """Full (oldest-generation) passes run so far in this process."""
        return gc.get_stats()[2]["collections"]

    @staticmethod
    def make_cycles(n: int) -> None:
        """Leave n reference cycles behind, for the collector to find."""
        for _ in range(n):
            a: list[object] = []
            a.append(a)


@pytest.fixture
def garbage() -> Garbage:
    return Garbage()
