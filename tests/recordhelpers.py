"""Helpers for tests that build records (importable from every test folder; conftest modules are not)."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.i18n import translate


def pdf_file(text="Testschreiben", filename="schreiben.pdf"):
    data = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        + text.encode()
    )
    return NamedBlobFile(data=data, filename=filename, contentType="application/pdf")


def add_dokument(container, title="Schreiben", **kwargs):
    return api.content.create(container=container, type="Dokument", title=title,
                              file=kwargs.pop("file", None) or pdf_file(title), **kwargs)


def german(error) -> str:
    """The German text of a domain error caught by pytest.raises."""
    return translate(error.value.message, target_language="de")


def path(obj):
    """The path of obj below the site, for requests relative to the site."""
    return "/".join(obj.getPhysicalPath()[2:])
