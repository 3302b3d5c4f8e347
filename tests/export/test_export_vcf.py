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
    assert cards["Ngozi Okafor"].tel.params["TYPE"] == ["VOICE"]


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
    book = tmp_path / "contacts"
    book.mkdir()
    text = demo.output("vcf").decode()
    for number, card in enumerate(re.findall(r"BEGIN:VCARD.*?END:VCARD\r?\n", text, re.S)):
        (book / f"{number}.vcf").write_text(card, newline="")
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
    for who, phone in (("Tom Brennan", "01632 960520"), ("Ngozi Okafor", "07700 900123")):
        assert re.search(rf"{who}\s+\S+\s+{phone}", done.stdout.replace("WORK, VOICE", "WORK"))
