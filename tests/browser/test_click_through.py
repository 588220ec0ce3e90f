"""A newcomer clicks through Aktenplan -> Akte -> Vorgang -> Dokument in the German UI."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import os
import pytest
import transaction


SCREENSHOTS = os.environ.get("EAKTE_SCREENSHOTS")


@pytest.fixture()
def site(functional_portal):
    setSite(functional_portal)
    with api.env.adopt_roles(["Manager"]):
        top = api.content.create(container=functional_portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Testbereich", kennzeichen="77", aufbewahrungsfrist="10")
        api.content.create(container=top, type="Aktenplaneinheit", title="Testhaushalt",
                           kennzeichen="77.01", aufbewahrungsfrist="10", aussonderungsart="A")
    transaction.commit()
    return functional_portal


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def login(page, portal_url):
    page.goto(f"{portal_url}/login")
    page.fill("#__ac_name", SITE_OWNER_NAME)
    page.fill("#__ac_password", SITE_OWNER_PASSWORD)
    page.click("button[name='buttons.login'], #buttons-login")
    page.wait_for_load_state()


def here(page):
    """The URL of the object the page shows (without a trailing /view)."""
    url = page.url.split("?")[0].rstrip("/")
    return url[: -len("/view")] if url.endswith("/view") else url


def save(page):
    page.click("#form-buttons-save")
    page.wait_for_load_state()


def test_a_newcomer_files_a_dokument_through_aktenplan_akte_and_vorgang(site, page, tmp_path):
    portal_url = site.absolute_url()
    login(page, portal_url)

    page.goto(f"{portal_url}/aktenplan")
    assert page.locator(".eakte-aktenplan-tree").first.is_visible()
    shot(page, "1-aktenplan")
    page.click("text=Testhaushalt")
    page.click("text=Neue Akte anlegen")
    shot(page, "1b-add-akte")
    page.fill("#form-widgets-IBasic-title", "Haushaltssatzung 2027")
    save(page)
    assert page.locator(".eakte-aktenzeichen").inner_text() == "77.01-0001"
    shot(page, "2-akte")

    page.goto(f"{here(page)}/++add++Vorgang")
    shot(page, "2b-add-vorgang")
    page.fill("#form-widgets-IBasic-title", "Anhörung der Ämter")
    save(page)
    assert page.locator(".eakte-aktenzeichen").inner_text() == "77.01-0001.1"

    pdf = tmp_path / "anmeldung.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% Anmeldung des Vermessungsamts\n%%EOF\n")
    page.goto(f"{here(page)}/++add++Dokument")
    page.fill("#form-widgets-IBasic-title", "Anmeldung Amt 62")
    page.set_input_files("input[type=file][name='form.widgets.file']", str(pdf))
    save(page)
    assert page.locator(".eakte-aktenzeichen").inner_text() == "77.01-0001.1-1"
    assert "Erstfassung" in page.locator(".eakte-versions").inner_text()
    shot(page, "3-dokument")

    # Back up to the Akte: the close button explains why it is not yet possible.
    page.click("nav[aria-label] >> text=Haushaltssatzung 2027")
    reasons = page.locator(".eakte-reasons").inner_text()
    assert "Anhörung der Ämter" in reasons and "noch nicht abgeschlossen" in reasons
    assert page.locator("#transition-abschliessen").is_disabled()
    shot(page, "4-akte-mit-gruenden")
