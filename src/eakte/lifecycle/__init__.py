"""The lifecycle rules that make filing "rechtssicher" (domain.md, "Lifecycle").

One domain service for every workflow transition of the e-Akte: ``reasons_against`` lists why
a transition is not possible (the UI shows these next to the disabled button), ``check``
raises ``PreconditionFailed`` with the first reason, and ``transition`` checks and then acts.
A subscriber runs ``check`` before *every* transition, so that the REST ``@workflow`` service,
Plone's state menu and our own buttons all obey the same rules.
"""

from datetime import date
from eakte import _
from eakte.aktenplan.content import DAUERND
from eakte.exceptions import PreconditionFailed
from eakte.interfaces import IClosable
from plone import api
from zope.component import subscribers as subscription_adapters
from zope.interface import Interface


CLOSE = "abschliessen"
REOPEN = "wiedereroeffnen"
FINALIZE = "finalisieren"
CANCEL = "stornieren"
DEACTIVATE = "deaktivieren"

CLOSED = "abgeschlossen"
OPEN = "in_bearbeitung"
DRAFT = "entwurf"
FINAL = "final"
CANCELLED = "storniert"
INACTIVE = "inaktiv"

# States in which nobody changes an object any more.
READ_ONLY_STATES = {CLOSED, "ausgesondert", FINAL, CANCELLED}


class IClosingCheck(Interface):
    """Subscription adapter for records being closed: later features (Dokumente, Posteingang,
    tasks) add theirs. Calling it returns a list of reasons (i18n messages) against closing."""


class ITransitionCheck(Interface):
    """Subscription adapter for a record before any transition (e.g. a Dokument is not
    finalized while checked out). Calling it with the transition id returns a list of reasons
    (i18n messages) against it."""


STATE_TITLES = {
    OPEN: _("state_in_bearbeitung", default="in Bearbeitung"),
    CLOSED: _("state_abgeschlossen", default="abgeschlossen"),
    "ausgesondert": _("state_ausgesondert", default="ausgesondert"),
    DRAFT: _("state_entwurf", default="Entwurf"),
    FINAL: _("state_final", default="final"),
    CANCELLED: _("state_storniert", default="storniert"),
    "aktiv": _("state_aktiv", default="aktiv"),
    INACTIVE: _("state_inaktiv", default="inaktiv"),
}

TRANSITION_TITLES = {
    CLOSE: _("transition_abschliessen", default="z.d.A. (abschließen)"),
    REOPEN: _("transition_wiedereroeffnen", default="Wiedereröffnen"),
    FINALIZE: _("transition_finalisieren", default="Finalisieren"),
    CANCEL: _("transition_stornieren", default="Stornieren"),
    DEACTIVATE: _("transition_deaktivieren", default="Deaktivieren"),
    "aktivieren": _("transition_aktivieren", default="Aktivieren"),
}

TRANSITION_DESCRIPTIONS = {
    CLOSE: _("transition_abschliessen_help", default="Schließt ab: danach ist alles schreibgeschützt."),
    REOPEN: _("transition_wiedereroeffnen_help", default="Öffnet wieder; eine Begründung ist Pflicht."),
    FINALIZE: _("transition_finalisieren_help", default="Macht das Dokument endgültig: sein Inhalt ändert sich nie mehr."),
    CANCEL: _("transition_stornieren_help", default="Storniert das Dokument; es bleibt erhalten, eine Begründung ist Pflicht."),
    DEACTIVATE: _("transition_deaktivieren_help", default="Die Einheit nimmt keine neuen Akten mehr auf."),
    "aktivieren": _("transition_aktivieren_help", default="Die Einheit nimmt wieder neue Akten auf."),
}


def state_title(obj):
    return STATE_TITLES.get(state(obj), state(obj))


def state(obj) -> str | None:
    return api.content.get_state(obj, default=None)


def is_read_only(obj) -> bool:
    return state(obj) in READ_ONLY_STATES


def _children(obj, portal_type=None):
    return [
        child for child in obj.objectValues()
        if portal_type is None or child.portal_type == portal_type
    ]


def closing_reasons(obj) -> list:
    """Why obj cannot be closed: open Vorgänge, and what the IClosingCheck adapters report
    (eakte.dokument: checked-out or draft Dokumente inside)."""
    reasons = []
    for vorgang in _children(obj, "Vorgang"):
        if state(vorgang) != CLOSED:
            reasons.append(
                _("reason_vorgang_open", default="Der Vorgang ${az} »${title}« ist noch nicht abgeschlossen.",
                  mapping={"az": vorgang.aktenzeichen, "title": vorgang.Title()})
            )
    for check in subscription_adapters((obj,), IClosingCheck):
        reasons.extend(check())
    return reasons


def _parent_closed_reason(obj):
    parent = obj.aq_parent
    if IClosable.providedBy(parent) and state(parent) == CLOSED:
        return _("reason_parent_closed", default="Die übergeordnete Akte ${az} ist abgeschlossen.",
                 mapping={"az": parent.aktenzeichen})
    return None


def reasons_against(obj, transition: str, comment: str = "", for_display: bool = False) -> list:
    """Why `transition` cannot be done on obj now (empty list: it can).

    With for_display, a missing comment is not a reason: the form will ask for it.
    """
    reasons = []
    if transition == CLOSE:
        reasons = closing_reasons(obj)
    elif transition == REOPEN:
        if (parent_reason := _parent_closed_reason(obj)) is not None:
            reasons.append(parent_reason)
        if not (comment or "").strip() and not for_display:
            reasons.append(_("reason_reopen_comment", default="Für das Wiedereröffnen ist eine Begründung erforderlich."))
    elif transition == CANCEL:
        if not (comment or "").strip() and not for_display:
            reasons.append(_("reason_cancel_comment", default="Für die Stornierung ist eine Begründung erforderlich."))
    for check in subscription_adapters((obj,), ITransitionCheck):
        reasons.extend(check(transition))
    return reasons


def check(obj, transition: str, comment: str = "") -> None:
    reasons = reasons_against(obj, transition, comment)
    if reasons:
        raise PreconditionFailed(reasons[0])


def transition(obj, transition: str, comment: str = "") -> None:
    """Domain service: perform a lifecycle transition after checking its rules."""
    check(obj, transition, comment)
    api.content.transition(obj=obj, transition=transition, comment=comment)


def retention_years(obj):
    """Effective Aufbewahrungsfrist of an Akte: its override (Registratur) or its unit's.
    Returns an int, DAUERND or None (not set)."""
    value = getattr(obj, "aufbewahrungsfrist", None) or None
    if value is None:
        unit = obj.aq_parent
        value = getattr(unit, "aufbewahrungsfrist", None) or None
    if value is None or value == DAUERND:
        return value
    return int(value)


def aussonderungsart(obj):
    return getattr(obj, "aussonderungsart", None) or getattr(obj.aq_parent, "aussonderungsart", None)


def retention_end(zda: date, years) -> date | None:
    """31 December of (z.d.A. year + Aufbewahrungsfrist); "dauernd" has none."""
    if years is None or years == DAUERND:
        return None
    return date(zda.year + years, 12, 31)
