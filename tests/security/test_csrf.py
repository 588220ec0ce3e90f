"""Cross-site requests: a REST change authenticated by the login cookie must be JSON and come from
the e-Akte's own pages. A hostile page can make the browser send the cookie (``fetch(url, {mode:
"no-cors", credentials: "include", method: "POST", headers: {"Accept": "application/json",
"Content-Type": "text/plain"}})``) but cannot send JSON or forge Origin / Sec-Fetch-Site."""

from eakte import security
from plone import api
from recordhelpers import path
from recordhelpers import pdf_file
from zope.component.hooks import setSite

import base64
import json
import pytest
import transaction


PASSWORD = "cookie-123"
EVIL = {"Origin": "https://boese.example", "Sec-Fetch-Site": "cross-site",
        "Sec-Fetch-Mode": "no-cors", "Referer": "https://boese.example/falle.html"}
NO_CORS = {"Accept": "application/json", "Content-Type": "text/plain;charset=UTF-8"}
MESSAGE = "Die Änderung wurde abgelehnt"


@pytest.fixture()
def akte(functional_portal):
    """An Akte of Amt 20 with a draft Dokument; sb20: Sachbearbeitung, al20: Amtsleitung."""
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for user, group in (("sb20", "amt-20-sachbearbeitung"), ("al20", "amt-20-amtsleitung")):
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
            if api.group.get(groupname=group) is None:
                api.group.create(groupname=group)
            api.group.add_user(groupname=group, username=user)
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Finanzen", kennzeichen="16")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Haushalt",
                                  kennzeichen="16.01")
        security.grant(unit, "amt-20-sachbearbeitung", ["Sachbearbeitung"], "amt:20")
        security.grant(unit, "amt-20-amtsleitung", ["Amtsleitung"], "amt:20")
        akte = api.content.create(container=unit, type="Akte", title="Haushalt 2026")
        vorgang = api.content.create(container=akte, type="Vorgang", title="Anmeldungen")
        api.content.create(container=vorgang, type="Dokument", title="Anmeldung Amt 62",
                           file=pdf_file("Anmeldung"))
    transaction.commit()
    return akte


def vorgang(akte):
    return akte["anmeldungen"]


def dokument(akte):
    return vorgang(akte)["anmeldung-amt-62"]


def own_origin(s):
    base = s.base_url if hasattr(s, "base_url") else api.portal.get().absolute_url()
    scheme, _, rest = base.partition("://")
    return f"{scheme}://{rest.split('/')[0]}"


def logged_in(request_factory, user="sb20"):
    """A browser session that logged in with POST /@login: it holds the __ac cookie, no header."""
    s = request_factory()
    s.headers.update({"Accept": "application/json", "Accept-Language": "de"})
    response = s.post("@login", json={"login": user, "password": PASSWORD},
                      headers={"Origin": own_origin(s), "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200, response.text
    assert s.cookies.get("__ac"), dict(s.cookies)
    assert "Authorization" not in s.headers
    return s


def titles(container):
    transaction.begin()
    return sorted(obj.title for obj in container.objectValues())


def assert_refused(response):
    assert response.status_code == 403, (response.status_code, response.text[:300])
    body = response.json()
    assert body["type"] == "CSRFError"
    assert MESSAGE in body["message"]


def test_a_cookie_login_reads_and_writes_json_from_the_same_origin(akte, request_factory):
    browser = logged_in(request_factory)
    assert browser.get(path(akte)).json()["title"] == "Haushalt 2026"
    same = {"Origin": own_origin(browser), "Sec-Fetch-Site": "same-origin"}
    created = browser.post(path(akte), json={"@type": "Vorgang", "title": "Per Cookie angelegt"},
                           headers=same)
    assert created.status_code == 201, created.text
    assert "Per Cookie angelegt" in titles(akte)


def test_the_classic_login_form_cookie_is_held_to_the_same_rule(akte, request_factory):
    browser = request_factory(api=False)
    form = browser.get("login").text
    assert "__ac_name" in form
    browser.post("login", data={"__ac_name": "sb20", "__ac_password": PASSWORD,
                                "buttons.login": "Anmelden", "came_from": "",
                                "_authenticator": _authenticator(form)})
    assert browser.cookies.get("__ac")
    browser.headers.update({"Accept": "application/json", "Accept-Language": "de"})
    assert browser.get(path(akte)).status_code == 200
    assert_refused(browser.post(path(akte), data=json.dumps({"@type": "Vorgang", "title": "Fremd"}),
                                headers={**NO_CORS, **EVIL}))
    assert "Fremd" not in titles(akte)


def _authenticator(html):
    marker = 'name="_authenticator" value="'
    return html.split(marker, 1)[1].split('"', 1)[0] if marker in html else ""


@pytest.mark.parametrize("target, body", [
    ("akte", {"@type": "Vorgang", "title": "Untergeschoben"}),
    ("vorgang", {"@type": "Dokument", "title": "Untergeschoben",
                 "file": {"data": base64.b64encode(b"%PDF-1.4 x").decode(), "encoding": "base64",
                          "filename": "x.pdf", "content-type": "application/pdf"}}),
])
def test_a_cross_site_text_plain_post_creates_nothing(akte, request_factory, target, body):
    container = akte if target == "akte" else vorgang(akte)
    before = titles(container)
    browser = logged_in(request_factory)
    response = browser.post(path(container), data=json.dumps(body), headers={**NO_CORS, **EVIL})
    assert_refused(response)
    assert titles(container) == before


@pytest.mark.parametrize("service", ["@checkout", "@workflow/abschliessen"])
def test_a_cross_site_post_to_a_service_changes_nothing(akte, request_factory, service):
    obj = dokument(akte) if service == "@checkout" else vorgang(akte)
    browser = logged_in(request_factory)
    response = browser.post(f"{path(obj)}/{service}", data=json.dumps({"comment": "x"}),
                            headers={**NO_CORS, **EVIL})
    assert_refused(response)
    transaction.begin()
    assert api.content.get_state(obj) in ("entwurf", "in_bearbeitung")
    assert browser.get(f"{path(dokument(akte))}/@checkout").json()["checked_out"] is None


def test_a_cross_site_beteiligung_is_not_granted(akte, request_factory):
    browser = logged_in(request_factory, "al20")
    response = browser.post(f"{path(akte)}/@beteiligungen",
                            data=json.dumps({"amt": "62", "stufe": "Lesen"}),
                            headers={**NO_CORS, **EVIL})
    assert_refused(response)
    transaction.begin()
    assert not any(principal.startswith("amt-62") for principal in security.grants(akte))


def test_patch_and_delete_from_another_origin_change_nothing(akte, request_factory):
    browser = logged_in(request_factory)
    doc = dokument(akte)
    assert_refused(browser.patch(path(doc), json={"title": "Fremd geändert"}, headers=EVIL))
    assert_refused(browser.delete(path(doc), headers=EVIL))
    transaction.begin()
    assert doc.title == "Anmeldung Amt 62" and doc.getId() in vorgang(akte)


@pytest.mark.parametrize("headers", [
    {"Content-Type": "text/plain"},  # same origin, not JSON
    {"Content-Type": "application/x-www-form-urlencoded"},
    {"Content-Type": "application/json", "Origin": "https://boese.example"},  # JSON, other origin
    {"Content-Type": "application/json", "Origin": "null"},
    {"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"},
    {"Content-Type": "application/json", "Sec-Fetch-Site": "same-site"},
    {"Content-Type": "application/json", "Referer": "https://boese.example/"},
    {"Content-Type": "application/json"},  # no origin at all
])
def test_every_cookie_write_needs_json_and_the_own_origin(akte, request_factory, headers):
    browser = logged_in(request_factory)
    if "Origin" not in headers and "Sec-Fetch-Site" not in headers and "Referer" not in headers \
            and headers["Content-Type"] != "application/json":
        headers = {**headers, "Origin": own_origin(browser)}
    response = browser.post(path(akte), data=json.dumps({"@type": "Vorgang", "title": "Abgelehnt"}),
                            headers={"Accept": "application/json", **headers})
    assert_refused(response)
    assert "Abgelehnt" not in titles(akte)


@pytest.mark.parametrize("headers", [
    {"Origin": "{own}"},
    {"Sec-Fetch-Site": "same-origin"},
    {"Referer": "{own}/plone/aktenplan"},
    {"Origin": "{own}", "Sec-Fetch-Site": "same-origin", "Referer": "{own}/plone"},
])
def test_the_own_pages_may_write_with_the_cookie(akte, request_factory, headers):
    browser = logged_in(request_factory)
    own = own_origin(browser)
    headers = {key: value.replace("{own}", own) for key, value in headers.items()}
    response = browser.post(path(akte), json={"@type": "Vorgang", "title": "Eigene Seite"},
                            headers=headers)
    assert response.status_code == 201, response.text


def test_basic_auth_and_token_clients_are_not_affected(akte, request_factory):
    basic = request_factory(basic_auth=("sb20", PASSWORD))
    basic.headers["Accept"] = "application/json"
    response = basic.post(path(akte), json={"@type": "Vorgang", "title": "Per Basic"}, headers=EVIL)
    assert response.status_code == 201, response.text
    token = request_factory().post("@login", json={"login": "sb20", "password": PASSWORD},
                                   headers={"Accept": "application/json"}).json()["token"]
    client = request_factory()
    client.headers.update({"Accept": "application/json", "Authorization": f"Bearer {token}"})
    response = client.post(path(akte), json={"@type": "Vorgang", "title": "Per Token"},
                           headers=EVIL)
    assert response.status_code == 201, response.text
    assert {"Per Basic", "Per Token"} <= set(titles(akte))
