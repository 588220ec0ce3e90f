"""Global roles give no access to a confidential Akte: Manager, Site Administrator, Archiv,
Registratur and Administration find no trace of it on any channel, unless a Manager takes an
emergency access (Notfallzugriff) or the Akte is offered to the archive."""

from eakte import security
from plone import api
from plone.namedfile.file import NamedBlobFile
from recordhelpers import path
from zope.component.hooks import setSite

import pytest
import requests
import transaction


PASSWORD = "geheim-123"
GLOBAL = {"chef": "Manager", "siteadmin": "Site Administrator", "archivar": "Archiv",
          "registrator": "Registratur", "verwaltung": "Administration"}
SECRET = "Mustermann"


@pytest.fixture()
def personalakte(functional_portal):
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for user, role in [("personal-sb", None), ("al11", None), *GLOBAL.items()]:
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
            if role:
                api.user.grant_roles(username=user, roles=[role])
        for group in ("amt-11-sachbearbeitung", "amt-11-amtsleitung"):
            api.group.create(groupname=group)
        api.group.add_user(groupname="amt-11-amtsleitung", username="al11")
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Innere Verwaltung", kennzeichen="01")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Personalakten",
                                  kennzeichen="01.02")
        security.grant(unit, "amt-11-sachbearbeitung", ["Sachbearbeitung"], "amt:11")
        offen = api.content.create(container=unit, type="Akte", title="Stellenplan 2026",
                                   federfuehrung_amt="11")
        akte = api.content.create(container=unit, type="Akte", title=f"Personalakte Erika {SECRET}",
                                  vertraulichkeitsstufe="005", aktenart="Fallakte", federfuehrung_amt="11",
                                  berechtigte=["personal-sb"])
        dokument = api.content.create(container=akte, type="Dokument", title=f"Arbeitsvertrag {SECRET}",
                                      file=NamedBlobFile(b"%PDF-1.4 Arbeitsvertrag", filename="vertrag.pdf"))
    transaction.commit()
    return {"akte": akte, "dokument": dokument, "offen": offen, "unit": unit, "portal": portal}


def session(request_factory, user, api_=True):
    s = request_factory(basic_auth=(user, PASSWORD), api=api_)
    s.headers["Accept"] = "application/json" if api_ else "text/html"
    return s


def titles(search_response) -> list[str]:
    return [item["title"] for item in search_response.json()["items"]]


def assert_no_trace(response, *secrets):
    text = response.text + " ".join(f"{k}: {v}" for k, v in response.headers.items())
    for secret in secrets:
        assert secret not in text, (response.request.method, response.url, response.status_code)


@pytest.mark.parametrize("user", sorted(GLOBAL))
def test_a_global_role_neither_reads_nor_downloads_a_confidential_akte(personalakte, request_factory, user):
    akte, dokument = personalakte["akte"], personalakte["dokument"]
    for api_ in (True, False):
        s = session(request_factory, user, api_)
        for obj in (akte, dokument):
            response = s.get(path(obj))
            assert response.status_code == 404, (user, api_, obj.getId(), response.status_code)
            assert_no_trace(response, SECRET, akte.UID(), akte.aktenzeichen)
    browser = session(request_factory, user, api_=False)
    for suffix in ("@@download/file", "@@display-file/file", "@@images/file", "view"):
        response = browser.get(f"{path(dokument)}/{suffix}", allow_redirects=False)
        assert response.status_code == 404, (suffix, response.status_code)
        assert b"Arbeitsvertrag" not in response.content


@pytest.mark.parametrize("user", sorted(GLOBAL))
def test_a_global_role_does_not_find_a_confidential_akte_in_search_or_listings(personalakte, request_factory, user):
    akte = personalakte["akte"]
    s = session(request_factory, user)
    for query in ({"SearchableText": SECRET}, {"portal_type": "Akte"}, {"portal_type": "Dokument"},
                  {"UID": akte.UID()}, {"path": path(akte)}):
        found = s.get("@search", params=query).json()
        assert all(SECRET not in item["title"] for item in found["items"]), (user, query)
    listing = s.get(path(personalakte["unit"]))
    assert SECRET not in listing.text
    assert s.get(f"@aktenzeichen/{akte.aktenzeichen}").status_code == 404
    assert SECRET not in s.get("@navigation?expand.navigation.depth=5").text
    html = session(request_factory, user, api_=False)
    for view in ("@@ajax-search", "@@search"):  # (they echo the search term itself)
        assert "Personalakte Erika" not in html.get(view, params={"SearchableText": SECRET}).text


@pytest.mark.parametrize("user", ["chef", "registrator", "personal-sb-outsider"])
def test_traversable_methods_and_head_tell_nothing_about_a_hidden_akte(personalakte, request_factory, user):
    if user == "personal-sb-outsider":
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="x@stadt.example", username=user, password=PASSWORD)
        transaction.commit()
    akte = personalakte["akte"]
    missing = path(akte).rsplit("/", 1)[0] + "/gibt-es-nicht"
    for api_ in (True, False):
        s = session(request_factory, user, api_)
        real = s.get(missing)
        for method in ("getId", "getTypeInfo", "objectCount", "objectIds", "Title", "UID", "getPhysicalPath",
                       "absolute_url", "Type", "aktenzeichen", "@linkintegrity", "@relations",
                       "@types", "@history", "@workflow", "@sharing", "@breadcrumbs", "@protokoll"):
            response = s.get(f"{path(akte)}/{method}")
            assert response.status_code == 404, (method, api_, response.status_code, response.text[:200])
            assert_no_trace(response, SECRET, akte.UID(), akte.aktenzeichen)
            assert response.text.replace(f"{path(akte)}/{method}", "X") == real.text.replace(missing, "X"), method
        head = s.head(path(akte))
        assert head.status_code == s.head(missing).status_code == 404


@pytest.mark.parametrize("user", sorted(GLOBAL))
def test_a_hidden_akte_answers_exactly_like_a_missing_one(personalakte, request_factory, user):
    akte = personalakte["akte"]
    missing = path(akte).rsplit("/", 1)[0] + "/gibt-es-nicht"
    for api_ in (True, False):
        s = session(request_factory, user, api_)
        hidden, real = s.get(path(akte)), s.get(missing)
        assert hidden.status_code == real.status_code == 404
        assert hidden.headers.get("Content-Type") == real.headers.get("Content-Type")
        assert hidden.text.replace(path(akte), "X") == real.text.replace(missing, "X")


def test_linkintegrity_and_relations_do_not_reveal_a_hidden_akte(personalakte, request_factory):
    akte, dokument = personalakte["akte"], personalakte["dokument"]
    for user in ("chef", "registrator"):
        s = session(request_factory, user)
        for url in (f"@linkintegrity?uids={akte.UID()}", f"@linkintegrity?uids={dokument.UID()}",
                    f"@relations?source={akte.UID()}", f"@relations?target={dokument.UID()}"):
            response = s.get(url)
            assert response.status_code < 500, (url, response.status_code)
            assert_no_trace(response, SECRET, akte.getId(), akte.aktenzeichen)


def test_the_named_principal_still_works_in_the_confidential_akte(personalakte, request_factory):
    named = session(request_factory, "personal-sb")
    assert named.get(path(personalakte["akte"])).status_code == 200
    titles = [i["title"] for i in named.get("@search", params={"SearchableText": SECRET}).json()["items"]]
    assert sorted(titles) == sorted([f"Personalakte Erika {SECRET}", f"Arbeitsvertrag {SECRET}"])
    created = named.post(path(personalakte["akte"]), json={"@type": "Vorgang", "title": "Beurteilung 2026"})
    assert created.status_code == 201, created.text


def test_the_archive_sees_a_confidential_akte_only_once_it_is_offered(personalakte, request_factory):
    from eakte.security import archiv

    akte = personalakte["akte"]
    with api.env.adopt_roles(["Manager"]):
        archiv.ensure_group()
        api.group.add_user(groupname=archiv.GROUP, username="archivar")
    transaction.commit()
    archivist = session(request_factory, "archivar")
    assert archivist.get(path(akte)).status_code == 404
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        archiv.offer(akte)
    transaction.commit()
    assert archivist.get(path(akte)).status_code == 200
    assert titles(archivist.get("@search", params={"SearchableText": SECRET}))
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        archiv.withdraw(akte)
    transaction.commit()
    assert archivist.get(path(akte)).status_code == 404


# --- Notfallzugriff -------------------------------------------------------------------------

def test_a_manager_reaches_a_confidential_akte_only_through_an_emergency_access(personalakte, request_factory, smtp):
    from eakte import protokoll

    akte = personalakte["akte"]
    chef = session(request_factory, "chef")
    assert chef.get(path(akte)).status_code == 404
    refused = chef.post("@notfallzugriff", json={"aktenzeichen": akte.aktenzeichen, "grund": ""})
    assert refused.status_code == 400 and "Begründung" in refused.json()["message"]
    too_long = chef.post("@notfallzugriff", json={"aktenzeichen": akte.aktenzeichen, "stunden": 100,
                                                  "grund": "Datenbankreparatur nach Ausfall"})
    assert too_long.status_code == 400
    assert chef.get(path(akte)).status_code == 404

    granted = chef.post("@notfallzugriff", json={"aktenzeichen": akte.aktenzeichen, "stunden": 2,
                                                 "grund": "Datenbankreparatur nach Ausfall"})
    assert granted.status_code == 201, granted.text
    assert granted.json()["benachrichtigt"] == ["al11@stadt.example"]
    assert chef.get(path(akte)).status_code == 200
    assert chef.get(f"{path(personalakte['dokument'])}/@@download/file").status_code == 200
    assert chef.patch(path(akte), json={"title": "geändert"}).status_code in (401, 403)  # read only

    transaction.begin()
    entry = protokoll.entries(akte, action="notfallzugriff")[-1]
    assert entry["user"] == "chef" and entry["details"]["grund"] == "Datenbankreparatur nach Ausfall"
    assert [e for e in protokoll.entries(akte, action="gelesen") if e["user"] == "chef"]
    mail = smtp.wait()[-1]
    assert mail.rcpt_tos == ["al11@stadt.example"]
    assert akte.aktenzeichen in mail.content.decode("utf-8", "replace")


def test_an_emergency_access_ends_by_itself_and_leaves_no_search_result(personalakte, request_factory, smtp):
    from datetime import datetime
    from datetime import timedelta
    from datetime import timezone
    from eakte import protokoll
    from eakte.security import notfall
    from zope.annotation.interfaces import IAnnotations

    akte = personalakte["akte"]
    chef = session(request_factory, "chef")
    assert chef.post("@notfallzugriff", json={"aktenzeichen": akte.aktenzeichen,
                                              "grund": "Prüfung eines Speicherfehlers"}).status_code == 201
    assert titles(chef.get("@search", params={"SearchableText": SECRET}))
    transaction.begin()
    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat(timespec="seconds")
    IAnnotations(akte)[notfall.KEY]["chef"] = dict(IAnnotations(akte)[notfall.KEY]["chef"], bis=past)
    IAnnotations(personalakte["portal"])[notfall.SITE_KEY][akte.UID()] = past
    transaction.commit()
    assert chef.get(path(akte)).status_code == 404
    assert not titles(chef.get("@search", params={"SearchableText": SECRET}))
    transaction.begin()
    assert protokoll.entries(akte, action="notfallzugriff_beendet")[-1]["details"]["benutzer"] == "chef"


def test_an_emergency_access_does_not_wait_for_a_mail_server_that_is_down(personalakte, request_factory):
    from mailbox import Maildir

    portal = personalakte["portal"]
    portal.MailHost._stopQueueProcessorThread()
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", 9)  # nothing listens there
    transaction.commit()
    queue = Maildir(portal.MailHost.smtp_queue_directory)
    granted = session(request_factory, "chef").post("@notfallzugriff", json={
        "aktenzeichen": personalakte["akte"].aktenzeichen, "grund": "Wiederherstellung nach Speicherfehler"})
    assert granted.status_code == 201, granted.text
    # kept in the queue until the mail server answers again
    from email.header import decode_header, make_header

    subjects = [str(make_header(decode_header(message["Subject"]))) for message in queue]
    assert f"Notfallzugriff auf die Akte {personalakte['akte'].aktenzeichen}" in subjects
    portal.MailHost._stopQueueProcessorThread()


@pytest.mark.parametrize("user", ["siteadmin", "archivar", "registrator", "verwaltung", "personal-sb"])
def test_only_a_manager_may_ask_for_an_emergency_access(personalakte, request_factory, user):
    response = session(request_factory, user).post(
        "@notfallzugriff", json={"aktenzeichen": personalakte["akte"].aktenzeichen, "grund": "Ich will das sehen"})
    assert response.status_code in (401, 403)
    assert_no_trace(response, SECRET)


def test_the_emergency_access_form_speaks_german_and_grants_access(personalakte, request_factory, smtp):
    s = requests.Session()
    s.auth = ("chef", PASSWORD)
    url = personalakte["portal"].absolute_url()
    form = s.get(f"{url}/@@notfallzugriff")
    assert form.status_code == 200 and "Notfallzugriff" in form.text and "Begründung" in form.text
    response = s.post(f"{url}/@@notfallzugriff", data={
        "aktenzeichen": personalakte["akte"].aktenzeichen, "grund": "Wiederherstellung nach Fehler",
        "stunden": "1", "form.submitted": "1", "_authenticator": _token(form.text)})
    assert response.status_code == 200
    assert SECRET in response.text  # redirected into the Akte


def _token(html):
    import re

    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)
