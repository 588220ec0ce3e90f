"""Aktenzeichen on creation, copy and move."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from eakte.aktenzeichen import assign_tree
from eakte.aktenzeichen import renumber
from eakte.interfaces import IRecord
from zope.lifecycleevent.interfaces import IObjectAddedEvent
from zope.lifecycleevent.interfaces import IObjectRemovedEvent


def record_moved(obj, event):
    if IObjectRemovedEvent.providedBy(event):
        return
    parent = aq_parent(aq_inner(obj))
    if IObjectAddedEvent.providedBy(event):
        # Created or copied: the topmost record of the added tree numbers the whole tree.
        if event.object is obj or not IRecord.providedBy(parent):
            assign_tree(obj, parent)
            obj.reindexObject(idxs=["aktenzeichen", "fruehere_aktenzeichen", "SearchableText"])
        return
    # Moved: only a record that itself changed its container gets new numbers (a moved
    # Aktenplaneinheit keeps its Kennzeichen, so the Akten in it keep theirs).
    if event.object is obj and event.oldParent is not None and event.oldParent is not event.newParent:
        renumber(obj, event.newParent)
