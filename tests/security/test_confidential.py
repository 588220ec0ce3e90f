"""A confidential Akte: only the named people see it, and nobody else learns that it exists."""

from eakte import security
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite

import pytest
import transaction


PASSWORD = "geheim-123"
OUTSIDERS = ["sb62", "lesen11", "verwaltung"]  # another Amt, Lesen of the same Amt, Administration


@pytest.fixture()
def personalakte(functional_portal):
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for user in ("personal-sb", "sb62", "lesen11", "verwaltung"):
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
        for group in ("amt-11-lesen", "amt-11-sachbearbeitung", "amt-62-sachbearbeitung"):
            api.group.create(groupname=group)
        api.group.add_user(groupname="amt-11-lesen", username="lesen11")
        api.group.add_user(groupname="amt-62-sachbearbeitung", username="sb62")
        api.user.grant_roles(username="verwaltung", roles=["Administration"])
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Innere Verwaltung", kennzeichen="01")
        personal = api.content.create(container=top, type="Aktenplaneinheit", title="Personalakten",
                                      kennzeichen="01.02")
        kataster = api.content.create(container=top, type="Aktenplaneinheit", title="Kataster",
                                      kennzeichen="01.09")
        security.grant(personal, "amt-11-lesen", ["Lesen"], "amt:11")
        security.grant(personal, "amt-11-sachbearbeitung", ["Sachbearbeitung"], "amt:11")
        security.grant(kataster, "amt-62-sachbearbeitung", ["Sachbearbeitung"], "amt:62")
        offen = api.content.create(container=personal, type="Akte", title="Stellenplan 2026")
        akte = api.content.create(container=personal, type="Akte", title="Personalakte Erika Mustermann",
                                  vertraulichkeitsstufe="005", aktenart="Fallakte", berechtigte=["personal-sb"])
        dokument = api.content.create(container=akte, type="Dokument", title="Arbeitsvertrag Mustermann",
                                      file=NamedBlobFile(b"%PDF-1.4 Arbeitsvertrag", filename="vertrag.pdf"))
    transaction.commit()
    return {"akte": akte, "dokument": dokument, "offen": offen, "unit": personal}


def session(request_factory, user, api_=True):
    s = request_factory(basic_auth=(user, PASSWORD), api=api_)
    s.headers["Accept"] = "application/json" if api_ else "text/html"
    return s


def path(obj):
    return "/".join(obj.getPhysicalPath()[2:])


def test_the_named_person_reads_the_confidential_akte(personalakte, request_factory):
    named = session(request_factory, "personal-sb")
    assert named.get(path(personalakte["akte"])).status_code == 200
    assert named.get(f"{path(personalakte['dokument'])}/@@download/file").content == b"%PDF-1.4 Arbeitsvertrag"


@pytest.mark.parametrize("user", OUTSIDERS)
def test_get_by_path_answers_404_as_if_it_did_not_exist(personalakte, request_factory, user):
    outsider = session(request_factory, user)
    for obj in (personalakte["akte"], personalakte["dokument"]):
        response = outsider.get(path(obj))
        assert response.status_code == 404, (user, obj.getId(), response.status_code)
        assert "Mustermann" not in response.text
    html = session(request_factory, user, api_=False).get(path(personalakte["akte"]))
    assert html.status_code == 404 and "Mustermann" not in html.text


@pytest.mark.parametrize("user", OUTSIDERS)
def test_downloads_and_uid_links_answer_404(personalakte, request_factory, user):
    browser = session(request_factory, user, api_=False)
    download = browser.get(f"{path(personalakte['dokument'])}/@@download/file", allow_redirects=False)
    assert download.status_code == 404
    for view in ("resolveuid", "@@redirect-to-uuid"):
        response = browser.get(f"{view}/{personalakte['dokument'].UID()}", allow_redirects=False)
        assert response.status_code == 404, (view, response.status_code, response.headers.get("location"))
        assert "mustermann" not in response.headers.get("location", "").lower()


@pytest.mark.parametrize("user", OUTSIDERS)
def test_listings_search_and_navigation_do_not_show_it(personalakte, request_factory, user):
    outsider = session(request_factory, user)
    unit = path(personalakte["unit"])
    listing = outsider.get(unit)
    if listing.status_code == 200:
        assert "Mustermann" not in listing.text
    for query in ({"SearchableText": "Mustermann"}, {"portal_type": "Akte"}, {"UID": personalakte["akte"].UID()}):
        found = outsider.get("@search", params=query).json()
        assert all("Mustermann" not in item["title"] for item in found["items"]), query
    assert "Mustermann" not in outsider.get("@navigation?expand.navigation.depth=4").text
    assert outsider.get(f"@aktenzeichen/{personalakte['akte'].aktenzeichen}").status_code == 404
    html = session(request_factory, user, api_=False)
    assert "Mustermann" not in html.get("@@ajax-search", params={"SearchableText": "Mustermann"}).text
    assert "Mustermann" not in html.get("aktenplan").text


def test_the_open_akte_next_to_it_stays_visible_to_lesen(personalakte, request_factory):
    reader = session(request_factory, "lesen11")
    assert reader.get(path(personalakte["offen"])).status_code == 200
    items = [i["title"] for i in reader.get(path(personalakte["unit"])).json()["items"]]
    assert items == ["Stellenplan 2026"]


def test_making_an_akte_open_again_restores_inherited_access(personalakte, request_factory, functional_portal):
    akte = personalakte["akte"]
    with api.env.adopt_roles(["Manager"]):
        akte.vertraulichkeitsstufe = "003"
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(akte))
    transaction.commit()
    assert session(request_factory, "lesen11").get(path(akte)).status_code == 200
    assert session(request_factory, "sb62").get(path(akte)).status_code in (401, 403)  # exists, not theirs


def test_every_read_of_a_confidential_object_is_protocolled(personalakte, request_factory):
    from eakte import protokoll

    named = session(request_factory, "personal-sb")
    named.get(path(personalakte["akte"]))
    session(request_factory, "personal-sb", api_=False).get(f"{path(personalakte['dokument'])}/@@download/file")
    transaction.begin()
    reads = [e for e in protokoll.entries(personalakte["akte"], action="gelesen") if e["user"] == "personal-sb"]
    assert reads
    downloads = [e for e in protokoll.entries(personalakte["dokument"], action="gelesen")
                 if e["user"] == "personal-sb"]
    assert downloads and "download" in downloads[0]["details"]["url"]
    open_reads = protokoll.entries(personalakte["offen"], action="gelesen")
    assert open_reads == []  # only confidential reads are protocolled
