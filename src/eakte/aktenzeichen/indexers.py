"""Catalog indexers: the Aktenzeichen is searchable exactly, by prefix and in full text."""

from eakte.interfaces import IRecord
from plone.indexer import indexer
from Products.CMFPlone.utils import safe_text


@indexer(IRecord)
def aktenzeichen(obj):
    return getattr(obj, "aktenzeichen", None) or None


@indexer(IRecord)
def fruehere_aktenzeichen(obj):
    return list(getattr(obj, "fruehere_aktenzeichen", None) or [])


@indexer(IRecord)
def searchable_text(obj):
    parts = [
        obj.Title(),
        obj.Description(),
        getattr(obj, "aktenzeichen", None) or "",
        *(getattr(obj, "fruehere_aktenzeichen", None) or []),
        getattr(obj, "fremdes_geschaeftszeichen", None) or "",
        getattr(obj, "absender", None) or "",
    ]
    return " ".join(safe_text(part) for part in parts if part)
