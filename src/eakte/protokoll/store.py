"""The central store of the Protokoll: one journal per object, kept in the site's annotations.

The store is central (not on the object) so that an object's Protokoll outlives moves and,
one day, its removal. Layout::

    IAnnotations(site)["eakte.protokoll"] -> Store
        Store.journals: OOBTree  uid (or "site") -> Journal
        Journal.entries: IOBTree  seq -> entry (canonical JSON text, see below)
        Journal.snapshot: dict    the last known schema field values of the object

An entry is stored as the canonical JSON text of all its fields, the hash included: a str is
immutable, the returned dicts are fresh copies, and nothing in this module changes or deletes
an entry once it is written. Each entry carries ``prev`` (the hash of the entry before, "" for
the first) and ``hash`` = SHA-256 over the canonical JSON of all its other fields, so that a
changed, removed or re-ordered entry breaks the chain (``check``).
"""

from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone.base.interfaces import IPloneSiteRoot
from plone.uuid.interfaces import IUUID
from zope.annotation.interfaces import IAnnotations

import hashlib
import json


ANNOTATION_KEY = "eakte.protokoll"
SITE_KEY = "site"

# The fields an entry is hashed over (everything but the hash itself).
HASHED_FIELDS = ("seq", "time", "user", "action", "details", "prev", "uid")


class Store(Persistent):
    """All journals of a site."""

    def __init__(self):
        self.journals = OOBTree()


class Journal(Persistent):
    """The append-only entries of one object and the snapshot of its last known field values.

    ``path``, ``aktenzeichen`` and ``title`` are the last known whereabouts of the object
    (informational, for reports about objects that moved or no longer exist); they are not
    part of the hash chain.
    """

    def __init__(self, uid: str):
        self.uid = uid
        self.entries = IOBTree()
        self.last_seq = 0
        self.last_hash = ""
        self.snapshot = None
        self.path = ""
        self.aktenzeichen = None
        self.title = ""

    def append(self, time: str, user: str, action: str, details: dict) -> dict:
        """Write the next entry and return it (as a fresh dict)."""
        fields = {
            "seq": self.last_seq + 1,
            "time": time,
            "user": user,
            "action": action,
            "details": details,
            "prev": self.last_hash,
            "uid": self.uid,
        }
        body = canonical(fields)
        fields = json.loads(body)  # exactly what a reader will see
        fields["hash"] = digest(body)
        self.entries[fields["seq"]] = canonical(fields)
        self.last_seq = fields["seq"]
        self.last_hash = fields["hash"]
        return fields

    def read(self):
        """All entries, oldest first, as fresh dicts (unparseable ones are skipped)."""
        for text in self.entries.values():
            try:
                yield json.loads(text)
            except ValueError:
                continue

    def __len__(self):
        return len(self.entries)


def canonical(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def entry_hash(entry: dict) -> str:
    """The hash an entry must carry: over all its fields but ``hash``."""
    return digest(canonical({key: value for key, value in entry.items() if key != "hash"}))


def site_of(obj):
    """The Plone site obj lives in (by acquisition), or the current site."""
    from zope.component.hooks import getSite

    for item in getattr(obj, "aq_chain", ()):
        if IPloneSiteRoot.providedBy(item):
            return item
    site = getSite()
    while site is not None and not IPloneSiteRoot.providedBy(site):
        site = getattr(site, "aq_parent", None)
    return site


def uid_of(obj) -> str | None:
    """The key of obj's journal: its UUID, "site" for the site root (a str is taken as is)."""
    if isinstance(obj, str):
        return obj
    if IPloneSiteRoot.providedBy(obj):
        return SITE_KEY
    return IUUID(obj, None)


def get_store(site, create: bool = False) -> Store | None:
    annotations = IAnnotations(site)
    store = annotations.get(ANNOTATION_KEY)
    if store is None and create:
        store = annotations[ANNOTATION_KEY] = Store()
    return store


def get_journal(site, uid: str, create: bool = False) -> Journal | None:
    store = get_store(site, create=create)
    if store is None:
        return None
    journal = store.journals.get(uid)
    if journal is None and create:
        journal = store.journals[uid] = Journal(uid)
    return journal


def journals(site):
    """(uid, journal) of every journal of the site."""
    store = get_store(site)
    return store.journals.items() if store is not None else ()


def check(journal: Journal) -> tuple[int | None, str | None]:
    """Recompute the chain: (None, None) if intact, else (first broken seq, reason code).

    Reason codes: "unreadable" (not an entry), "missing" (an entry before this one was removed
    or the order changed: seq must be contiguous from 1), "seq" (the entry names another seq),
    "uid" (the entry belongs to another journal), "prev" (it does not point to the entry
    before), "hash" (its content changed), "missing_tail" (entries at the end were removed), "head"
    (the journal's record of its last entry does not match the entries: forged or added).
    """
    expected = 1
    prev = ""
    for seq, text in journal.entries.items():
        if seq != expected:
            return expected, "missing"
        try:
            entry = json.loads(text)
        except ValueError:
            return seq, "unreadable"
        if not isinstance(entry, dict):
            return seq, "unreadable"
        if entry.get("seq") != seq:
            return seq, "seq"
        if entry.get("uid") != journal.uid:
            return seq, "uid"
        if entry.get("prev") != prev:
            return seq, "prev"
        if set(entry) != {*HASHED_FIELDS, "hash"} or entry_hash(entry) != entry.get("hash"):
            return seq, "hash"
        prev = entry["hash"]
        expected += 1
    count = expected - 1
    if journal.last_seq > count:
        return expected, "missing_tail"
    if journal.last_seq < count:
        return journal.last_seq + 1, "head"
    if journal.last_hash != prev:
        return max(count, 1), "head"
    return None, None
