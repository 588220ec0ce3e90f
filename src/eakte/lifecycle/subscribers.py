"""Guards and consequences of the lifecycle, for every channel (UI, REST, Python)."""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from eakte import _
from eakte.exceptions import PreconditionFailed
from eakte.exceptions import ReadOnly
from eakte.interfaces import IClosable
from eakte.interfaces import IRecord
from eakte.lifecycle import CLOSE
from eakte.lifecycle import check
from eakte.lifecycle import INACTIVE
from eakte.lifecycle import is_read_only
from eakte.lifecycle import REOPEN
from eakte.lifecycle import retention_end
from eakte.lifecycle import retention_years
from eakte.lifecycle import state
from eakte.lifecycle import state_title
from plone.base.interfaces import IPloneSiteRoot


def before_transition(obj, event):
    if event.transition is None:
        return  # initial state on creation
    comment = (event.kwargs or {}).get("comment", "")
    check(obj, event.transition.id, comment)


def after_transition(obj, event):
    if event.transition is None:
        return
    if event.transition.id == CLOSE:
        today = date.today()
        obj.zda_datum = today
        obj.laufzeit_ende = today
        if obj.portal_type == "Akte":
            obj.aufbewahrung_bis = retention_end(today, retention_years(obj))
    elif event.transition.id == REOPEN:
        obj.zda_datum = None
        obj.laufzeit_ende = None
        if obj.portal_type == "Akte":
            obj.aufbewahrung_bis = None
    obj.reindexObject()


def _read_only_ancestor_or_self(obj):
    while obj is not None and IRecord.providedBy(obj):
        if is_read_only(obj):
            return obj
        obj = aq_parent(aq_inner(obj))
    return None


def record_will_be_removed(obj, event):
    """Nobody deletes a final Dokument or a closed Akte (Manager included); only the
    Aussonderung removes records. Drafts in open Akten may be deleted."""
    if IPloneSiteRoot.providedBy(event.object):
        return  # the whole site is being deleted (e.g. a test or a decommissioned demo)
    if is_read_only(obj):
        raise ReadOnly(
            _("error_delete_read_only", default="${az} ist ${state} und kann nicht gelöscht werden. Schriftgut wird nur durch die Aussonderung entfernt.",
              mapping={"az": obj.aktenzeichen, "state": state_title(obj)})
        )


def record_will_be_moved(obj, event):
    """Nothing leaves a closed Akte/Vorgang, and final documents stay where they are filed."""
    if event.oldParent is None or event.newParent is None or event.object is not obj:
        return
    if event.oldParent is event.newParent:
        return  # renaming
    source = _read_only_ancestor_or_self(obj)
    if source is not None:
        raise ReadOnly(
            _("error_move_read_only", default="${az} ist ${state}: es bleibt, wo es abgelegt ist.",
              mapping={"az": source.aktenzeichen, "state": state_title(source)})
        )


def record_will_be_added(obj, event):
    """Guard, before any effect of the add (Aktenzeichen, Protokoll, catalog): no new records
    in closed containers or in inactive Aktenplaneinheiten. IObjectWillBeAddedEvent is fired
    by ``_setObject`` before the object is in its container, for every channel."""
    if event.object is not obj or event.newParent is None:
        return
    parent = event.newParent
    if IClosable.providedBy(parent) and is_read_only(parent):
        raise ReadOnly(
            _("error_add_to_closed", default="${az} ist abgeschlossen: es kann nichts hinzugefügt werden.",
              mapping={"az": parent.aktenzeichen})
        )
    if getattr(parent, "portal_type", None) == "Aktenplaneinheit" and state(parent) == INACTIVE:
        raise PreconditionFailed(
            _("error_unit_inactive", default="Die Aktenplaneinheit ${kz} ist inaktiv und nimmt keine neuen Akten auf.",
              mapping={"kz": parent.kennzeichen})
        )


def record_added(obj, event):
    """A new Akte or Vorgang starts its Laufzeit today (unless given)."""
    if event.object is not obj:
        return
    if IClosable.providedBy(obj) and aq_base(obj).__dict__.get("laufzeit_beginn") is None:
        obj.laufzeit_beginn = date.today()  # stored, not computed again every day


def record_modified(obj, event):
    """Safety net below the permissions: a read-only record's content never changes."""
    if is_read_only(obj):
        raise ReadOnly(
            _("error_modify_read_only", default="${az} ist ${state}: der Inhalt kann nicht mehr geändert werden.",
              mapping={"az": obj.aktenzeichen, "state": state_title(obj)})
        )
