"""Ämter are kept in one place; registering one twice changes nothing."""

from eakte.organisation import ensure_amt
from eakte.organisation import list_aemter
from eakte.organisation import OrganisationError
from plone import api
from zope.i18n import translate

import pytest


def test_registering_an_amt_twice_changes_nothing(portal):
    before = list_aemter(portal)
    ensure_amt("11", "Personal- und Organisationsamt", "POA", portal=portal)
    assert list_aemter(portal) == before
    assert len([g for g in api.group.get_groups() if g.getId() == "amt-11"]) == 1


def test_a_new_amt_gets_its_group_and_one_group_per_role(portal):
    amt = ensure_amt("32", "Ordnungsamt", "OA", portal=portal)
    assert amt in list_aemter(portal)
    assert api.group.get(groupname="amt-32").getProperty("title") == "32 Ordnungsamt"
    for key, role in (("sachbearbeitung", "Sachbearbeitung"), ("amtsleitung", "Amtsleitung"),
                      ("registratur", "Registratur"), ("lesen", "Lesen"), ("poststelle", "Poststelle")):
        assert api.group.get(groupname=f"amt-32-{key}").getProperty("title") == f"32 Ordnungsamt: {role}"


@pytest.mark.parametrize(
    "nummer,name,kurzname,german,english",
    [
        ("3a", "Ordnungsamt", "OA", "Die Amtsnummer muss aus Ziffern bestehen.",
         "The number of an Amt consists of digits."),
        ("32", "", "OA", "Name und Kurzname des Amtes sind Pflichtangaben.",
         "Name and short name of the Amt are required."),
    ],
)
def test_an_invalid_amt_is_refused_with_a_translated_message_and_nothing_changes(
    portal, nummer, name, kurzname, german, english
):
    before = list_aemter(portal)
    with pytest.raises(OrganisationError) as error:
        ensure_amt(nummer, name, kurzname, portal=portal)
    assert translate(error.value.args[0], target_language="de") == german
    assert translate(error.value.args[0], target_language="en") == english
    assert list_aemter(portal) == before
    assert api.group.get(groupname=f"amt-{nummer}") is None
    assert api.group.get(groupname=f"amt-{nummer}-sachbearbeitung") is None
