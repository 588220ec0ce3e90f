"""The site-wide Protokoll: every change of users, groups, memberships and global roles, by
anybody and through any channel, is a hash-chained entry on the site (who changed what for whom)."""

from eakte import protokoll
from eakte.administration import NotPermitted
from eakte.protokoll.store import canonical
from eakte.protokoll.store import get_store
from eakte.protokoll.store import SITE_KEY
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.component.hooks import setSite

import json
import pytest
import transaction


PASSWORD = "geheim-123-Passwort"


def _user(username, roles=(), groups=()):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email=f"{username}@stadt.example", username=username, password=PASSWORD)
        if roles:
            api.user.grant_roles(username=username, roles=list(roles))
        for group in groups:
            api.group.add_user(groupname=group, username=username)


def site_entries(portal, action=None):
    return protokoll.entries(portal, action=action)


def test_creating_a_user_granting_a_role_and_a_membership_are_logged_with_actor_and_target(portal):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="neu@stadt.example", username="neu", password=PASSWORD)
        api.user.grant_roles(username="neu", roles=["Registratur"])
        api.group.add_user(groupname="amt-62-lesen", username="neu")
        api.user.revoke_roles(username="neu", roles=["Registratur"])
        api.group.remove_user(groupname="amt-62-lesen", username="neu")
    actions = [(e["action"], e["details"].get("principal")) for e in site_entries(portal)]
    assert (protokoll.BENUTZER_ANGELEGT, "neu") in actions
    granted = site_entries(portal, protokoll.ROLLE_ERTEILT)[-1]
    assert granted["details"] == {"principal": "neu", "rolle": "Registratur"}
    assert granted["user"] == "test_user_1_"
    assert site_entries(portal, protokoll.ROLLE_ENTZOGEN)[-1]["details"] == {"principal": "neu", "rolle": "Registratur"}
    assert site_entries(portal, protokoll.MITGLIED_HINZUGEFUEGT)[-1]["details"] == {"principal": "neu", "gruppe": "amt-62-lesen"}
    assert site_entries(portal, protokoll.MITGLIED_ENTFERNT)[-1]["details"] == {"principal": "neu", "gruppe": "amt-62-lesen"}
    assert protokoll.verify(portal)["ok"] is True


def test_a_password_change_is_logged_but_never_the_password(portal):
    _user("neu")
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("acl_users").userSetPassword("neu", "ganz-neues-Passwort-9")
    entry = site_entries(portal, protokoll.PASSWORT_GEAENDERT)[-1]
    assert entry["details"] == {"principal": "neu"}
    assert "ganz-neues-Passwort-9" not in canonical(site_entries(portal))
    assert PASSWORD not in canonical(site_entries(portal))


def test_an_email_change_and_a_deletion_are_logged(portal):
    _user("neu")
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="neu").setMemberProperties({"email": "anders@stadt.example"})
        api.user.delete(username="neu")
    changed = site_entries(portal, protokoll.BENUTZER_GEAENDERT)[-1]
    assert changed["details"] == {"principal": "neu", "eigenschaften": ["email"]}
    assert site_entries(portal, protokoll.BENUTZER_GELOESCHT)[-1]["details"] == {"principal": "neu"}


def test_logging_in_writes_no_entry(portal):
    _user("neu")
    before = len(site_entries(portal))
    login(portal, "neu")
    try:
        api.portal.get_tool("portal_membership").setLoginTimes()
    finally:
        logout()
    assert len(site_entries(portal)) == before


def test_creating_and_deleting_a_group_is_logged(portal):
    with api.env.adopt_roles(["Manager"]):
        api.group.create(groupname="projekt", title="Projekt")
        api.group.delete(groupname="projekt")
    assert site_entries(portal, protokoll.GRUPPE_ANGELEGT)[-1]["details"] == {"gruppe": "projekt"}
    assert site_entries(portal, protokoll.GRUPPE_GELOESCHT)[-1]["details"] == {"gruppe": "projekt"}


def test_a_refused_change_writes_no_entry(portal):
    _user("verwaltung", roles=["Administration"])
    before = len(site_entries(portal))
    login(portal, "verwaltung")
    try:
        with pytest.raises(NotPermitted):
            api.group.add_user(groupname="amt-62-sachbearbeitung", username="verwaltung")
    finally:
        logout()
    assert len(site_entries(portal)) == before


def test_tampering_with_the_site_protokoll_is_detected_by_verify_and_verify_all(portal):
    _user("neu")
    with api.env.adopt_roles(["Manager"]):
        api.group.add_user(groupname="amt-62-lesen", username="neu")
    journal = get_store(portal).journals[SITE_KEY]
    seq = site_entries(portal, protokoll.MITGLIED_HINZUGEFUEGT)[-1]["seq"]
    entry = json.loads(journal.entries[seq])
    entry["details"]["principal"] = "jemand-anderes"
    journal.entries[seq] = canonical(entry)
    result = protokoll.verify(portal)
    assert result["ok"] is False and result["first_broken"] == seq and result["code"] == "hash"
    assert SITE_KEY in [broken["uid"] for broken in protokoll.verify_all(portal)]


# Over HTTP: the Administration's change, read back by the Administration -----------------------


@pytest.fixture()
def site(functional_portal):
    setSite(functional_portal)
    _user("verwaltung", roles=["Administration"])
    _user("sb-62", groups=["amt-62-sachbearbeitung"])
    _user("neu")
    transaction.commit()
    return functional_portal


def client(request_factory, username):
    session = request_factory(basic_auth=(username, PASSWORD))
    session.headers["Accept"] = "application/json"
    session.headers["Accept-Language"] = "de"
    return session


def test_a_membership_change_by_the_administration_is_in_the_site_protokoll(site, request_factory):
    verwaltung = client(request_factory, "verwaltung")
    response = verwaltung.patch("@groups/amt-62-sachbearbeitung", json={"users": {"neu": True}})
    assert response.status_code == 204, response.text

    response = verwaltung.get("@protokoll", params={"action": protokoll.MITGLIED_HINZUGEFUEGT})
    assert response.status_code == 200, response.text
    entry = response.json()["items"][-1]
    assert entry["user"] == "verwaltung"
    assert entry["details"] == {"principal": "neu", "gruppe": "amt-62-sachbearbeitung"}
    assert entry["action_title"] == "Mitglied hinzugefügt"
    assert verwaltung.get("@protokoll-verify").json()["ok"] is True


def test_staff_cannot_read_the_site_protokoll(site, request_factory):
    response = client(request_factory, "sb-62").get("@protokoll")
    assert response.status_code in (401, 403)


def test_the_protokoll_tab_of_the_site_shows_membership_changes(site, request_factory):
    verwaltung = client(request_factory, "verwaltung")
    assert verwaltung.patch("@groups/amt-62-lesen", json={"users": {"neu": True}}).status_code == 204
    page = request_factory(basic_auth=("verwaltung", PASSWORD))
    page.headers["Accept"] = "text/html"
    response = page.get("@@protokoll")
    assert response.status_code == 200
    assert "Mitglied hinzugefügt" in response.text and "amt-62-lesen" in response.text
