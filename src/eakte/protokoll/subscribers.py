"""The Protokoll follows every change, whatever the channel (forms, REST, Python).

Order matters and is fixed by configure.zcml: eakte/configure.zcml includes the aktenzeichen
and lifecycle packages before this one, so that for the same (object, event) registration our
handlers run after theirs and see the new Aktenzeichen (creation, move) and the dates a
transition sets (z.d.A.).

Creation and moves are handled once, from the object the event is about: Zope dispatches
these events to the contents first, before the container's own handlers have numbered them.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from eakte import protokoll
from eakte.aktenplan.content import IAktenplan
from eakte.aktenplan.content import IAktenplaneinheit
from eakte.interfaces import IClosable
from eakte.interfaces import IRecord
from eakte.protokoll import snapshot
from eakte.protokoll.store import get_journal
from plone.base.interfaces import IPloneSiteRoot
from plone.uuid.interfaces import IUUID
from zope.container.interfaces import IContainerModifiedEvent
from zope.lifecycleevent.interfaces import IObjectAddedEvent
from zope.lifecycleevent.interfaces import IObjectRemovedEvent

import transaction


TRACKED = (IRecord, IAktenplaneinheit, IAktenplan)

# Key of the set of uids created in the current transaction (transaction.set_data).
_CREATED_NOW = object()


def _created_now() -> set:
    """The uids of the objects created in this transaction: renaming them (plone.api and
    the forms create under a temporary id, then rename) is part of their creation."""
    txn = transaction.get()
    try:
        return txn.data(_CREATED_NOW)
    except KeyError:
        created = set()
        txn.set_data(_CREATED_NOW, created)
        return created


def tracked(obj) -> bool:
    return any(iface.providedBy(obj) for iface in TRACKED)


def _site(obj):
    """The site obj is in (by acquisition), or None for an object not (yet) in a site."""
    for item in getattr(obj, "aq_chain", ()):
        if IPloneSiteRoot.providedBy(item):
            return item
    return None


def _path(obj) -> str:
    return "/".join(obj.getPhysicalPath())


def _journal(obj):
    site = _site(obj)
    uid = IUUID(obj, None)
    if site is None or not uid:
        return None
    return get_journal(site, uid)


def _set_snapshot(obj, values: dict) -> None:
    journal = _journal(obj)
    if journal is not None and journal.snapshot != values:
        journal.snapshot = values


def _update_snapshot(obj, **changed) -> None:
    journal = _journal(obj)
    if journal is None:
        return
    values = dict(journal.snapshot or {})
    values.update(changed)
    if journal.snapshot != values:
        journal.snapshot = values


def _tree(obj):
    """obj and every tracked object inside it."""
    yield obj
    contents = obj.objectValues() if hasattr(aq_base(obj), "objectValues") else ()
    for child in contents:
        if tracked(child):
            yield from _tree(child)


# Creation, move, removal ---------------------------------------------------------------------


def moved(obj, event):
    """IObjectMovedEvent: "erstellt" (added), "verschoben" (moved or renamed), "geloescht"."""
    if IObjectRemovedEvent.providedBy(event):
        removed(obj, event)
        return
    if _site(obj) is None:
        return
    if event.object is not obj:
        # Logged from the topmost tracked object, once the whole tree is numbered.
        if tracked(event.object) or tracked(aq_parent(aq_inner(obj))):
            return
    if IObjectAddedEvent.providedBy(event):
        for item in _tree(obj):
            created(item)
    elif event.oldParent is not None and event.newParent is not None:
        if event.oldParent is event.newParent and IUUID(obj, None) in _created_now():
            protokoll.journal_for(obj, create=True)  # only keep its whereabouts up to date
            return
        relocated(obj, event)


def created(obj) -> None:
    protokoll.log(obj, protokoll.ERSTELLT, {
        "portal_type": obj.portal_type,
        "aktenzeichen": getattr(obj, "aktenzeichen", None),
        "title": obj.Title(),
    })
    _created_now().add(IUUID(obj, None))
    _set_snapshot(obj, snapshot.values(obj))
    _final_snapshot_at_commit(obj)


# Key of {uid: object} created in the current transaction whose snapshot is taken again
# just before commit (transaction.set_data).
_FINAL_SNAPSHOTS = object()


def _final_snapshot_at_commit(obj) -> None:
    """The snapshot of a new object is its state once the creating transaction is complete:
    add subscribers that run after ours (and services that fill in fields after the add)
    are part of the creation, not a change the next editor made."""
    txn = transaction.get()
    try:
        pending = txn.data(_FINAL_SNAPSHOTS)
    except KeyError:
        pending = {}
        txn.set_data(_FINAL_SNAPSHOTS, pending)
        txn.addBeforeCommitHook(take_final_snapshots, (pending,))
    pending[IUUID(obj, None)] = obj


def take_final_snapshots(pending: dict) -> None:
    """Before commit: the snapshot of every object created in this transaction (changes logged
    in between have updated it already; this adds what was set without an event)."""
    for obj in pending.values():
        journal = _journal(obj)
        if journal is None:
            continue
        current = snapshot.values(obj)
        if snapshot.pending_new_version(obj):
            for name in ("file", "sha256"):
                if journal.snapshot and name in journal.snapshot:
                    current[name] = journal.snapshot[name]
        if journal.snapshot != current:
            journal.snapshot = current


def relocated(top, event) -> None:
    """ "verschoben" for top and every tracked object inside it (their paths changed and, for
    records, their Aktenzeichen)."""
    old_base = f"{_path(event.oldParent)}/{event.oldName}"
    new_base = _path(event.object)
    for obj in _tree(top):
        journal = _journal(obj)
        before = (journal.snapshot or {}) if journal is not None else {}
        old_aktenzeichen = before.get("aktenzeichen", journal.aktenzeichen if journal is not None else None)
        new_path = _path(obj)
        details = {
            "pfad": {"alt": old_base + new_path[len(new_base):], "neu": new_path},
            "aktenzeichen": {"alt": old_aktenzeichen, "neu": getattr(obj, "aktenzeichen", None)},
        }
        if obj is not event.object:
            details["mit"] = new_base
        protokoll.log(obj, protokoll.VERSCHOBEN, details)
        if IRecord.providedBy(obj):
            _update_snapshot(
                obj,
                aktenzeichen=snapshot.jsonable(getattr(obj, "aktenzeichen", None)),
                fruehere_aktenzeichen=snapshot.jsonable(getattr(obj, "fruehere_aktenzeichen", None)),
            )


def removed(obj, event) -> None:
    if IPloneSiteRoot.providedBy(event.object) or _site(obj) is None:
        return  # the whole site goes: nothing to keep a Protokoll in
    protokoll.log(obj, protokoll.GELOESCHT, {
        "portal_type": obj.portal_type,
        "aktenzeichen": getattr(obj, "aktenzeichen", None),
        "title": obj.Title(),
        "pfad": _path(obj),
    })


# Metadata ------------------------------------------------------------------------------------


def modified(obj, event):
    """IObjectModifiedEvent: diff the schema fields against the last snapshot ("geaendert")."""
    if IContainerModifiedEvent.providedBy(event) or _site(obj) is None or not IUUID(obj, None):
        return
    journal = _journal(obj)
    old = journal.snapshot if journal is not None else None
    current = snapshot.values(obj)
    # A new file of a Dokument is recorded as "neue_version" (with its SHA-256) right after.
    skip = ("file", "sha256") if snapshot.pending_new_version(obj) else ()
    changes = snapshot.diff(old, current, skip)
    if changes:
        protokoll.log(obj, protokoll.GEAENDERT, changes)
    for name in skip:
        if old is not None and name in old:
            current[name] = old[name]
        else:
            current.pop(name, None)
    if changes or journal is not None:
        _set_snapshot(obj, current)


# Workflow ------------------------------------------------------------------------------------


def _transitioned(obj, event):
    if event.transition is None or _site(obj) is None:
        return  # the initial state on creation
    details = {
        "transition": event.transition.id,
        "von": event.old_state.id if event.old_state is not None else None,
        "nach": event.new_state.id if event.new_state is not None else None,
        "kommentar": (event.kwargs or {}).get("comment", "") or "",
    }
    journal = _journal(obj)
    current = snapshot.values(obj)
    if journal is not None and journal.snapshot is not None:
        # what the transition itself set (z.d.A. date, Laufzeit end, retention end)
        changes = snapshot.diff(journal.snapshot, current)
        if changes:
            details["felder"] = changes
    protokoll.log(obj, protokoll.STATUS, details)
    _set_snapshot(obj, current)


def transitioned(obj, event):
    """IAfterTransitionEvent of a Dokument, Aktenplaneinheit or the Aktenplan."""
    if IClosable.providedBy(obj):
        return  # see closable_transitioned
    _transitioned(obj, event)


def closable_transitioned(obj, event):
    """IAfterTransitionEvent of an Akte or Vorgang: registered for IClosable after the
    lifecycle's handler, so that the dates it sets are part of the entry."""
    _transitioned(obj, event)


# Dokument and security events ----------------------------------------------------------------


def new_version(obj, event):
    if _site(obj) is None:
        return
    file = getattr(obj, "file", None)
    protokoll.log(obj, protokoll.NEUE_VERSION, {
        "kommentar": event.comment or "",
        "sha256": event.sha256,
        "filename": getattr(file, "filename", None),
        "size": file.getSize() if file is not None else 0,
    })
    _update_snapshot(obj, file=snapshot.file_info(obj, file), sha256=getattr(obj, "sha256", None))


def checkout(obj, event):
    if _site(obj) is None:
        return
    protokoll.log(obj, protokoll.CHECKOUT, {"aktion": event.action, "inhaber": event.holder})


def local_roles(obj, event):
    if not IPloneSiteRoot.providedBy(obj) and _site(obj) is None:
        return
    protokoll.log(obj, protokoll.ROLLEN, {
        "principal": event.principal,
        "rollen": list(event.roles),
        "grund": event.cause,
        "erteilt": bool(event.granted),
    })
