"""A Dokument's file: checksum and version on every new file; only the checkout holder changes it."""

from eakte.dokument.checkout import ensure_may_change
from eakte.dokument.versions import record_version


def dokument_added(obj, event):
    if event.object is obj:
        record_version(obj, "Erstfassung")


def dokument_modified(obj, event):
    ensure_may_change(obj)
    record_version(obj, "Neue Datei")
