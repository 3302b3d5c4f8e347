"""The care team: who is in it, who is in charge, who to call first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from mycare.care import people, records, team
from mycare.care.errors import InvalidField, NotFound
from mycare.store import CareRole, Contact


@pytest.fixture
def gp(record, person):
    return team.add_contact(record, person, "Dr Anika Shah", role="GP", organisation="Elm Surgery")


@pytest.fixture
def nurse(record, person):
    return team.add_contact(record, person, "Tom Reilly", role="District nurse")


def current_rows(record, person, role):
    with record.reading() as session:
        return session.exec(
            select(CareRole).where(
                CareRole.person_id == person.id,
                CareRole.role == role,
                col(CareRole.ended_at).is_(None),
                col(CareRole.deleted_at).is_(None),
            )
        ).all()


# -- who is in charge ---------------------------------------------------------------


def test_nobody_is_in_charge_of_a_new_person(record, person):
    assert team.lead(record, person) is None
    assert team.first_contact(record, person) is None
    assert team.role_history(record, person, team.LEAD) == []


def test_setting_a_second_lead_ends_the_first(record, person, gp, nurse):
    team.set_lead(record, person, gp)
    assert team.lead(record, person).id == gp.id

    team.set_lead(record, person, nurse)

    assert team.lead(record, person).id == nurse.id
    assert len(current_rows(record, person, team.LEAD)) == 1
    first, second = team.role_history(record, person, team.LEAD)
    assert (first.contact.name, second.contact.name) == ("Dr Anika Shah", "Tom Reilly")
    assert first.started_at is not None and second.started_at is not None
    assert first.ended_at is not None, "the first lead's time in charge should have an end"
    assert first.started_at <= first.ended_at <= second.started_at
    assert second.ended_at is None


def test_setting_the_same_lead_again_adds_no_history(record, person, gp):
    team.set_lead(record, person, gp)
    team.set_lead(record, person, gp)
    history = team.role_history(record, person, team.LEAD)
    assert len(history) == 1
    assert history[0].ended_at is None


def test_lead_and_first_contact_are_independent(record, person, gp, nurse):
    team.set_lead(record, person, gp)
    team.set_first_contact(record, person, nurse)
    assert team.lead(record, person).id == gp.id
    assert team.first_contact(record, person).id == nurse.id

    team.set_lead(record, person, nurse)  # the nurse now holds both
    assert team.lead(record, person).id == nurse.id
    assert team.first_contact(record, person).id == nurse.id
    assert len(team.role_history(record, person, team.FIRST_CONTACT)) == 1

    team.set_first_contact(record, person, None)
    assert team.first_contact(record, person) is None
    assert team.lead(record, person).id == nurse.id


def test_clearing_the_lead_keeps_the_history(record, person, gp):
    team.set_lead(record, person, gp)
    team.set_lead(record, person, None)
    assert team.lead(record, person) is None
    (spell,) = team.role_history(record, person, team.LEAD)
    assert spell.contact.id == gp.id and spell.ended_at is not None


def test_removing_the_lead_from_the_team_leaves_nobody_in_charge(record, person, gp, nurse):
    team.set_lead(record, person, gp)
    team.set_first_contact(record, person, nurse)

    team.delete_contact(record, gp.id)

    assert team.lead(record, person) is None
    assert team.first_contact(record, person).id == nurse.id
    assert [c.name for c in team.contacts(record, person)] == ["Tom Reilly"]
    (spell,) = team.role_history(record, person, team.LEAD)
    assert spell.contact.name == "Dr Anika Shah" and spell.ended_at is not None
    # A new lead can be chosen afterwards.
    team.set_lead(record, person, nurse)
    assert team.lead(record, person).id == nurse.id


def test_a_removed_contact_cannot_be_made_lead(record, person, gp):
    team.delete_contact(record, gp.id)
    with pytest.raises(NotFound):
        team.set_lead(record, person, gp)
    assert team.lead(record, person) is None


def test_someone_from_another_persons_team_is_refused(record, person, gp):
    dad = people.add_person(record, "Samuel Okafor")
    dads_gp = team.add_contact(record, dad, "Dr Lewis")
    team.set_lead(record, person, gp)

    with pytest.raises(InvalidField) as caught:
        team.set_lead(record, person, dads_gp)
    assert "Dr Lewis" in str(caught.value) and "Margaret Okafor" in str(caught.value)
    with pytest.raises(InvalidField):
        team.set_first_contact(record, person, dads_gp)

    assert team.lead(record, person).id == gp.id
    assert team.first_contact(record, person) is None
    assert team.lead(record, dad) is None


def test_each_person_has_their_own_lead(record, person, gp):
    dad = people.add_person(record, "Samuel Okafor")
    dads_gp = team.add_contact(record, dad, "Dr Lewis")
    team.set_lead(record, person, gp)
    team.set_lead(record, dad, dads_gp)
    assert team.lead(record, person).id == gp.id
    assert team.lead(record, dad).id == dads_gp.id


def test_the_database_itself_refuses_two_current_leads(record, person, gp, nurse):
    started = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(IntegrityError), record.changing() as session:
        session.add(
            CareRole(person_id=person.id, role="lead", contact_id=gp.id, started_at=started)
        )
        session.flush()
        session.add(
            CareRole(person_id=person.id, role="lead", contact_id=nurse.id, started_at=started)
        )
        session.flush()
    assert team.lead(record, person) is None  # nothing half-stored

    # An ended role alongside a current one is fine.
    with record.changing() as session:
        session.add(
            CareRole(
                person_id=person.id,
                role="lead",
                contact_id=gp.id,
                started_at=started,
                ended_at=started,
            )
        )
        session.add(
            CareRole(person_id=person.id, role="lead", contact_id=nurse.id, started_at=started)
        )
    assert team.lead(record, person).id == nurse.id


# -- sectors ------------------------------------------------------------------------


SECTOR_WORDS = [
    ("health", "health"),
    ("NHS", "health"),
    ("social", "social care"),
    ("Social Care", "social care"),
    ("council", "social care"),
    ("charity", "voluntary & community"),
    ("voluntary", "voluntary & community"),
    ("Voluntary and community", "voluntary & community"),
    ("Family and friends", "family & friends"),
    ("family", "family & friends"),
    ("  friends  ", "family & friends"),
    ("other", "other"),
]


def test_everyday_sector_words(record, person):
    for words, sector in SECTOR_WORDS:
        contact = team.add_contact(record, person, "Someone", sector=words)
        assert records.get(record, Contact, contact.id).sector == sector, words


def test_contacts_default_to_health(record, person):
    contact = team.add_contact(record, person, "Dr Shah")
    assert contact.sector == "health"


def test_an_unknown_sector_is_explained(record, person):
    for words in ["banana", "", "hospital-ish"]:
        with pytest.raises(InvalidField) as caught:
            team.add_contact(record, person, "Someone", sector=words)
        assert caught.value.field == "sector"
        message = str(caught.value)
        assert "social care" in message and "family & friends" in message
        assert "\n" not in message
    assert team.contacts(record, person) == []


def test_changing_a_sector_uses_the_same_words(record, person, gp):
    team.update_contact(record, gp.id, sector="charity")
    assert records.get(record, Contact, gp.id).sector == "voluntary & community"
    with pytest.raises(InvalidField):
        team.update_contact(record, gp.id, sector="banana")
    assert records.get(record, Contact, gp.id).sector == "voluntary & community"


def test_the_team_is_listed_by_sector_then_name(record, person):
    for name, sector in [
        ("Zara (daughter)", "family"),
        ("Age Friends", "charity"),
        ("Beth Social Worker", "social"),
        ("dr adams", "health"),
        ("Dr Zed", "health"),
    ]:
        team.add_contact(record, person, name, sector=sector)
    assert [c.name for c in team.contacts(record, person)] == [
        "dr adams",
        "Dr Zed",
        "Beth Social Worker",
        "Age Friends",
        "Zara (daughter)",
    ]


# -- finding someone by name --------------------------------------------------------


@pytest.fixture
def crowd(record, person):
    names = ["Ann", "Anne Smith", "Dr Anika Shah", "Tom Reilly"]
    return {
        n: team.add_contact(record, person, n, role="GP" if n == "Tom Reilly" else "")
        for n in names
    }


def test_find_contact_exact_name_wins(record, person, crowd):
    assert team.find_contact(record, person, "ann").id == crowd["Ann"].id
    assert team.find_contact(record, person, "  ANNE SMITH ").id == crowd["Anne Smith"].id


def test_find_contact_by_start_then_part(record, person, crowd):
    assert team.find_contact(record, person, "dr a").id == crowd["Dr Anika Shah"].id
    assert team.find_contact(record, person, "reil").id == crowd["Tom Reilly"].id
    assert team.find_contact(record, person, "gp").id == crowd["Tom Reilly"].id


def test_find_contact_ambiguous_names_everyone_it_could_mean(record, person, crowd):
    with pytest.raises(InvalidField) as caught:
        team.find_contact(record, person, "an")
    message = str(caught.value)
    assert "Ann" in message and "Anne Smith" in message
    assert "\n" not in message


def test_find_contact_nobody(record, person, crowd):
    with pytest.raises(InvalidField) as caught:
        team.find_contact(record, person, "Bartholomew")
    assert "Bartholomew" in str(caught.value)
    assert "Margaret Okafor" in str(caught.value)


def test_find_contact_ignores_removed_and_other_peoples_contacts(record, person, crowd):
    dad = people.add_person(record, "Samuel Okafor")
    team.add_contact(record, dad, "Dr Lewis")
    team.delete_contact(record, crowd["Tom Reilly"].id)
    for name in ("Dr Lewis", "Tom Reilly"):
        with pytest.raises(InvalidField):
            team.find_contact(record, person, name)
