"""Renaming and deactivating an Amt: names change everywhere, nothing is ever deleted."""

from aemterhelpers import add_staff
from aemterhelpers import forget_cached_roles
from eakte import organisation
from eakte import security
from eakte.organisation import onboard_amt
from eakte.posteingang import get_postfach
from plone import api

import pytest


@pytest.fixture()
def kataster(portal, units):
    onboard_amt("62", "Vermessungs- und Katasteramt", "VKA", ["09.01"], portal=portal)
    with api.env.adopt_roles(["Manager"]):
        akte = api.content.create(container=units["09.01"], type="Akte", title="Fortführung Flur 3")
    return {**units, "akte": akte}


def test_renaming_changes_name_short_name_group_titles_and_postfach_title(portal, kataster):
    amt = organisation.rename_amt("62", "Amt für Geoinformation und Kataster", "GeoKat", portal=portal)
    assert (amt.name, amt.kurzname) == ("Amt für Geoinformation und Kataster", "GeoKat")
    assert organisation.get_amt("62", portal) == amt
    assert api.group.get(groupname="amt-62").getProperty("title") == "62 Amt für Geoinformation und Kataster"
    assert api.group.get(groupname="amt-62-sachbearbeitung").getProperty("title") == (
        "62 Amt für Geoinformation und Kataster: Sachbearbeitung"
    )
    assert get_postfach(portal, "62").Title() == "62 Amt für Geoinformation und Kataster"


def test_renaming_keeps_the_grants(portal, kataster):
    before = security.grants(kataster["09.01"])
    organisation.rename_amt("62", kurzname="GeoKat", portal=portal)
    assert security.grants(kataster["09.01"]) == before
    assert organisation.get_amt("62", portal).name == "Vermessungs- und Katasteramt"


def test_renaming_to_an_empty_name_is_refused_and_changes_nothing(portal, kataster):
    with pytest.raises(organisation.OrganisationError):
        organisation.rename_amt("62", name="  ", portal=portal)
    assert organisation.get_amt("62", portal).name == "Vermessungs- und Katasteramt"


def test_renaming_an_unknown_amt_is_a_404(portal, kataster):
    with pytest.raises(organisation.UnknownAmt) as error:
        organisation.rename_amt("99", "X", "X", portal=portal)
    assert error.value.status == 404
    assert str(error.value) == "Das Amt 99 gibt es nicht."


def test_deactivating_deletes_nothing(portal, kataster):
    organisation.deactivate_amt("62", portal=portal)
    amt = organisation.get_amt("62", portal)
    assert amt is not None and amt.aktiv is False
    for group_id in ["amt-62"] + list(amt.role_group_ids.values()):
        assert api.group.get(groupname=group_id) is not None
    postfach = get_postfach(portal, "62")
    assert postfach is not None and postfach.aktiv is False
    assert "fortfuehrung-flur-3" in kataster["09.01"].objectIds()
    assert kataster["09.01"].aemter == ["62"]
    assert [unit.kennzeichen for unit in organisation.led_units("62")] == ["09.01"]


def test_deactivating_revokes_working_roles_but_lesen_still_reads(portal, kataster):
    add_staff("mueller", "amt-62-sachbearbeitung")
    add_staff("leser", "amt-62-lesen")
    add_staff("post", "amt-62-poststelle")
    unit, akte = kataster["09.01"], kataster["akte"]
    assert api.user.has_permission("eakte: Add Akte", username="mueller", obj=unit)

    organisation.deactivate_amt("62", portal=portal)
    forget_cached_roles(unit)

    assert not api.user.has_permission("eakte: Add Akte", username="mueller", obj=unit)
    assert not api.user.has_permission("View", username="mueller", obj=akte)
    assert api.user.has_permission("View", username="leser", obj=unit)
    assert api.user.has_permission("View", username="leser", obj=akte)
    assert not api.user.has_permission("View", username="post", obj=get_postfach(portal, "62"))
    assert security.grants(unit) == {"amt-62-lesen": {"Lesen": ["amt:62"]}}
    assert security.grants(get_postfach(portal, "62")) == {}


def test_deactivating_twice_changes_nothing(portal, kataster):
    organisation.deactivate_amt("62", portal=portal)
    grants = security.grants(kataster["09.01"])
    assert organisation.deactivate_amt("62", portal=portal).aktiv is False
    assert security.grants(kataster["09.01"]) == grants


def test_a_deactivated_amt_cannot_be_onboarded_again_but_can_be_reactivated(portal, kataster):
    organisation.deactivate_amt("62", portal=portal)
    with pytest.raises(organisation.AmtConflict) as error:
        onboard_amt("62", "Vermessungs- und Katasteramt", "VKA", portal=portal)
    assert "deaktiviert" in str(error.value)
    add_staff("mueller", "amt-62-sachbearbeitung")
    assert not api.user.has_permission("eakte: Add Akte", username="mueller", obj=kataster["09.01"])
    organisation.reactivate_amt("62", portal=portal)
    forget_cached_roles(portal)
    assert organisation.get_amt("62", portal).aktiv is True
    assert get_postfach(portal, "62").aktiv is True
    assert api.user.has_permission("eakte: Add Akte", username="mueller", obj=kataster["09.01"])
