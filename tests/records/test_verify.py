"""@verify on a container is a maintenance call for Registratur and Manager: everybody else is
refused with a JSON error before a single blob is hashed. A Dokument's readers verify it."""

from eakte import security
from eakte.dokument import versions
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
from recordhelpers import path

import pytest
import transaction


PASSWORD = "pruefen-123"
LOCAL = {"pruef-sb": "Sachbearbeitung", "pruef-al": "Amtsleitung", "pruef-lesen": "Lesen", "pruef-reg": "Registratur"}
GLOBAL = {"pruef-archiv": "Archiv", "pruef-verwaltung": "Administration"}


@pytest.fixture()
def staff(records):
    """Users of the Amt that leads 16.01 (local roles there) and the city-wide roles."""
    portal = records["portal"]
    with api.env.adopt_roles(["Manager"]):
        for user, role in {**LOCAL, **GLOBAL}.items():
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
        for user, role in LOCAL.items():
            security.grant(records["unit"], user, [role], "amt:20")
        for user, role in GLOBAL.items():
            setRoles(portal, user, [role])
    transaction.commit()
    return records


def session(request_factory, user):
    credentials = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD) if user == "manager" else (user, PASSWORD)
    s = request_factory(basic_auth=credentials)
    s.headers["Accept-Language"] = "de"
    return s


@pytest.fixture()
def hashed(monkeypatch):
    """The files hashed during the test."""
    calls = []
    original = versions.sha256_of

    def counting(namedfile):
        calls.append(namedfile)
        return original(namedfile)

    monkeypatch.setattr(versions, "sha256_of", counting)
    return calls


def containers(records):
    return [records["akte"], records["vorgang"], records["unit"], records["portal"]["aktenplan"]]


@pytest.mark.parametrize("user", ["pruef-sb", "pruef-al", "pruef-lesen", "pruef-archiv", "pruef-verwaltung"])
def test_verify_on_a_container_is_refused_with_json_before_any_hashing(staff, request_factory, hashed, user):
    client = session(request_factory, user)
    for container in containers(staff):
        response = client.get(f"{path(container)}/@verify")
        assert response.status_code in (401, 403), (user, container)
        assert response.json()["type"]
    assert hashed == []


@pytest.mark.parametrize("user", ["pruef-reg", "manager"])
def test_registratur_and_manager_verify_the_containers_they_reach(staff, request_factory, hashed, user):
    client = session(request_factory, user)
    reached = containers(staff) if user == "manager" else containers(staff)[:3]
    for container in reached:
        response = client.get(f"{path(container)}/@verify")
        assert response.status_code == 200, (user, container, response.text)
        assert response.json() == {"ok": True, "checked": 1, "mismatches": []}
    assert hashed


@pytest.mark.parametrize("user", ["pruef-lesen", "pruef-sb", "pruef-reg"])
def test_the_readers_of_a_dokument_verify_it(staff, request_factory, user):
    response = session(request_factory, user).get(f"{path(staff['dokument'])}/@verify")
    assert response.status_code == 200
    assert response.json()["ok"] is True and response.json()["checked"] == 2  # current file, version 0


def test_verify_on_a_container_covers_only_what_the_caller_sees(staff, request_factory):
    with api.env.adopt_roles(["Manager"]):
        geheim = api.content.create(container=staff["unit"], type="Akte", title="Vertraulich",
                                    vertraulichkeitsstufe="005", aktenart="Fallakte", berechtigte=["pruef-sb"])
        api.content.create(container=geheim, type="Dokument", title="Geheim",
                           file=NamedBlobFile(b"%PDF-1.4 geheim", filename="geheim.pdf"))
    transaction.commit()
    report = session(request_factory, "pruef-reg").get(f"{path(staff['unit'])}/@verify").json()
    assert report["checked"] == 1
