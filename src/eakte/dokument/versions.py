"""Versions and integrity of a Dokument.

Every new file is a new version in CMFEditions (portal_repository), and every version carries
the SHA-256 of its file, computed on the server. ``verify`` recomputes them all.
"""

from eakte import _
from eakte.dokument.checkout import ensure_may_change
from eakte.dokument.events import NewVersionEvent
from eakte.exceptions import FieldInvalid
from eakte.exceptions import InvalidInput
from eakte.exceptions import ReadOnly
from eakte.lifecycle import is_read_only
from eakte.lifecycle import state_title
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import hashlib


CHUNK = 1024 * 1024


def sha256_of(namedfile) -> str | None:
    if namedfile is None:
        return None
    digest = hashlib.sha256()
    with namedfile.open() as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _save_version(dokument, comment: str) -> None:
    repository = api.portal.get_tool("portal_repository")
    repository.save(obj=dokument, comment=comment)


def file_changed(dokument) -> bool:
    """Whether the Dokument's file is not the one hashed and versioned last."""
    return dokument.file is not getattr(dokument, "_eakte_versioned_file", None)


def record_version(dokument, comment: str) -> None:
    """Hash the current file and save it as a new version (if it is a new file)."""
    if not file_changed(dokument):
        return
    dokument.sha256 = sha256_of(dokument.file)
    dokument._eakte_versioned_file = dokument.file
    _save_version(dokument, comment)
    notify(NewVersionEvent(dokument, comment, dokument.sha256))


def set_file(dokument, namedfile, comment: str = "") -> None:
    """Domain service: a new file for a draft Dokument; becomes a new version."""
    if is_read_only(dokument):
        raise ReadOnly(
            _("error_new_version_read_only", default="${az} ist ${state}: es kann keine neue Fassung geben.",
              mapping={"az": dokument.aktenzeichen, "state": state_title(dokument)})
        )
    ensure_may_change(dokument)
    from eakte.dokument.content import IDokument

    try:
        IDokument["file"].validate(namedfile)
    except FieldInvalid as error:
        raise InvalidInput(error.message) from error
    dokument.file = namedfile
    record_version(dokument, comment or "Neue Datei")
    notify(ObjectModifiedEvent(dokument))


def versions(dokument) -> list[dict]:
    """All versions, oldest first: number, date, who, comment, SHA-256 and size."""
    repository = api.portal.get_tool("portal_repository")
    history = repository.getHistoryMetadata(dokument)
    if not history:
        return []
    result = []
    for index in range(history.getLength(countPurged=False)):
        sys_meta = history.retrieve(index, countPurged=False)["metadata"]["sys_metadata"]
        version_id = history.getVersionId(index, countPurged=False)
        obj = repository.retrieve(dokument, version_id).object
        result.append(
            {
                "version": version_id,
                "timestamp": sys_meta["timestamp"],
                "principal": sys_meta["principal"],
                "comment": sys_meta["comment"],
                "sha256": obj.sha256,
                "filename": obj.file.filename if obj.file else None,
                "size": obj.file.getSize() if obj.file else 0,
            }
        )
    return result


def version_ids(dokument) -> list[int]:
    """The numbers of the Dokument's versions, oldest first."""
    history = api.portal.get_tool("portal_repository").getHistoryMetadata(dokument)
    if not history:
        return []
    length = history.getLength(countPurged=False)
    return [history.getVersionId(index, countPurged=False) for index in range(length)]


def version_file(dokument, version_id: int):
    """The file of version version_id, or None if the Dokument has no such version."""
    if version_id not in version_ids(dokument):
        return None
    repository = api.portal.get_tool("portal_repository")
    return repository.retrieve(dokument, version_id).object.file


def verify(dokument) -> dict:
    """Recompute the checksum of the current file and of every version."""
    repository = api.portal.get_tool("portal_repository")
    mismatches = []
    current = sha256_of(dokument.file)
    if current != dokument.sha256:
        mismatches.append({"version": "current", "expected": dokument.sha256, "actual": current})
    checked = 1
    history = repository.getHistoryMetadata(dokument)
    for index in range(history.getLength(countPurged=False) if history else 0):
        version_id = history.getVersionId(index, countPurged=False)
        obj = repository.retrieve(dokument, version_id).object
        actual = sha256_of(obj.file)
        checked += 1
        if actual != obj.sha256:
            mismatches.append({"version": version_id, "expected": obj.sha256, "actual": actual})
    return {
        "aktenzeichen": dokument.aktenzeichen,
        "path": "/".join(dokument.getPhysicalPath()),
        "checked": checked,
        "ok": not mismatches,
        "mismatches": mismatches,
    }


def verify_all(container) -> list[dict]:
    """Every Dokument below container, whoever may see it (the command ``make verify``)."""
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(container.getPhysicalPath())
    return [
        verify(brain._unrestrictedGetObject())
        for brain in catalog.unrestrictedSearchResults(portal_type="Dokument", path=path)
    ]


def verify_visible(container) -> list[dict]:
    """Every Dokument below container that the current user may see (REST ``@verify``): a report
    names Aktenzeichen and paths, so it never covers what is hidden from the caller."""
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(container.getPhysicalPath())
    brains = catalog.searchResults(portal_type="Dokument", path=path)
    return [verify(brain.getObject()) for brain in brains]
