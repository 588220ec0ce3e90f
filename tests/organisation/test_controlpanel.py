"""The Ämter control panel (Classic UI, German): list, onboard, rename, deactivate."""

from aemterhelpers import add_staff
from aemterhelpers import build_aktenplan
from aemterhelpers import PASSWORD
from eakte import organisation
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import pytest
import re
import transaction


PANEL = "@@eakte-aemter-controlpanel"


@pytest.fixture()
def site(functional_portal):
    setSite(functional_portal)
    build_aktenplan(functional_portal)
    organisation.lead_units("62", ["09.01"], portal=functional_portal)
    with api.env.adopt_roles(["Manager"]):
        admin = api.user.create(email="admin@stadt.example", username="verwaltung", password=PASSWORD)
        api.user.grant_roles(user=admin, roles=["Administration"])
    add_staff("mueller", "amt-62-sachbearbeitung")
    transaction.commit()
    return functional_portal


def browser_for(request_factory, username, password):
    session = request_factory(basic_auth=(username, password), api=False)
    session.headers["Accept"] = "text/html"
    session.headers["Accept-Language"] = "de"
    return session


@pytest.fixture()
def manager(request_factory):
    return browser_for(request_factory, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


@pytest.fixture()
def administration(request_factory):
    return browser_for(request_factory, "verwaltung", PASSWORD)


def authenticator(html: str) -> str:
    return re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("who", ["manager", "administration"])
def test_the_control_panel_lists_the_aemter_in_german(site, request, who):
    browser = request.getfixturevalue(who)
    response = browser.get(PANEL)
    assert response.status_code == 200
    html = response.text
    for heading in ("Nummer", "Name", "Kurzname", "aktiv", "Gruppen", "Postfach", "geführte Aktenplaneinheiten"):
        assert f">{heading}</th>" in html
    assert "Vermessungs- und Katasteramt" in html and "VKA" in html
    assert "amt-62-sachbearbeitung" in html
    assert "/posteingang/amt-62" in html
    assert "09.01 Liegenschaftskataster" in html
    assert "Neues Amt einrichten" in html


def test_a_sachbearbeiter_may_not_open_the_control_panel(site, request_factory):
    browser = browser_for(request_factory, "mueller", PASSWORD)
    response = browser.get(PANEL, allow_redirects=False)
    # Plone answers Unauthorized in the Classic UI with a redirect to its login/insufficient-privileges page
    assert response.status_code in (302, 401, 403)
    assert "require_login" in response.headers.get("Location", "require_login")
    assert "Neues Amt einrichten" not in response.text


def test_the_control_panel_is_registered_in_site_setup(site):
    configlets = api.portal.get_tool("portal_controlpanel").listActions()
    panel = [c for c in configlets if c.getId() == "eakte-aemter"]
    assert panel and panel[0].permissions == ("eakte: Manage Aemter",)


def test_the_administration_onboards_an_amt_through_the_form(site, administration):
    form = administration.get(PANEL).text
    response = administration.post(PANEL, data={
        "nummer": "32", "name": "Ordnungsamt", "kurzname": "OA", "kennzeichen": "16.01, 16",
        "form.onboard": "1", "_authenticator": authenticator(form),
    })
    assert response.status_code == 200
    assert "Das Amt 32 Ordnungsamt wurde angelegt" in response.text
    transaction.begin()
    assert organisation.get_amt("32", site).name == "Ordnungsamt"
    assert [u.kennzeichen for u in organisation.led_units("32")] == ["16", "16.01"]
    assert "amt-32" in site["posteingang"].objectIds()


def test_a_refused_onboarding_shows_the_german_message_and_changes_nothing(site, manager):
    form = manager.get(PANEL).text
    response = manager.post(PANEL, data={
        "nummer": "32", "name": "Ordnungsamt", "kurzname": "OA", "kennzeichen": "55.55",
        "form.onboard": "1", "_authenticator": authenticator(form),
    })
    assert "Eine Aktenplaneinheit mit dem Kennzeichen 55.55 gibt es nicht." in response.text
    assert 'value="Ordnungsamt"' in response.text  # what was typed is kept
    transaction.begin()
    assert organisation.get_amt("32", site) is None
    assert api.group.get(groupname="amt-32") is None


def test_renaming_and_deactivating_through_the_form(site, manager):
    form = manager.get(PANEL).text
    renamed = manager.post(PANEL, data={"nummer": "62", "name": "Geoinformationsamt", "kurzname": "GIA",
                                        "form.rename": "1", "_authenticator": authenticator(form)})
    assert "Das Amt heißt jetzt 62 Geoinformationsamt (GIA)." in renamed.text
    deactivated = manager.post(PANEL, data={"nummer": "62", "form.deactivate": "1",
                                            "_authenticator": authenticator(form)})
    assert "Das Amt 62 Geoinformationsamt ist deaktiviert." in deactivated.text
    assert "nein (deaktiviert)" in deactivated.text
    transaction.begin()
    amt = organisation.get_amt("62", site)
    assert (amt.name, amt.kurzname, amt.aktiv) == ("Geoinformationsamt", "GIA", False)


def test_a_form_post_without_authenticator_is_refused(site, manager):
    response = manager.post(PANEL, data={"nummer": "62", "form.deactivate": "1"})
    assert response.status_code in (400, 403)
    transaction.begin()
    assert organisation.get_amt("62", site).aktiv is True
