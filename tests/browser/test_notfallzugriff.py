"""The technical superuser in real Chromium: a confidential Akte is a missing page, until the
Notfallzugriff from the user menu, with a reason, opens it read-only."""

from eakte import security
from plone import api
from zope.component.hooks import setSite

import os
import pytest
import transaction


SCREENSHOTS = os.environ.get("EAKTE_SCREENSHOTS")
PASSWORD = "geheim-123"


@pytest.fixture()
def personalakte(functional_portal, smtp):
    setSite(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="chef@stadt.example", username="chef", password=PASSWORD)
        api.user.grant_roles(username="chef", roles=["Manager"])
        api.user.create(email="personal@stadt.example", username="personal-sb", password=PASSWORD)
        top = api.content.create(container=functional_portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Innere Verwaltung", kennzeichen="01")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Personalakten", kennzeichen="01.02")
        security.grant(unit, "personal-sb", ["Sachbearbeitung"], "person")
        akte = api.content.create(container=unit, type="Akte", title="Personalakte Erika Mustermann",
                                  vertraulichkeitsstufe="005", aktenart="Fallakte", berechtigte=["personal-sb"])
    transaction.commit()
    return akte


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_a_manager_opens_a_confidential_akte_only_through_the_notfallzugriff(page, personalakte):
    portal_url = api.portal.get().absolute_url().replace("127.0.0.1", "localhost")
    akte_url = personalakte.absolute_url().replace("127.0.0.1", "localhost")
    page.goto(f"{portal_url}/login")
    page.fill("#__ac_name", "chef")
    page.fill("#__ac_password", PASSWORD)
    page.click("button[name='buttons.login'], #buttons-login")
    page.wait_for_load_state()

    response = page.goto(akte_url)
    assert response.status == 404
    assert "Mustermann" not in page.content()
    shot(page, "notfall-1-404")

    page.goto(portal_url)
    page.click("#personaltools-menulink")
    page.click("text=Notfallzugriff")
    page.wait_for_load_state()
    assert "Notfallzugriff auf eine vertrauliche Akte" in page.content()
    page.fill("#aktenzeichen", personalakte.aktenzeichen)
    page.eval_on_selector("#grund", "field => field.removeAttribute('required')")  # the server checks too
    page.click("button[name='form.submitted']")
    page.wait_for_load_state()
    assert "Begründung erforderlich" in page.content()
    shot(page, "notfall-2-ohne-grund")

    page.fill("#aktenzeichen", personalakte.aktenzeichen)
    page.fill("#grund", "Wiederherstellung nach Speicherfehler (Störung 4711)")
    page.fill("#stunden", "1")
    page.click("button[name='form.submitted']")
    page.wait_for_load_state()
    assert page.url.rstrip("/") == akte_url
    assert "Personalakte Erika Mustermann" in page.content()
    assert "Notfallzugriff bis" in page.content()
    shot(page, "notfall-3-gewaehrt")
