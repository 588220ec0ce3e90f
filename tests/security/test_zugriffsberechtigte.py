"""Zugriffsberechtigte, Federführung and Beteiligung of confidential Akten (integration tests)."""

from eakte import security
from eakte.exceptions import EakteError
from eakte.security import beteiligung
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from recordhelpers import german
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


@pytest.fixture()
def amt11(manager, unit):
    """Amt 11 leads 01.02; users sb11 (Sachbearbeitung), al11 (Amtsleitung), sb62 of Amt 62."""
    for user in ("sb11", "al11", "sb62"):
        api.user.create(email=f"{user}@stadt.example", username=user, password="geheim-123")
    for group in ("amt-11-sachbearbeitung", "amt-11-amtsleitung", "amt-11-lesen", "amt-62-sachbearbeitung"):
        if api.group.get(groupname=group) is None:
            api.group.create(groupname=group)
    api.group.add_user(groupname="amt-11-sachbearbeitung", username="sb11")
    api.group.add_user(groupname="amt-11-amtsleitung", username="al11")
    api.group.add_user(groupname="amt-62-sachbearbeitung", username="sb62")
    unit.aemter = ["11"]
    security.grant(unit, "amt-11-sachbearbeitung", ["Sachbearbeitung"], "amt:11")
    security.grant(unit, "amt-11-amtsleitung", ["Amtsleitung"], "amt:11")
    return unit


def as_user(portal, user):
    setRoles(portal, TEST_USER_ID, [])
    login(portal, user)


def vertraulich(unit, **fields):
    return api.content.create(container=unit, type="Akte", title="Personalakte Max Muster",
                              vertraulichkeitsstufe="005", aktenart="Fallakte", **fields)


def test_an_akte_created_without_federfuehrung_gets_the_amt_leading_its_unit(amt11):
    akte = api.content.create(container=amt11, type="Akte", title="Stellenplan")
    assert akte.federfuehrung_amt == "11"


def test_zugriffsberechtigte_are_people_or_amt_groups_with_lesen_or_bearbeiten(portal, amt11):
    as_user(portal, "sb11")
    akte = vertraulich(amt11, berechtigte=["sb11"], berechtigte_lesen=["amt-11-lesen"])
    assert "Sachbearbeitung" in security.grants(akte)["sb11"]
    assert list(security.grants(akte)["amt-11-lesen"]) == ["Lesen"]


@pytest.mark.parametrize("principal", ["AuthenticatedUsers", "Administrators", "Site Administrators",
                                       "Reviewers", "gibt-es-nicht"])
def test_system_groups_and_unknown_names_are_refused_as_zugriffsberechtigte(portal, amt11, principal):
    as_user(portal, "sb11")
    with pytest.raises(EakteError) as error:
        vertraulich(amt11, berechtigte=["sb11", principal])
    assert principal in german(error) and "keine Gruppe eines Amtes" in german(error)


def test_sachbearbeitung_names_only_principals_of_the_federfuehrung(portal, amt11):
    as_user(portal, "sb11")
    with pytest.raises(EakteError) as error:
        vertraulich(amt11, berechtigte=["sb11"], berechtigte_lesen=["sb62"])
    assert "nicht zum federführenden Amt 11" in german(error)


def test_the_amtsleitung_may_name_principals_of_other_aemter(portal, amt11):
    as_user(portal, "al11")
    akte = vertraulich(amt11, berechtigte=["al11"], berechtigte_lesen=["amt-62-sachbearbeitung"])
    assert list(security.grants(akte)["amt-62-sachbearbeitung"]) == ["Lesen"]


def test_a_confidential_akte_without_zugriffsberechtigte_names_its_creator_before_it_is_protocolled(portal, amt11):
    from eakte import protokoll

    as_user(portal, "sb11")
    akte = vertraulich(amt11)
    assert akte.berechtigte == ["sb11"]
    akte.title = "Personalakte Max Muster (neu)"
    notify(ObjectModifiedEvent(akte))
    assert not [e for e in protokoll.entries(akte, action="geaendert") if "berechtigte" in str(e["details"])]


def test_confidential_akten_draw_numbers_of_their_own_so_open_akten_show_no_gap(portal, amt11):
    as_user(portal, "sb11")
    first = api.content.create(container=amt11, type="Akte", title="Stellenplan 2025")
    hidden = vertraulich(amt11, berechtigte=["sb11"])
    second = api.content.create(container=amt11, type="Akte", title="Stellenplan 2026")
    assert (first.aktenzeichen, second.aktenzeichen) == ("01.02-0001", "01.02-0002")
    assert hidden.aktenzeichen == "01.02-V001"


def test_no_beteiligung_on_a_confidential_akte(portal, amt11):
    as_user(portal, "al11")
    akte = vertraulich(amt11, berechtigte=["al11"])
    with pytest.raises(EakteError) as error:
        with api.env.adopt_roles(["Amtsleitung"]):
            beteiligung.grant_beteiligung(akte, "62", "Lesen")
    assert "vertraulichen Akte" in german(error)


def test_making_an_akte_confidential_ends_its_beteiligungen_protocolled(portal, amt11):
    from eakte import protokoll

    akte = api.content.create(container=amt11, type="Akte", title="Umzug Amt 11")
    beteiligung.grant_beteiligung(akte, "62", "Lesen")
    assert "amt-62-sachbearbeitung" in security.grants(akte)
    akte.vertraulichkeitsstufe = "005"
    akte.berechtigte = ["sb11"]
    notify(ObjectModifiedEvent(akte))
    assert beteiligung.beteiligungen(akte) == []
    assert "amt-62-sachbearbeitung" not in security.grants(akte)
    ended = protokoll.entries(akte, action="beteiligung_beendet")[-1]
    assert ended["details"]["grund"] == "vertraulich"


def test_an_amt_is_not_involved_in_its_own_akte(portal, amt11):
    akte = api.content.create(container=amt11, type="Akte", title="Umzug Amt 11")
    with pytest.raises(EakteError):
        beteiligung.grant_beteiligung(akte, "11", "Lesen")
