"""The Posteingang placeholder: the central inbox with one Postfach per Amt (Classic UI, German)."""

from aemterhelpers import add_staff
from aemterhelpers import PASSWORD
from eakte import organisation
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import pytest
import transaction


@pytest.fixture()
def site(functional_portal):
    setSite(functional_portal)
    add_staff("post", "amt-62-poststelle")
    organisation.deactivate_amt("20", portal=functional_portal)
    transaction.commit()
    return functional_portal


def browser_for(request_factory, username, password):
    session = request_factory(basic_auth=(username, password), api=False)
    session.headers["Accept"] = "text/html"
    session.headers["Accept-Language"] = "de"
    return session


def test_the_posteingang_lists_the_postfaecher_with_their_amt(site, request_factory):
    html = browser_for(request_factory, SITE_OWNER_NAME, SITE_OWNER_PASSWORD).get("posteingang").text
    assert "Posteingang" in html
    assert "62 Vermessungs- und Katasteramt" in html and "VKA" in html
    assert "11 Personal- und Organisationsamt" in html
    assert "inaktiv" in html  # Amt 20 is deactivated


def test_a_postfach_shows_its_amt_and_that_it_has_no_eingaenge_yet(site, request_factory):
    html = browser_for(request_factory, "post", PASSWORD).get("posteingang/amt-62").text
    assert "62 Vermessungs- und Katasteramt" in html
    assert "Noch keine Eingänge" in html


def test_the_poststelle_of_one_amt_may_not_open_another_amts_postfach(site, request_factory):
    response = browser_for(request_factory, "post", PASSWORD).get("posteingang/amt-11", allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    assert "Noch keine Eingänge" not in response.text


def test_nobody_deletes_a_postfach(site, request_factory):
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        assert not api.user.has_permission("Delete objects", obj=site["posteingang"]["amt-62"])
