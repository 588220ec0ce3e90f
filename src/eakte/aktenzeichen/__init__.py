"""Aktenzeichen: the unique, stable reference numbers of Akten, Vorgänge and Dokumente.

Formats come from the registry (eakte.aktenzeichen_format_*). Numbers are drawn from one
counter per container. A counter is a plain persistent object *without* conflict resolution:
two processes drawing from the same counter at once conflict, and Zope retries the later
request, so a number is never handed out twice (BTrees.Length would merge the increments and
give duplicates). Every issued Aktenzeichen is also registered in a BTree, which refuses a
second, concurrent registration of the same key, and is never removed: numbers are never reused.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from plone import api
from plone.uuid.interfaces import IUUID
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "eakte.aktenzeichen"

DEFAULT_FORMATS = {
    "Akte": "{kennzeichen}-{nummer:04d}",
    "Vorgang": "{akte}.{nummer}",
    "Dokument": "{parent}-{nummer}",
    "Akte-vertraulich": "{kennzeichen}-V{nummer:03d}",
}
CONFIDENTIAL = "Akte-vertraulich"


class Counter(Persistent):
    """A running number. Concurrent increments conflict on purpose (no _p_resolveConflict)."""

    def __init__(self):
        self.value = 0


class Registry(Persistent):
    def __init__(self):
        self.counters = OOBTree()
        self.issued = OOBTree()  # Aktenzeichen -> UID of the object that got it


def _registry() -> Registry:
    portal = api.portal.get()
    annotations = IAnnotations(portal)
    registry = annotations.get(ANNOTATION_KEY)
    if registry is None:
        registry = annotations[ANNOTATION_KEY] = Registry()
    return registry


def format_for(portal_type: str) -> str:
    record = f"eakte.aktenzeichen_format_{portal_type.lower().replace('-', '_')}"
    return api.portal.get_registry_record(record, default=None) or DEFAULT_FORMATS[portal_type]


def _values(obj, parent, nummer: int) -> dict:
    """The names a format may use."""
    values = {"nummer": nummer, "parent": getattr(parent, "aktenzeichen", None) or ""}
    if obj.portal_type == "Akte":
        values["kennzeichen"] = getattr(parent, "kennzeichen", "")
    elif obj.portal_type == "Vorgang":
        values["akte"] = values["parent"]
    return values


def _kind(obj) -> str:
    """Which number series obj draws from. Confidential Akten have their own (01.02-V001), so
    that the open Akten of a unit show no gap where a hidden one took a number."""
    from eakte.security.confidential import is_confidential

    return CONFIDENTIAL if obj.portal_type == "Akte" and is_confidential(obj) else obj.portal_type


def assign(obj, parent) -> str:
    """Give obj the next free Aktenzeichen in parent and register it for good."""
    registry = _registry()
    kind = _kind(obj)
    scope = f"{kind}:{IUUID(parent)}"
    counter = registry.counters.get(scope)
    if counter is None:
        counter = registry.counters[scope] = Counter()
    pattern = format_for(kind)
    nummer = counter.value
    while True:
        nummer += 1
        aktenzeichen = pattern.format(**_values(obj, parent, nummer))
        if aktenzeichen not in registry.issued:
            break
    counter.value = nummer
    _issue(registry, obj, aktenzeichen, nummer)
    return aktenzeichen


def _issue(registry, obj, aktenzeichen, nummer):
    if aktenzeichen in registry.issued and registry.issued[aktenzeichen] != IUUID(obj):
        raise ValueError(f"Aktenzeichen {aktenzeichen} was issued before")
    registry.issued[aktenzeichen] = IUUID(obj)
    obj.aktenzeichen = aktenzeichen
    obj.aktenzeichen_nummer = nummer


def _records_in(obj):
    return [c for c in getattr(obj, "objectValues", lambda: [])() if getattr(c, "portal_type", None) in DEFAULT_FORMATS]


def _keep_former(obj):
    former = getattr(obj, "aktenzeichen", None)
    if former:
        obj.fruehere_aktenzeichen = [*(getattr(obj, "fruehere_aktenzeichen", None) or []), former]


def _reindex(obj):
    obj.reindexObject(idxs=["aktenzeichen", "fruehere_aktenzeichen", "SearchableText"])


def renumber(obj, parent) -> None:
    """After a move: a new number in the new container; the contents keep their running
    numbers under the new prefix (11.02-0007.3 -> 11.03-0001.3). Former numbers are kept."""
    _keep_former(obj)
    assign(obj, parent)
    _reindex(obj)
    _rebase_contents(obj)


def _rebase_contents(obj):
    registry = _registry()
    for child in _records_in(obj):
        _keep_former(child)
        nummer = getattr(child, "aktenzeichen_nummer", None)
        if nummer is None:
            assign(child, obj)
        else:
            pattern = format_for(child.portal_type)
            _issue(registry, child, pattern.format(**_values(child, obj, nummer)), nummer)
        _reindex(child)
        _rebase_contents(child)


def assign_tree(obj, parent) -> None:
    """A new object (created or copied): fresh numbers for it and everything inside."""
    obj.fruehere_aktenzeichen = []
    assign(obj, parent)
    for child in getattr(obj, "objectValues", lambda: [])():
        if getattr(child, "portal_type", None) in DEFAULT_FORMATS:
            assign_tree(child, obj)


def find(aktenzeichen: str, prefix: bool = False):
    """Catalog brains of the records with this Aktenzeichen (or starting with it), current or former."""
    catalog = api.portal.get_tool("portal_catalog")
    aktenzeichen = (aktenzeichen or "").strip()
    if not aktenzeichen:
        return []
    if prefix:
        query = {"query": (aktenzeichen, aktenzeichen + "\uffff"), "range": "min:max"}
        return list(catalog(aktenzeichen=query, sort_on="aktenzeichen"))
    brains = list(catalog(aktenzeichen=aktenzeichen))
    return brains or list(catalog(fruehere_aktenzeichen=aktenzeichen))
