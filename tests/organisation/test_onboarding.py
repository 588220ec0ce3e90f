"""Onboarding an Amt: one domain service creates its groups, its Postfach and its grants."""

from Acquisition import aq_base
from Acquisition import aq_parent
from aemterhelpers import add_staff
from eakte import organisation
from eakte import security
from eakte.organisation import OrganisationError
from eakte.organisation import onboard_amt
from eakte.posteingang import get_postfach
from plone import api
from zope.i18n import translate

import pytest


ROLE_GROUPS = {
    "amt-62-sachbearbeitung": "Sachbearbeitung",
    "amt-62-amtsleitung": "Amtsleitung",
    "amt-62-registratur": "Registratur",
    "amt-62-lesen": "Lesen",
    "amt-62-poststelle": "Poststelle",
}


def state(portal, units):
    """Everything onboarding touches, to compare before and after."""
    groups = sorted((g.getId(), g.getProperty("title")) for g in api.group.get_groups())
    posteingang = portal["posteingang"]
    return {
        "aemter": organisation.list_aemter(portal),
        "groups": groups,
        "postfaecher": sorted(posteingang.objectIds()),
        "grants": {k: security.grants(unit) for k, unit in units.items()},
        "local_roles": {k: sorted(unit.get_local_roles()) for k, unit in units.items()},
        "postfach_grants": {pid: security.grants(p) for pid, p in posteingang.objectItems()},
        "unit_aemter": {k: list(unit.aemter or []) for k, unit in units.items()},
    }


@pytest.fixture()
def kataster(portal, units):
    """The pilot Amt 62 leads 09.01; the pilot Amt 20 leads 16.01."""
    onboard_amt("62", "Vermessungs- und Katasteramt", "VKA", ["09.01"], portal=portal)
    onboard_amt("20", "Stadtkämmerei", "Kämmerei", ["16.01"], portal=portal)
    return units


def test_onboarding_creates_one_group_per_role_with_a_german_title(portal, kataster):
    for group_id, role in ROLE_GROUPS.items():
        group = api.group.get(groupname=group_id)
        assert group is not None, group_id
        assert group.getProperty("title") == f"62 Vermessungs- und Katasteramt: {role}"
    assert api.group.get(groupname="amt-62").getProperty("title") == "62 Vermessungs- und Katasteramt"


def test_the_role_groups_are_members_of_the_amts_umbrella_group(portal, kataster):
    members = api.portal.get_tool("portal_groups").getGroupMembers("amt-62")
    assert set(ROLE_GROUPS) <= set(members)


def test_onboarding_creates_the_postfach_of_the_amt_in_the_posteingang(portal, kataster):
    postfach = get_postfach(portal, "62")
    assert postfach.portal_type == "Postfach"
    assert aq_base(aq_parent(postfach)) is aq_base(portal["posteingang"])
    assert postfach.amt == "62" and postfach.aktiv is True
    assert postfach.Title() == "62 Vermessungs- und Katasteramt"


def test_onboarding_grants_the_role_groups_their_roles_on_the_led_unit_with_the_cause_amt(portal, kataster):
    unit = kataster["09.01"]
    assert unit.aemter == ["62"]
    for group_id in ("amt-62-sachbearbeitung", "amt-62-amtsleitung", "amt-62-registratur", "amt-62-lesen"):
        assert unit.get_local_roles_for_userid(group_id) == (ROLE_GROUPS[group_id],)
        assert security.grants(unit)[group_id] == {ROLE_GROUPS[group_id]: ["amt:62"]}
    # the Poststelle has no access to Akten
    assert unit.get_local_roles_for_userid("amt-62-poststelle") == ()
    # nothing on the parent or on another Amt's unit
    assert kataster["09"].get_local_roles_for_userid("amt-62-sachbearbeitung") == ()
    assert kataster["16.01"].get_local_roles_for_userid("amt-62-sachbearbeitung") == ()


def test_onboarding_grants_poststelle_sachbearbeitung_and_amtsleitung_on_the_postfach(portal, kataster):
    postfach = get_postfach(portal, "62")
    assert postfach.get_local_roles_for_userid("amt-62-poststelle") == ("Poststelle",)
    assert postfach.get_local_roles_for_userid("amt-62-sachbearbeitung") == ("Sachbearbeitung",)
    assert postfach.get_local_roles_for_userid("amt-62-amtsleitung") == ("Amtsleitung",)
    assert postfach.get_local_roles_for_userid("amt-62-lesen") == ()
    assert get_postfach(portal, "20").get_local_roles_for_userid("amt-62-poststelle") == ()


def test_a_sachbearbeiter_of_amt_62_may_add_akten_in_its_unit_but_not_in_another_amts_unit(portal, kataster):
    add_staff("mueller", "amt-62-sachbearbeitung")
    assert api.user.has_permission("eakte: Add Akte", username="mueller", obj=kataster["09.01"])
    assert not api.user.has_permission("eakte: Add Akte", username="mueller", obj=kataster["16.01"])
    with api.env.adopt_roles(["Manager"]):
        fremde_akte = api.content.create(container=kataster["16.01"], type="Akte", title="Haushalt 2027")
    assert not api.user.has_permission("View", username="mueller", obj=fremde_akte)


def test_roles_on_a_led_unit_are_inherited_by_its_akten(portal, kataster):
    add_staff("mueller", "amt-62-sachbearbeitung")
    with api.env.adopt_roles(["Manager"]):
        akte = api.content.create(container=kataster["09.01"], type="Akte", title="Fortführung Flur 3")
    assert api.user.has_permission("eakte: Add Vorgang", username="mueller", obj=akte)
    assert "Sachbearbeitung" in api.user.get_roles(username="mueller", obj=akte)


def test_the_poststelle_of_amt_62_sees_its_postfach_but_no_akten(portal, kataster):
    add_staff("post", "amt-62-poststelle")
    assert api.user.has_permission("View", username="post", obj=get_postfach(portal, "62"))
    assert not api.user.has_permission("View", username="post", obj=get_postfach(portal, "20"))
    with api.env.adopt_roles(["Manager"]):
        akte = api.content.create(container=kataster["09.01"], type="Akte", title="Fortführung Flur 4")
    assert not api.user.has_permission("View", username="post", obj=akte)


def test_onboarding_twice_changes_nothing(portal, kataster):
    before = state(portal, kataster)
    again = onboard_amt("62", "Vermessungs- und Katasteramt", "VKA", ["09.01"], portal=portal)
    assert again == organisation.get_amt("62", portal)
    assert state(portal, kataster) == before


def test_onboarding_again_with_a_further_kennzeichen_adds_that_unit(portal, kataster):
    onboard_amt("62", "Vermessungs- und Katasteramt", "VKA", ["09.01", "16"], portal=portal)
    assert [unit.kennzeichen for unit in organisation.led_units("62")] == ["09.01", "16"]
    assert kataster["16"].get_local_roles_for_userid("amt-62-sachbearbeitung") == ("Sachbearbeitung",)
    assert kataster["09.01"].get_local_roles_for_userid("amt-62-sachbearbeitung") == ("Sachbearbeitung",)


@pytest.mark.parametrize(
    "nummer,name,kurzname,kennzeichen,german",
    [
        ("3a", "Ordnungsamt", "OA", [], "Die Amtsnummer muss aus Ziffern bestehen."),
        ("", "Ordnungsamt", "OA", [], "Die Amtsnummer muss aus Ziffern bestehen."),
        ("32", "", "OA", [], "Name und Kurzname des Amtes sind Pflichtangaben."),
        ("32", "Ordnungsamt", " ", [], "Name und Kurzname des Amtes sind Pflichtangaben."),
        ("32", "Ordnungsamt", "OA", ["09.01", "99.99"],
         "Eine Aktenplaneinheit mit dem Kennzeichen 99.99 gibt es nicht."),
    ],
)
def test_bad_input_is_refused_with_a_german_message_and_nothing_changes(
    portal, kataster, nummer, name, kurzname, kennzeichen, german
):
    before = state(portal, kataster)
    with pytest.raises(OrganisationError) as error:
        onboard_amt(nummer, name, kurzname, kennzeichen, portal=portal)
    assert error.value.status == 400
    assert translate(error.value.message, target_language="de") == german
    assert state(portal, kataster) == before
    assert api.group.get(groupname="amt-32-sachbearbeitung") is None
    assert get_postfach(portal, "32") is None


def test_onboarding_an_existing_number_with_another_name_is_refused(portal, kataster):
    with pytest.raises(OrganisationError) as error:
        onboard_amt("62", "Katasteramt", "KA", portal=portal)
    assert error.value.status == 409
    assert "Das Amt 62 gibt es bereits als »62 Vermessungs- und Katasteramt« (VKA)." in str(error.value)
    assert organisation.get_amt("62", portal).name == "Vermessungs- und Katasteramt"


def test_the_pilot_aemter_are_onboarded_with_role_groups_and_postfach(portal):
    assert [amt.nummer for amt in organisation.list_aemter(portal)] == ["11", "20", "62"]
    for nummer in ("11", "20", "62"):
        amt = organisation.get_amt(nummer, portal)
        for key, role in organisation.ROLE_GROUPS:
            assert api.group.get(groupname=f"amt-{nummer}-{key}").getProperty("title") == f"{amt.title}: {role}"
        postfach = get_postfach(portal, nummer)
        assert postfach.get_local_roles_for_userid(f"amt-{nummer}-poststelle") == ("Poststelle",)


def test_the_posteingang_is_created_at_install(portal):
    posteingang = portal["posteingang"]
    assert posteingang.portal_type == "Posteingang"
    assert api.content.get_state(posteingang) == "in_betrieb"
    assert sorted(posteingang.objectIds()) == ["amt-11", "amt-20", "amt-62"]


def test_setting_the_field_aemter_of_a_unit_grants_and_removing_it_revokes(portal, kataster):
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    unit = kataster["16"]
    unit.aemter = ["62"]
    notify(ObjectModifiedEvent(unit))
    assert unit.get_local_roles_for_userid("amt-62-amtsleitung") == ("Amtsleitung",)
    unit.aemter = []
    notify(ObjectModifiedEvent(unit))
    assert unit.get_local_roles_for_userid("amt-62-amtsleitung") == ()
    assert "amt-62-amtsleitung" not in security.grants(unit)


def test_a_unit_created_with_aemter_grants_at_once(portal, kataster):
    with api.env.adopt_roles(["Manager"]):
        unit = api.content.create(container=kataster["09"], type="Aktenplaneinheit", title="Vermessung",
                                  kennzeichen="09.02", aemter=["62"])
    assert unit.get_local_roles_for_userid("amt-62-sachbearbeitung") == ("Sachbearbeitung",)


def test_onboarding_is_protokolled_on_the_site(portal, units):
    from eakte import protokoll

    if not hasattr(protokoll, "entries"):
        pytest.skip("the Protokoll is not there yet")
    onboard_amt("32", "Ordnungsamt", "OA", ["16.01"], portal=portal)
    entries = [e for e in protokoll.entries(portal) if "32" in str(e)]
    assert entries, "no Protokoll entry for the onboarding of Amt 32"
    before = len(protokoll.entries(portal))
    onboard_amt("32", "Ordnungsamt", "OA", ["16.01"], portal=portal)
    assert len(protokoll.entries(portal)) == before


def test_completing_aemter_registered_before_onboarding_existed_adds_groups_and_postfach(portal, units):
    from eakte.organisation import _storage

    _storage(portal)["32"] = {"nummer": "32", "name": "Ordnungsamt", "kurzname": "OA", "aktiv": True}
    organisation.ensure_all_onboarded(portal)
    assert api.group.get(groupname="amt-32-poststelle").getProperty("title") == "32 Ordnungsamt: Poststelle"
    assert get_postfach(portal, "32").get_local_roles_for_userid("amt-32-poststelle") == ("Poststelle",)
