"""Beteiligung: the Amtsleitung involves another Amt in one Akte, and ends it again."""

from eakte import security
from plone import api
from zope.component.hooks import setSite

import pytest
import re
import transaction


PASSWORD = "beteiligt-123"


@pytest.fixture()
def kataster(functional_portal):
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        users = {"al62": "amt-62-amtsleitung", "sb62": "amt-62-sachbearbeitung", "sb20": "amt-20-sachbearbeitung",
                 "lesen20": "amt-20-lesen"}
        for user, group in users.items():
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
            if api.group.get(groupname=group) is None:
                api.group.create(groupname=group)
            api.group.add_user(groupname=group, username=user)
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Geoinformation", kennzeichen="09")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Liegenschaftskataster",
                                  kennzeichen="09.01")
        security.grant(unit, "amt-62-amtsleitung", ["Amtsleitung"], "amt:62")
        security.grant(unit, "amt-62-sachbearbeitung", ["Sachbearbeitung"], "amt:62")
        akte = api.content.create(container=unit, type="Akte", title="Fortführungsvermessung Flur 7",
                                  federfuehrung_amt="62")
    transaction.commit()
    return akte


def session(request_factory, user, api_=True):
    s = request_factory(basic_auth=(user, PASSWORD), api=api_)
    s.headers["Accept"] = "application/json" if api_ else "text/html"
    s.headers["Accept-Language"] = "de"
    return s


def path(obj):
    return "/".join(obj.getPhysicalPath()[2:])


def found_by_search(s, title):
    return title in [item["title"] for item in s.get("@search", params={"portal_type": "Akte"}).json()["items"]]


def test_an_involved_amt_reads_and_finds_the_akte_until_the_beteiligung_ends(kataster, request_factory):
    leitung, sb20 = session(request_factory, "al62"), session(request_factory, "sb20")
    assert sb20.get(path(kataster)).status_code in (401, 403)
    assert not found_by_search(sb20, "Fortführungsvermessung Flur 7")

    response = leitung.post(f"{path(kataster)}/@beteiligungen", json={"amt": "20", "stufe": "Lesen"})
    assert response.status_code == 200
    assert [(i["amt"], i["stufe"]) for i in response.json()["items"]] == [("20", "Lesen")]
    assert sb20.get(path(kataster)).status_code == 200
    assert found_by_search(sb20, "Fortführungsvermessung Flur 7")
    assert sb20.post(path(kataster), json={"@type": "Vorgang", "title": "Stellungnahme"}).status_code in (401, 403)

    leitung.post(f"{path(kataster)}/@beteiligungen", json={"amt": "20", "stufe": "Sachbearbeitung"})
    assert sb20.post(path(kataster), json={"@type": "Vorgang", "title": "Stellungnahme"}).status_code == 201

    assert leitung.delete(f"{path(kataster)}/@beteiligungen/20").status_code == 200
    assert sb20.get(path(kataster)).status_code in (401, 403)
    assert not found_by_search(sb20, "Fortführungsvermessung Flur 7")
    # the Amt's own grants are untouched
    assert session(request_factory, "sb62").get(path(kataster)).status_code == 200


def test_only_the_amtsleitung_grants_a_beteiligung(kataster, request_factory):
    response = session(request_factory, "sb62").post(f"{path(kataster)}/@beteiligungen",
                                                     json={"amt": "20", "stufe": "Lesen"})
    assert response.status_code in (401, 403)
    assert session(request_factory, "al62").get(f"{path(kataster)}/@beteiligungen").json()["items"] == []


@pytest.mark.parametrize(
    "data,message",
    [
        ({"amt": "20", "stufe": "Schreiben"}, "Eine Beteiligung gibt Lesen oder Sachbearbeitung."),
        ({"amt": "99", "stufe": "Lesen"}, "Das Amt 99 gibt es nicht oder es ist nicht aktiv."),
        ({"amt": "62", "stufe": "Lesen"}, "Das Amt 62 hat die Federführung; es muss nicht beteiligt werden."),
    ],
)
def test_a_wrong_beteiligung_is_refused_with_a_german_message(kataster, request_factory, data, message):
    response = session(request_factory, "al62").post(f"{path(kataster)}/@beteiligungen", json=data)
    assert 400 <= response.status_code < 500
    assert response.json()["message"] == message
    assert session(request_factory, "al62").get(f"{path(kataster)}/@beteiligungen").json()["items"] == []


def test_the_amtsleitung_involves_an_amt_on_the_akte_page(kataster, request_factory):
    browser = session(request_factory, "al62", api_=False)
    html = browser.get(path(kataster)).text
    assert "Beteiligte Ämter" in html and "Kein anderes Amt ist beteiligt." in html
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html).group(1)
    done = browser.post(f"{path(kataster)}/@@beteiligung",
                        data={"amt": "20", "stufe": "Lesen", "action": "beteiligen", "_authenticator": token})
    assert "Amt 20 ist beteiligt (Lesen)." in done.text
    assert "20 Stadtkämmerei" in done.text
    reader = session(request_factory, "sb20", api_=False).get(path(kataster)).text
    assert "Fortführungsvermessung Flur 7" in reader and "Beteiligen</button>" not in reader


def test_granting_and_ending_a_beteiligung_is_in_the_protokoll(kataster, request_factory):
    from eakte import protokoll

    leitung = session(request_factory, "al62")
    leitung.post(f"{path(kataster)}/@beteiligungen", json={"amt": "20", "stufe": "Lesen"})
    leitung.delete(f"{path(kataster)}/@beteiligungen/20")
    transaction.begin()
    actions = [(e["action"], e["user"]) for e in protokoll.entries(kataster)]
    assert ("beteiligung", "al62") in actions and ("beteiligung_beendet", "al62") in actions
    granted = [e["details"] for e in protokoll.entries(kataster, action="rollen")]
    assert {"amt-20-lesen", "amt-20-sachbearbeitung", "amt-20-amtsleitung"} <= {d["principal"] for d in granted}
    assert protokoll.verify(kataster)["ok"] is True
