"""vCard: the care team read back by vobject, and by khard when it is here."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import vobject

from mycare.export.blocks import split_name
from mycare.export.vcf import is_mobile


def _cards(data: bytes) -> list:
    return list(vobject.readComponents(data.decode("utf-8")))


def test_every_team_member_is_a_card(demo) -> None:
    cards = {c.fn.value: c for c in _cards(demo.output("vcf"))}
    assert len(cards) == 10
    tom = cards["Tom Brennan"]
    assert tom.n.value.given == "Tom" and tom.n.value.family == "Brennan"
    assert tom.org.value == ["St Anne's Hospital"]
    assert tom.title.value == "Heart failure specialist nurse"
    assert tom.role.value == "In charge of my care"
    assert tom.tel.value == "01632 960520" and tom.email.value == "hf.nurses@example.org"
    assert "In charge of my care." in tom.note.value and "(health)" in tom.note.value
    assert "Out of hours ring 111." in tom.note.value
    assert "First point of contact" in cards["Helen Marsh"].role.value
    gp = cards["Dr Priya Raman"]
    assert gp.n.value.prefix == "Dr" and gp.n.value.family == "Raman"
    beryl = cards["Beryl Adams"]
    assert "voluntary and community groups" in beryl.note.value
    assert "role" not in beryl.contents
    assert cards["Ngozi Okafor"].tel.params["TYPE"] == ["CELL"]  # 07700: a mobile
    assert tom.tel.params["TYPE"] == ["WORK", "VOICE"]
    assert tom.categories.value == ["Care team", "Health"]
    assert beryl.categories.value == ["Care team", "Voluntary and community groups"]
    assert cards["Ngozi Okafor"].categories.value == ["Care team", "Family and friends"]


@pytest.mark.parametrize(
    ("phone", "mobile"),
    [
        ("07700 900123", True),
        ("+44 7700 900123", True),
        ("0044 7700 900123", True),
        ("+353 87 123 4567", True),
        ("01632 960520", False),
        ("0800 111 222", False),
        ("07", False),
        ("", False),
    ],
)
def test_mobiles_are_told_apart(phone: str, mobile: bool) -> None:
    assert is_mobile(phone) is mobile


def test_a_contact_in_two_teams_is_one_card(demo) -> None:
    """Peggy and Desmond share their GP and their daughter: the same card in both files."""
    from mycare.care import people

    desmond = people.find_person(demo.record, "Desmond")
    his = {c.fn.value: c for c in _cards(_render_for(demo, desmond))}
    hers = {c.fn.value: c for c in _cards(demo.output("vcf"))}
    for both in ("Dr Priya Raman", "Ngozi Okafor"):
        assert his[both].uid.value == hers[both].uid.value
        assert "Margaret (Peggy) Okafor's and Desmond Okafor's care teams" in hers[both].note.value
        assert "Desmond Okafor's and Margaret (Peggy) Okafor's care teams" in his[both].note.value
    assert hers["Tom Brennan"].uid.value != hers["Dr Priya Raman"].uid.value
    assert "In Margaret (Peggy) Okafor's care team (health)." in hers["Tom Brennan"].note.value
    assert "Tom Brennan" not in his


def _render_for(store, person) -> bytes:
    from mycare import export

    return export.render(store.record, person, "vcf")


def test_a_service_address_is_work_and_a_relative_s_home(tmp_path: Path) -> None:
    from mycare.care import people, team
    from mycare.care.record import CareRecord
    from mycare.export import render
    from mycare.vault import TEST_KDF

    record = CareRecord.create(tmp_path / "s.mycare", "pw-pw-pw-pw", kdf=TEST_KDF)
    try:
        ann = people.add_person(record, "Ann Example")
        team.add_contact(
            record,
            ann,
            "Elm Surgery",
            organisation="Elm Surgery",
            address="1 Elm Road\nNorthmoor",
            phone="+44 7700 900456",
        )
        team.add_contact(record, ann, "Sam Example", sector="family", address="2 Oak Lane")
        cards = {c.fn.value: c for c in _cards(render(record, ann, "vcf"))}
    finally:
        record.close()
    surgery, sam = cards["Elm Surgery"], cards["Sam Example"]
    assert surgery.adr.params["TYPE"] == ["WORK"] and surgery.label.params["TYPE"] == ["WORK"]
    assert surgery.adr.value.street == "1 Elm Road\nNorthmoor"
    assert surgery.tel.params["TYPE"] == ["WORK", "CELL"]
    assert sam.adr.params["TYPE"] == ["HOME"]


def test_addresses_and_hostile_names(hostile, nasty) -> None:
    (card,) = _cards(hostile.output("vcf"))
    assert card.fn.value == nasty["script"] and card.org.value == [nasty["sql"]]
    assert card.title.value == nasty["markup"]
    assert card.adr.value.street == f"1 {nasty['arabic']} Street\nLine two"
    assert card.email.value == "a&b@example.org" and nasty["emoji"] in card.note.value


def test_no_team_no_cards(lonely) -> None:
    assert lonely.output("vcf") == b""


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Dr Priya Raman", ("Dr", "Priya", "Raman")),
        ("Cher", ("", "", "Cher")),
        ("Margaret (Peggy) Okafor", ("", "Margaret (Peggy)", "Okafor")),
        ("  ", ("", "", "")),
    ],
)
def test_split_name(name: str, parts: tuple[str, str, str]) -> None:
    assert split_name(name) == parts


@pytest.mark.skipif(not shutil.which("khard"), reason="khard is not installed")
def test_khard_reads_the_address_book(demo, tmp_path: Path) -> None:
    """Both people's address books in one folder, a card a file named by its UID (as a
    phone's sync folder keeps them): the GP they share is there once."""
    from mycare.care import people

    book = tmp_path / "contacts"
    book.mkdir()
    desmond = people.find_person(demo.record, "Desmond")
    text = demo.output("vcf").decode() + _render_for(demo, desmond).decode()
    for card in re.findall(r"BEGIN:VCARD.*?END:VCARD\r?\n", text, re.S):
        uid = re.search(r"UID:urn:uuid:(\S+)", card)
        assert uid is not None
        (book / f"{uid[1]}.vcf").write_text(card, newline="")
    config = tmp_path / "khard.conf"
    config.write_text(
        textwrap.dedent(f"""\
        [addressbooks]
        [[care]]
        path = {book}
        [general]
        editor = /bin/false
        merge_editor = /bin/false
    """)
    )
    done = subprocess.run(
        ["khard", "-c", str(config), "phone"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower() and "error" not in done.stderr.lower()
    assert len(re.findall(r"^Priya Raman\s", done.stdout, re.M)) == 1  # khard drops the Dr
    assert re.search(r"Tom Brennan\s+WORK, VOICE\s+01632 960520", done.stdout)
    assert re.search(r"Ngozi Okafor\s+CELL\s+07700 900123", done.stdout)
