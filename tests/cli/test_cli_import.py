"""`mycare import` as a person runs it: preview, dry run, counts, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
UK = {"TZ": "Europe/London"}


@pytest.fixture
def made(run_cli):
    done = run_cli("init", "--name", "Ann Example", env=UK)
    assert done.code == 0, done.err
    return run_cli


def _error(result) -> str:
    assert result.code == 1 and "Traceback" not in result.err + result.out
    (line,) = result.err.strip().splitlines()
    return line


def test_calendar_preview_dry_run_then_import_then_again(made, tmp_path: Path) -> None:
    ics = tmp_path / "hospital appointments.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Hospital//EN\nBEGIN:VEVENT\nUID:eye-1@h\n"
        "DTSTART:20261203T100000Z\nDTEND:20261203T103000Z\nSUMMARY:Eye clinic\n"
        "LOCATION:St Mary's\nATTENDEE;CN=Dr Iris Shah:mailto:iris@h.example\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:eye-2@h\nDTSTART;VALUE=DATE:20261210\nSUMMARY:Scan day\n"
        "STATUS:CANCELLED\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    dry = made("import", str(ics), "--dry-run", env=UK)
    assert dry.code == 0, dry.err
    assert "+ Eye clinic — Thu 03 Dec 2026 10:00, St Mary's" in dry.out
    assert "+ Dr Iris Shah — other (at Eye clinic)" in dry.out
    assert "Scan day — Thu 10 Dec 2026, cancelled (all day)" in dry.out
    assert "Dry run, nothing was changed" in dry.out
    assert "Eye clinic" not in made("agenda", "--days", "30", env=UK).out
    done = made("import", str(ics), env=UK)
    assert done.out.strip().endswith(
        "Imported from hospital appointments.ics: 1 care team member, 2 appointments added."
    )
    assert "Eye clinic" in made("agenda", "--days", "30", env=UK).out
    again = made("import", str(ics), env=UK)
    assert "already imported, unchanged" in again.out
    assert again.out.strip().endswith("2 skipped.")


def test_bad_file_is_one_line_and_the_store_is_untouched(made, tmp_path: Path) -> None:
    before = made("export", "--format", "json", "--out", "-").out
    bad = tmp_path / "contacts.vcf"
    bad.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Dr \x1b[31mRed\nEND:VCARD\n")
    assert "contacts.vcf, line 1: Name contains a control character (U+001B)" in _error(
        made("import", str(bad))
    )
    assert "is not a file" in _error(made("import", str(tmp_path)))
    letter = tmp_path / "letter.ics"
    letter.write_text("Dear Ann, your appointment is on Tuesday.\n")
    assert "letter.ics is not a calendar (.ics), an address book (.vcf)" in _error(
        made("import", str(letter))
    )
    after = made("export", "--format", "json", "--out", "-").out
    assert after.split('"tables"')[1] == before.split('"tables"')[1]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the shared sample files are not at {SAMPLES}")
def test_a_real_health_record_for_a_named_person(made) -> None:
    path = SAMPLES / "fhir" / "nhsx_uk_ips_nhs_number_dmd.json"
    assert "about Horace SKELLY" in _error(made("import", str(path)))
    done = made("import", str(path), "--person", "Ann", env=UK)
    assert done.code == 0, done.err
    assert "+ Sesame oil (substance) — Difficulty breathing, severe" in done.out
    assert "2 medicines" in done.out.splitlines()[-1]
