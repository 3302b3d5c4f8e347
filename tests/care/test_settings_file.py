"""The settings file on this computer: the theme kept between runs, written safely."""

from __future__ import annotations

import json
import os
import stat

from mycare.care import settings


def settings_file():
    return settings.folder() / "settings.json"


def test_the_theme_is_kept_beside_the_name_and_nothing_else_is_added():
    settings.remember_name("Ann")
    settings.remember_theme("mycare-high-contrast")
    assert settings.theme() == "mycare-high-contrast"
    assert json.loads(settings_file().read_text()) == {"me": "Ann", "theme": "mycare-high-contrast"}
    assert stat.S_IMODE(settings_file().stat().st_mode) == 0o600
    assert [p.name for p in settings.folder().iterdir()] == ["settings.json"]  # no temp left


def test_no_file_yet_is_not_a_problem():
    assert settings.load_checked() == ({}, "")
    assert settings.theme() == ""


def test_a_damaged_file_is_ignored_with_a_message_and_replaced_by_the_next_choice():
    settings.folder().mkdir(parents=True, exist_ok=True)
    for damage in (b'{"theme": "mycare-hi', b"\xff\xfe\x00", b'["a list"]'):
        settings_file().write_bytes(damage)
        values, problem = settings.load_checked()
        assert values == {} and "could not be read" in problem and "defaults" in problem
        assert settings.theme() == "" and settings.my_name() == "Test carer"  # MYCARE_ME
    settings.remember_theme("textual-light")
    assert settings.load_checked() == ({"theme": "textual-light"}, "")


def test_a_theme_name_that_is_not_a_name_is_not_used():
    settings.store({"theme": "x" * 10_000})
    assert settings.theme() == ""
    settings.store({"theme": ["not", "text"]})
    assert settings.theme() == ""


def test_a_failed_write_leaves_the_old_file_whole(monkeypatch):
    settings.remember_theme("textual-light")

    def broken(fd):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", broken)
        settings.remember_theme("mycare-high-contrast")  # not kept, and no crash
    assert settings.theme() == "textual-light"
    assert [p.name for p in settings.folder().iterdir()] == ["settings.json"]
