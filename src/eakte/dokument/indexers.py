"""Catalog data of a Dokument: who holds a checkout."""

from eakte.dokument.checkout import checked_out_by
from eakte.dokument.content import IDokument
from plone.indexer import indexer


@indexer(IDokument)
def checked_out_by_indexer(obj):
    return checked_out_by(obj) or ""
