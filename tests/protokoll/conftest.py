"""Fixtures for the Protokoll: a small Aktenplan with an Akte, a Vorgang and a Dokument."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from protokollhelpers import add_dokument

import pytest


@pytest.fixture()
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture()
def unit(manager):
    top = api.content.create(container=manager["aktenplan"], type="Aktenplaneinheit", title="Innere Verwaltung",
                             kennzeichen="01", aufbewahrungsfrist="10", aussonderungsart="B")
    return api.content.create(container=top, type="Aktenplaneinheit", title="Personal",
                              kennzeichen="01.02", aufbewahrungsfrist="10", aussonderungsart="B")


@pytest.fixture()
def other_unit(unit):
    return api.content.create(container=unit.aq_parent, type="Aktenplaneinheit", title="Organisation",
                              kennzeichen="01.03")


@pytest.fixture()
def akte(unit):
    return api.content.create(container=unit, type="Akte", title="Stellenbesetzung Sachgebiet 11.2")


@pytest.fixture()
def vorgang(akte):
    return api.content.create(container=akte, type="Vorgang", title="Ausschreibung")


@pytest.fixture()
def dokument(vorgang):
    return add_dokument(vorgang, "Bewerbung")
