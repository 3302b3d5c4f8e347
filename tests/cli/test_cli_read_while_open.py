"""Reading a store while the app has it open: readers see the last save, writers are refused."""

from __future__ import annotations

from mycare.care import diary, people
from mycare.care.record import CareRecord

PASSPHRASE = "test passphrase one"  # as tests/cli/conftest.py makes the store


def test_readers_show_the_last_save_while_another_mycare_has_it_open(store, run_cli):
    with CareRecord.open(store, PASSPHRASE) as open_elsewhere:
        ada = people.people(open_elsewhere)[0]
        diary.add_entry(open_elsewhere, ada, "Saved before the reader looked")  # and saved
        before = store.read_bytes()

        found = run_cli("search", "saved")
        assert found.code == 0, found.err
        assert "Saved before the reader looked" in found.out
        assert found.err.count("\n") == 1 and "open in another mycare" in found.err
        assert "last saved" in found.err

        for reader in (["agenda"], ["people"], ["history"], ["export", "--out", "-"]):
            done = run_cli(*reader)
            assert done.code == 0, (reader, done.err)
            assert "open in another mycare" in done.err

        writer = run_cli("add", "diary", "From the command line")
        assert writer.code != 0
        assert "already open in another mycare" in writer.err
        assert "Traceback" not in writer.err
        assert store.read_bytes() == before  # nothing was written by any of them
