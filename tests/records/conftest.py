"""Fixtures for the records core: a small Aktenplan with an Akte, a Vorgang and Dokumente."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile

from zope.i18n import translate

import pytest
import transaction


def pdf_file(text="Testschreiben", filename="schreiben.pdf"):
    data = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        + text.encode()
    )
    return NamedBlobFile(data=data, filename=filename, contentType="application/pdf")


def german(error) -> str:
    """The German text of a domain error caught by pytest.raises."""
    return translate(error.value.message, target_language="de")


@pytest.fixture(autouse=True)
def undoom():
    """A refused action dooms the transaction (nothing is committed): start the next test clean."""
    yield
    transaction.abort()


@pytest.fixture()
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture()
def aktenplan(manager):
    return manager["aktenplan"]


@pytest.fixture()
def unit(aktenplan):
    top = api.content.create(container=aktenplan, type="Aktenplaneinheit", title="Innere Verwaltung",
                             kennzeichen="01", aufbewahrungsfrist="10", aussonderungsart="B")
    return api.content.create(container=top, type="Aktenplaneinheit", title="Personal",
                              kennzeichen="01.02", aufbewahrungsfrist="10", aussonderungsart="B")


@pytest.fixture()
def akte(unit):
    return api.content.create(container=unit, type="Akte", title="Stellenbesetzung Sachgebiet 11.2")


@pytest.fixture()
def vorgang(akte):
    return api.content.create(container=akte, type="Vorgang", title="Ausschreibung")


def add_dokument(container, title="Schreiben", **kwargs):
    return api.content.create(container=container, type="Dokument", title=title,
                              file=kwargs.pop("file", None) or pdf_file(title), **kwargs)


@pytest.fixture()
def dokument(vorgang):
    return add_dokument(vorgang, "Bewerbung")
