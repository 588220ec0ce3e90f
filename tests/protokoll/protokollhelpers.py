"""Helpers for the Protokoll tests (importable: conftest modules are not)."""

from plone import api
from plone.namedfile.file import NamedBlobFile


def pdf_file(text="Testschreiben", filename="schreiben.pdf"):
    data = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + text.encode()
    return NamedBlobFile(data=data, filename=filename, contentType="application/pdf")


def add_dokument(container, title="Schreiben", **kwargs):
    return api.content.create(container=container, type="Dokument", title=title,
                              file=kwargs.pop("file", None) or pdf_file(title), **kwargs)


def actions(obj, **filters):
    from eakte import protokoll

    return [entry["action"] for entry in protokoll.entries(obj, **filters)]


def last(obj, action=None):
    from eakte import protokoll

    return protokoll.entries(obj, action=action)[-1]
