"""The Classic UI in German: listings, lifecycle buttons that explain themselves, search."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from recordhelpers import path
import pytest
import re
import transaction


@pytest.fixture()
def browser(request_factory):
    session = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), api=False)
    session.headers["Accept"] = "text/html"
    return session


def authenticator(html: str) -> str:
    return re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html).group(1)


def test_the_akte_view_lists_its_vorgaenge_and_dokumente_with_aktenzeichen_and_state(records, browser):
    html = browser.get(path(records["akte"])).text
    assert "16.01-0001" in html and "Haushalt 2026" in html
    assert "16.01-0001.1" in html and "Anmeldungen" in html
    assert "in Bearbeitung" in html
    vorgang_html = browser.get(path(records["vorgang"])).text
    assert "16.01-0001.1-1" in vorgang_html and "Entwurf" in vorgang_html


def test_the_listing_shows_who_holds_a_checkout(records, browser):
    from eakte.dokument import checkout

    with api.env.adopt_user(username=SITE_OWNER_NAME):
        checkout.checkout(records["dokument"])
    transaction.commit()
    html = browser.get(path(records["vorgang"])).text
    assert "Ausgecheckt von" in html and SITE_OWNER_NAME in html


def test_the_close_button_explains_why_it_is_disabled(records, browser):
    html = browser.get(path(records["akte"])).text
    assert re.search(r'<button[^>]*disabled[^>]*id="transition-abschliessen"|<button[^>]*id="transition-abschliessen"[^>]*disabled', html)
    assert "Der Vorgang 16.01-0001.1 »Anmeldungen« ist noch nicht abgeschlossen." in html


def test_reopening_in_the_ui_needs_a_reason_and_changes_nothing_without_one(records, browser):
    from eakte import lifecycle

    with api.env.adopt_roles(["Manager"]):
        lifecycle.transition(records["dokument"], "finalisieren")
        lifecycle.transition(records["vorgang"], "abschliessen")
    transaction.commit()
    form = browser.get(f"{path(records['vorgang'])}/@@eakte-transition?transition=wiedereroeffnen").text
    assert "Begründung" in form and "(Pflicht)" in form
    refused = browser.post(f"{path(records['vorgang'])}/@@eakte-transition",
                           data={"transition": "wiedereroeffnen", "comment": "", "form.submitted": "1",
                                 "_authenticator": authenticator(form)})
    assert "Für das Wiedereröffnen ist eine Begründung erforderlich." in refused.text
    assert api.content.get_state(records["vorgang"]) == "abgeschlossen"
    done = browser.post(f"{path(records['vorgang'])}/@@eakte-transition",
                        data={"transition": "wiedereroeffnen", "comment": "Nachtrag", "form.submitted": "1",
                              "_authenticator": authenticator(form)})
    assert done.status_code == 200
    transaction.begin()
    assert api.content.get_state(records["vorgang"]) == "in_bearbeitung"


def test_the_aktenplan_is_a_tree_with_the_number_of_akten(records, browser):
    html = browser.get("aktenplan").text
    assert "Haushalt" in html and "16.01" in html
    assert "1 Akten" in html


def test_the_aktenzeichen_search_opens_the_record(records, browser):
    response = browser.get("@@aktenzeichen-suche", params={"q": "16.01-0001.1"})
    assert response.url.endswith("/anmeldungen")
    listing = browser.get("@@aktenzeichen-suche", params={"q": "16.01", "list": "1"}).text
    assert "16.01-0001.1-1" in listing


def test_the_add_form_of_an_akte_is_german(records, browser):
    html = browser.get(f"{path(records['unit'])}/++add++Akte").text
    for label in ("Aktenart", "Vertraulichkeitsstufe", "Medium", "Federführendes Amt", "Laufzeit von"):
        assert label in html
    assert "Aktenzeichen" not in re.sub(r"<script.*?</script>", "", html, flags=re.S).split("<form")[1]


def test_a_refused_action_in_the_ui_shows_a_german_page_not_a_traceback(records, request_factory):
    from eakte.dokument import checkout

    with api.env.adopt_user(username=SITE_OWNER_NAME):
        checkout.checkout(records["dokument"])
    transaction.commit()
    from plone.app.testing import TEST_USER_NAME
    from plone.app.testing import TEST_USER_PASSWORD

    other = request_factory(basic_auth=(TEST_USER_NAME, TEST_USER_PASSWORD), api=False)
    other.headers["Accept"] = "text/html"
    form = other.get(f"{path(records['dokument'])}/edit").text
    response = other.post(f"{path(records['dokument'])}/edit",
                          data={"form.widgets.IBasic.title": "Anders", "form.widgets.file.action": "nochange",
                                "form.buttons.save": "Speichern",
                                "_authenticator": authenticator(form)})
    assert response.status_code == 409
    assert "nur diese Person kann es ändern" in response.text
    assert "Traceback" not in response.text
