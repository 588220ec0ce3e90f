"""Every local role records its cause; revoking one cause leaves the others intact."""

from eakte import security
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


@pytest.fixture()
def akte(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    unit = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit", title="Kataster",
                              kennzeichen="09")
    return api.content.create(container=unit, type="Akte", title="Fortführung Flur 3")


def test_a_role_granted_for_two_causes_survives_revoking_one(akte):
    security.grant(akte, "amt-20-lesen", ["Lesen"], security.cause("beteiligung", "20"))
    security.grant(akte, "amt-20-lesen", ["Lesen"], security.cause("person"))
    security.revoke(akte, "amt-20-lesen", security.cause("beteiligung", "20"))
    assert "Lesen" in akte.get_local_roles_for_userid("amt-20-lesen")
    assert security.grants(akte)["amt-20-lesen"] == {"Lesen": ["person"]}
    security.revoke(akte, "amt-20-lesen", security.cause("person"))
    assert akte.get_local_roles_for_userid("amt-20-lesen") == ()
    assert "amt-20-lesen" not in security.grants(akte)


def test_revoking_a_cause_leaves_roles_set_outside_untouched(akte):
    owner_roles = set(akte.get_local_roles_for_userid(TEST_USER_ID))
    security.grant(akte, TEST_USER_ID, ["Sachbearbeitung"], security.cause("amt", "62"))
    security.revoke(akte, TEST_USER_ID, security.cause("amt", "62"))
    assert set(akte.get_local_roles_for_userid(TEST_USER_ID)) == owner_roles


def test_granting_the_same_cause_twice_changes_nothing(akte):
    assert security.grant(akte, "amt-62-sachbearbeitung", ["Sachbearbeitung"], "amt:62") is True
    assert security.grant(akte, "amt-62-sachbearbeitung", ["Sachbearbeitung"], "amt:62") is False


def test_grants_reach_the_catalog_so_listings_follow_them(akte):
    security.grant(akte, "amt-20-lesen", ["Lesen"], "beteiligung:20")
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(UID=akte.UID(), allowedRolesAndUsers=["user:amt-20-lesen"])
    assert len(found) == 1
