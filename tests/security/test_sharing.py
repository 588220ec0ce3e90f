"""Plone's own sharing grants no roles in the e-Akte: roles on records come from Ämter, Beteiligung
and confidentiality only, each with its cause and its Protokoll entry (eakte.security)."""

from eakte import protokoll
from eakte import security
from plone import api
from recordhelpers import path
from zope.component.hooks import setSite

import pytest
import transaction


PASSWORD = "freigabe-123"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MESSAGE = "Rollen in der e-Akte werden nicht über „Freigabe“ vergeben"


@pytest.fixture()
def akte(functional_portal):
    """An Akte of Amt 11; chef is Manager, al11 Amtsleitung of Amt 11, sb62 of another Amt."""
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for user in ("chef", "al11", "sb62"):
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
        for group, user in (("amt-11-amtsleitung", "al11"), ("amt-62-sachbearbeitung", "sb62")):
            if api.group.get(groupname=group) is None:
                api.group.create(groupname=group)
            api.group.add_user(groupname=group, username=user)
        api.user.grant_roles(username="chef", roles=["Manager"])
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Innere Verwaltung", kennzeichen="01")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Personal",
                                  kennzeichen="01.02")
        security.grant(unit, "amt-11-amtsleitung", ["Amtsleitung"], "amt:11")
        akte = api.content.create(container=unit, type="Akte", title="Stellenplan 2026")
    transaction.commit()
    return akte


def rest(request_factory, user):
    s = request_factory(basic_auth=(user, PASSWORD))
    s.headers.update({"Accept": "application/json", "Accept-Language": "de"})
    return s


def browser(request_factory, user):
    s = request_factory(basic_auth=(user, PASSWORD), api=False)
    s.headers.update({"Accept": BROWSER, "Accept-Language": "de"})
    return s


def roles_of(obj, principal):
    transaction.begin()
    return set(obj.get_local_roles_for_userid(principal))


def protokoll_size(obj):
    transaction.begin()
    return len(protokoll.entries(obj))


GRANT = {"entries": [{"id": "sb62", "type": "user",
                      "roles": {"Sachbearbeitung": True, "Editor": True}}]}


@pytest.mark.parametrize("user", ["chef", "al11"])
def test_rest_sharing_grants_no_role_on_a_record(akte, request_factory, user):
    entries = protokoll_size(akte)
    response = rest(request_factory, user).post(f"{path(akte)}/@sharing", json=GRANT)
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["type"] == "SharingRefused"
    assert MESSAGE in body["message"]
    assert roles_of(akte, "sb62") == set()
    assert security.grants(akte).get("sb62") is None
    assert protokoll_size(akte) == entries
    assert rest(request_factory, "sb62").get(path(akte)).status_code in (401, 403, 404)


def test_rest_sharing_grants_nothing_on_the_site_that_records_would_inherit(akte, request_factory):
    portal = api.portal.get()
    response = rest(request_factory, "chef").post("@sharing", json=GRANT)
    assert response.status_code == 403 and response.json()["type"] == "SharingRefused"
    assert roles_of(portal, "sb62") == set()


def test_reading_the_sharing_of_a_record_still_works(akte, request_factory):
    response = rest(request_factory, "chef").get(f"{path(akte)}/@sharing")
    assert response.status_code == 200
    assert "entries" in response.json()


def test_the_classic_sharing_page_is_refused_on_records(akte, request_factory):
    manager = browser(request_factory, "chef")
    page = manager.get(f"{path(akte)}/@@sharing")
    assert page.status_code == 403 and MESSAGE in page.text
    saved = manager.post(f"{path(akte)}/@@sharing", data={
        "form.button.Save": "Speichern", "form.submitted:boolean": "True",
        "entries.id:records": "sb62", "entries.type:records": "user",
        "entries.role_Editor:records": "True", "entries.role_Sachbearbeitung:records": "True",
    })
    assert saved.status_code == 403
    assert roles_of(akte, "sb62") == set()


def test_the_sharing_tab_is_not_offered_on_records(akte, request_factory):
    manager = browser(request_factory, "chef")
    record_page = manager.get(path(akte))
    assert record_page.status_code == 200
    assert "@@sharing" not in record_page.text
    assert "@@sharing" not in manager.get("aktenplan").text


def test_the_profile_changes_only_the_condition_of_the_sharing_action(portal):
    actions = api.portal.get_tool("portal_actions")["object"]
    assert actions["local_roles"].available_expr == "object/@@eakte-sharing-offered"
    assert actions["local_roles"].permissions == ("Sharing page: Delegate roles",)
    assert {"folderContents", "history"} <= set(actions.objectIds())


def test_local_roles_through_the_web_are_refused(akte, request_factory):
    manager = browser(request_factory, "chef")
    for method in ("manage_setLocalRoles", "manage_addLocalRoles"):
        response = manager.post(f"{path(akte)}/{method}",
                                data={"userid": "sb62", "roles:list": "Sachbearbeitung"})
        assert response.status_code == 403, (method, response.status_code)
    assert roles_of(akte, "sb62") == set()


def test_the_beteiligung_is_the_way_to_involve_another_amt(akte, request_factory):
    """What sharing would have done, with a cause and a Protokoll entry."""
    with api.env.adopt_roles(["Manager"]):
        if api.group.get(groupname="amt-62-lesen") is None:
            api.group.create(groupname="amt-62-lesen")
    transaction.commit()
    response = rest(request_factory, "al11").post(f"{path(akte)}/@beteiligungen",
                                                  json={"amt": "62", "stufe": "Lesen"})
    assert response.status_code == 200, response.text
    transaction.begin()
    causes = security.grants(akte).get("amt-62-lesen", {}).values()
    assert any("beteiligung:62" in reasons for reasons in causes)
