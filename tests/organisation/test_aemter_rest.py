"""@aemter: list, read, onboard, rename and deactivate Ämter over plone.restapi."""

from aemterhelpers import add_staff
from aemterhelpers import build_aktenplan
from aemterhelpers import PASSWORD
from aemterhelpers import unit
from eakte import organisation
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import pytest
import transaction


ORDNUNGSAMT = {"nummer": "32", "name": "Ordnungsamt", "kurzname": "OA", "kennzeichen": ["16.01"]}


@pytest.fixture()
def site(functional_portal):
    setSite(functional_portal)
    units = build_aktenplan(functional_portal)
    organisation.lead_units("62", ["09.01"], portal=functional_portal)
    add_staff("mueller", "amt-62-sachbearbeitung")
    transaction.commit()
    return {"portal": functional_portal, **units}


def session(request_factory, username, password):
    client = request_factory(basic_auth=(username, password))
    client.headers["Accept-Language"] = "de"
    return client


@pytest.fixture()
def manager(request_factory):
    return session(request_factory, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


@pytest.fixture()
def sachbearbeiter(request_factory):
    return session(request_factory, "mueller", PASSWORD)


def fresh(portal):
    transaction.begin()
    return portal


def test_the_list_has_every_amt_with_groups_postfach_and_led_units(site, manager):
    response = manager.get("@aemter")
    assert response.status_code == 200
    data = response.json()
    assert [item["nummer"] for item in data["items"]] == ["11", "20", "62"]
    assert data["items_total"] == 3
    vka = data["items"][2]
    assert vka["name"] == "Vermessungs- und Katasteramt" and vka["kurzname"] == "VKA" and vka["aktiv"] is True
    assert vka["@id"].endswith("/@aemter/62")
    assert vka["postfach"].endswith("/posteingang/amt-62")
    assert [unit["kennzeichen"] for unit in vka["aktenplaneinheiten"]] == ["09.01"]


def test_one_amt_with_its_groups_postfach_and_led_units(site, manager):
    data = manager.get("@aemter/62").json()
    assert data["title"] == "62 Vermessungs- und Katasteramt"
    groups = {group["id"]: group for group in data["gruppen"]}
    assert groups["amt-62-sachbearbeitung"] == {
        "id": "amt-62-sachbearbeitung", "title": "62 Vermessungs- und Katasteramt: Sachbearbeitung",
        "rolle": "Sachbearbeitung",
    }
    assert set(groups) == {"amt-62", "amt-62-sachbearbeitung", "amt-62-amtsleitung", "amt-62-registratur",
                           "amt-62-lesen", "amt-62-poststelle"}
    assert data["aktenplaneinheiten"][0]["title"] == "09.01 Liegenschaftskataster"


def test_a_sachbearbeiter_may_read_the_aemter(site, sachbearbeiter):
    assert sachbearbeiter.get("@aemter/62").status_code == 200


def test_an_unknown_amt_is_a_german_404(site, manager):
    response = manager.get("@aemter/99")
    assert response.status_code == 404
    assert response.json()["message"] == "Das Amt 99 gibt es nicht."


def test_onboarding_answers_201_and_again_200_with_the_same_state(site, manager):
    first = manager.post("@aemter", json=ORDNUNGSAMT)
    assert first.status_code == 201
    assert first.headers["Location"].endswith("/@aemter/32")
    amt = first.json()
    assert amt["nummer"] == "32" and amt["title"] == "32 Ordnungsamt"
    assert amt["postfach"].endswith("/posteingang/amt-32")
    assert [unit["kennzeichen"] for unit in amt["aktenplaneinheiten"]] == ["16.01"]

    second = manager.post("@aemter", json=ORDNUNGSAMT)
    assert second.status_code == 200
    assert second.json() == amt
    fresh(site["portal"])
    assert len([g for g in api.group.get_groups() if g.getId().startswith("amt-32")]) == 6
    assert unit("16.01").get_local_roles_for_userid("amt-32-sachbearbeitung") == (
        "Sachbearbeitung",
    )


@pytest.mark.parametrize(
    "data,message",
    [
        ({**ORDNUNGSAMT, "nummer": "3a"}, "Die Amtsnummer muss aus Ziffern bestehen."),
        ({**ORDNUNGSAMT, "name": ""}, "Name und Kurzname des Amtes sind Pflichtangaben."),
        ({k: v for k, v in ORDNUNGSAMT.items() if k != "name"}, "Name und Kurzname des Amtes sind Pflichtangaben."),
        ({**ORDNUNGSAMT, "kennzeichen": ["16.01", "77"]},
         "Eine Aktenplaneinheit mit dem Kennzeichen 77 gibt es nicht."),
    ],
)
def test_bad_input_is_a_german_400_and_changes_nothing(site, manager, data, message):
    response = manager.post("@aemter", json=data)
    assert response.status_code == 400
    assert response.json() == {"type": "OrganisationError", "message": message}
    portal = fresh(site["portal"])
    assert [amt.nummer for amt in organisation.list_aemter(portal)] == ["11", "20", "62"]
    assert api.group.get(groupname="amt-32-sachbearbeitung") is None
    assert "amt-32" not in portal["posteingang"].objectIds()
    assert unit("16.01").aemter == []


def test_a_sachbearbeiter_may_not_onboard_or_change_an_amt(site, sachbearbeiter):
    assert sachbearbeiter.post("@aemter", json=ORDNUNGSAMT).status_code in (401, 403)
    assert sachbearbeiter.patch("@aemter/62", json={"aktiv": False}).status_code in (401, 403)
    portal = fresh(site["portal"])
    assert organisation.get_amt("32", portal) is None
    assert organisation.get_amt("62", portal).aktiv is True


def test_anonymous_may_not_onboard(site, request_factory):
    anonymous = request_factory()
    assert anonymous.post("@aemter", json=ORDNUNGSAMT).status_code == 401


def test_patch_renames(site, manager):
    response = manager.patch("@aemter/62", json={"name": "Amt für Geoinformation", "kurzname": "GeoA"})
    assert response.status_code == 200
    assert response.json()["title"] == "62 Amt für Geoinformation"
    fresh(site["portal"])
    assert api.group.get(groupname="amt-62-lesen").getProperty("title") == "62 Amt für Geoinformation: Lesen"


def test_patch_deactivates_and_the_sachbearbeiter_loses_add_akte(site, manager):
    response = manager.patch("@aemter/62", json={"aktiv": False})
    assert response.status_code == 200
    assert response.json()["aktiv"] is False
    portal = fresh(site["portal"])
    kataster = unit("09.01")
    assert not api.user.has_permission("eakte: Add Akte", username="mueller", obj=kataster)
    assert kataster.get_local_roles_for_userid("amt-62-lesen") == ("Lesen",)
    assert portal["posteingang"]["amt-62"].aktiv is False


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, "Bitte »name«, »kurzname« oder »aktiv« angeben."),
        ({"aktiv": "nein"}, "»aktiv« ist true oder false."),
        ({"name": ""}, "Name und Kurzname des Amtes sind Pflichtangaben."),
    ],
)
def test_a_bad_patch_is_a_german_400(site, manager, data, message):
    response = manager.patch("@aemter/62", json=data)
    assert response.status_code == 400
    assert response.json()["message"] == message
    assert manager.get("@aemter/62").json()["name"] == "Vermessungs- und Katasteramt"


def test_patching_an_unknown_amt_is_a_404(site, manager):
    assert manager.patch("@aemter/99", json={"aktiv": False}).status_code == 404


def test_a_fourth_amt_onboarded_through_rest_works_in_its_inbox_and_aktenplan_area(site, manager, request_factory):
    created = manager.post("@aemter", json=ORDNUNGSAMT)
    assert created.status_code == 201
    amt = created.json()
    transaction.begin()  # see what the server committed
    with api.env.adopt_roles(["Manager"]):
        add_staff("ordnung-sb", "amt-32-sachbearbeitung")
        add_staff("ordnung-post", "amt-32-poststelle")
    transaction.commit()

    sb = session(request_factory, "ordnung-sb", PASSWORD)
    unit_url = amt["aktenplaneinheiten"][0]["@id"]
    akte = sb.post(unit_url, json={"@type": "Akte", "title": "Sondernutzung Marktplatz 2027"})
    assert akte.status_code == 201
    assert akte.json()["aktenzeichen"] == "16.01-0001"
    other_unit = "/".join(unit("09.01").getPhysicalPath()[2:])
    assert sb.post(other_unit, json={"@type": "Akte", "title": "Fremd"}).status_code in (401, 403)

    post = session(request_factory, "ordnung-post", PASSWORD)
    assert post.get(amt["postfach"]).status_code == 200
    akte_url = akte.json()["@id"]
    assert post.get(akte_url).status_code in (401, 403)  # the Poststelle has no access to Akten
