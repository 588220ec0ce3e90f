"""Checkout/checkin of a Dokument: while checked out, only the holder changes it.

The holder is stored on the Dokument (annotation) and catalogued, so that listings show who
holds a document. Checkout is possible on drafts only: final documents never change.
"""

from datetime import datetime
from eakte import _
from eakte.dokument.events import CheckoutEvent
from eakte.exceptions import PreconditionFailed
from eakte.lifecycle import DRAFT
from eakte.lifecycle import FINALIZE
from eakte.lifecycle import state
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.event import notify


KEY = "eakte.checkout"


def _current_user() -> str:
    return api.user.get_current().getId()


def checkout_info(dokument) -> dict | None:
    info = IAnnotations(dokument).get(KEY)
    return dict(info) if info else None


def checked_out_by(dokument) -> str | None:
    info = checkout_info(dokument)
    return info["user"] if info else None


def _set(dokument, info, action):
    annotations = IAnnotations(dokument)
    holder = (info or annotations.get(KEY) or {}).get("user")
    if info is None:
        annotations.pop(KEY, None)
    else:
        annotations[KEY] = info
    dokument.reindexObject(idxs=["checked_out_by"])
    notify(CheckoutEvent(dokument, action, holder))


def checkout(dokument) -> None:
    holder = checked_out_by(dokument)
    if holder:
        raise PreconditionFailed(
            _("error_already_checked_out", default="Das Dokument ist bereits von ${user} ausgecheckt.",
              mapping={"user": holder})
        )
    if state(dokument) != DRAFT:
        raise PreconditionFailed(
            _("error_checkout_not_draft", default="Nur Entwürfe können ausgecheckt werden; ein finales Dokument ändert sich nicht mehr.")
        )
    _set(dokument, {"user": _current_user(), "since": datetime.now().isoformat(timespec="seconds")}, "checkout")


def _require_holder(dokument):
    holder = checked_out_by(dokument)
    if not holder:
        raise PreconditionFailed(_("error_not_checked_out", default="Das Dokument ist nicht ausgecheckt."))
    if holder != _current_user():
        raise PreconditionFailed(
            _("error_checked_out_by_other", default="Das Dokument ist von ${user} ausgecheckt; nur diese Person kann es ändern.",
              mapping={"user": holder})
        )


def checkin(dokument, file=None, comment: str = "") -> None:
    """Check in, optionally with a new file (which becomes a new version)."""
    from eakte.dokument.versions import set_file

    _require_holder(dokument)
    _set(dokument, None, "checkin")
    if file is not None:
        set_file(dokument, file, comment or "Eingecheckt")


def cancel_checkout(dokument) -> None:
    _require_holder(dokument)
    _set(dokument, None, "cancel")


def force_checkin(dokument) -> None:
    """An administrator releases a document that somebody else holds (e.g. on leave)."""
    if not checked_out_by(dokument):
        raise PreconditionFailed(_("error_not_checked_out", default="Das Dokument ist nicht ausgecheckt."))
    _set(dokument, None, "force")


def ensure_may_change(dokument) -> None:
    """Raise unless the current user may change the document's content now."""
    holder = checked_out_by(dokument)
    if holder and holder != _current_user():
        raise PreconditionFailed(
            _("error_checked_out_by_other", default="Das Dokument ist von ${user} ausgecheckt; nur diese Person kann es ändern.",
              mapping={"user": holder})
        )


# Lifecycle checks (subscription adapters, see eakte.lifecycle) --------------------------------


class DokumenteClosingCheck:
    """IClosingCheck of an Akte or Vorgang: no Dokument inside is checked out or still a draft.
    Read from the catalog (holder, state, Aktenzeichen are catalogued): no Dokument is woken."""

    def __init__(self, context):
        self.context = context

    def __call__(self) -> list:
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.context.getPhysicalPath())
        reasons = []
        for brain in catalog.unrestrictedSearchResults(portal_type="Dokument", path={"query": path, "depth": -1}):
            if brain.checked_out_by:
                reasons.append(
                    _("reason_dokument_checked_out", default="Das Dokument ${az} ist von ${user} ausgecheckt.",
                      mapping={"az": brain.aktenzeichen, "user": brain.checked_out_by})
                )
            elif brain.review_state == DRAFT:
                reasons.append(
                    _("reason_dokument_draft", default="Das Dokument ${az} ist noch ein Entwurf: bitte finalisieren oder löschen.",
                      mapping={"az": brain.aktenzeichen})
                )
        return reasons


class CheckoutTransitionCheck:
    """ITransitionCheck of a Dokument: a checked-out Dokument is not finalized."""

    def __init__(self, context):
        self.context = context

    def __call__(self, transition: str) -> list:
        holder = checked_out_by(self.context) if transition == FINALIZE else None
        if not holder:
            return []
        return [_("reason_finalize_checked_out", default="Das Dokument ist von ${user} ausgecheckt; erst einchecken.",
                  mapping={"user": holder})]
