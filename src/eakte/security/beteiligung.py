"""Beteiligung: another Amt is involved in one Akte, with Lesen or Sachbearbeitung.

Granted and revoked by the Amtsleitung (permission "eakte: Grant Beteiligung"); the grants are
local roles with the cause "beteiligung:<amt>", so revoking leaves every other grant intact.
The involved Amt then finds the Akte in its listings and search (the catalog follows the roles).
"""

from datetime import datetime
from eakte import _
from eakte import security
from eakte.exceptions import InvalidInput
from eakte.exceptions import PreconditionFailed
from eakte.organisation import get_amt
from persistent.mapping import PersistentMapping
from plone import api
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations


KEY = "eakte.beteiligungen"
STUFEN = ("Lesen", "Sachbearbeitung")
PERMISSION = "eakte: Grant Beteiligung"


def role_group(nummer: str, rolle: str) -> str:
    return f"amt-{nummer}-{rolle.lower()}"


def _grants_for(nummer: str, stufe: str) -> dict:
    """Which of the Amt's groups get which role."""
    if stufe == "Sachbearbeitung":
        return {role_group(nummer, "Sachbearbeitung"): ["Sachbearbeitung"],
                role_group(nummer, "Amtsleitung"): ["Sachbearbeitung"],
                role_group(nummer, "Lesen"): ["Lesen"]}
    return {role_group(nummer, rolle): ["Lesen"] for rolle in ("Sachbearbeitung", "Amtsleitung", "Lesen")}


def beteiligungen(akte) -> list[dict]:
    records = IAnnotations(akte).get(KEY) or {}
    return [dict(record, amt=nummer) for nummer, record in sorted(records.items())]


def _log(akte, action, details):
    from eakte import protokoll

    log = getattr(protokoll, "log", None)
    if log is not None:
        log(akte, action, details)


def _check_permission(akte):
    if not api.user.has_permission(PERMISSION, obj=akte):
        raise Unauthorized("Beteiligung")


def grant_beteiligung(akte, nummer: str, stufe: str) -> dict:
    """Involve Amt `nummer` in the Akte with `stufe` (Lesen or Sachbearbeitung)."""
    _check_permission(akte)
    nummer = (nummer or "").strip()
    if stufe not in STUFEN:
        raise InvalidInput(_("error_beteiligung_stufe", default="Eine Beteiligung gibt Lesen oder Sachbearbeitung."))
    amt = get_amt(nummer)
    if amt is None or not getattr(amt, "aktiv", True):
        raise InvalidInput(_("error_beteiligung_amt", default="Das Amt ${amt} gibt es nicht oder es ist nicht aktiv.",
                             mapping={"amt": nummer}))
    from eakte.security.confidential import is_confidential

    if is_confidential(akte):
        raise PreconditionFailed(_("error_beteiligung_vertraulich",
                                   default="An einer vertraulichen Akte wird kein Amt beteiligt; "
                                           "benennen Sie Zugriffsberechtigte."))
    if nummer == getattr(akte, "federfuehrung_amt", None):
        raise PreconditionFailed(_("error_beteiligung_federfuehrung",
                                   default="Das Amt ${amt} hat die Federführung; es muss nicht beteiligt werden.",
                                   mapping={"amt": nummer}))
    annotations = IAnnotations(akte)
    records = annotations.get(KEY)
    if records is None:
        records = annotations[KEY] = PersistentMapping()
    current = records.get(nummer)
    if current and current["stufe"] == stufe:
        return dict(current, amt=nummer)
    cause = security.cause(security.BETEILIGUNG, nummer)
    if current:
        security.revoke_cause(akte, cause)
    for group, roles in _grants_for(nummer, stufe).items():
        security.grant(akte, group, roles, cause)
    records[nummer] = {"stufe": stufe, "seit": datetime.now().isoformat(timespec="seconds"),
                       "von": api.user.get_current().getId()}
    _log(akte, "beteiligung", {"amt": nummer, "stufe": stufe, "vorher": current["stufe"] if current else None})
    return dict(records[nummer], amt=nummer)


def revoke_beteiligung(akte, nummer: str) -> None:
    _check_permission(akte)
    records = IAnnotations(akte).get(KEY) or {}
    if nummer not in records:
        raise InvalidInput(_("error_beteiligung_unknown", default="Das Amt ${amt} ist an dieser Akte nicht beteiligt.",
                             mapping={"amt": nummer}))
    _end(akte, records, nummer, {})


def _end(akte, records, nummer, details):
    security.revoke_cause(akte, security.cause(security.BETEILIGUNG, nummer))
    stufe = records[nummer]["stufe"]
    del records[nummer]
    _log(akte, "beteiligung_beendet", dict(details, amt=nummer, stufe=stufe))


def end_all(akte, reason: str) -> None:
    """End every Beteiligung of the Akte (e.g. because it became confidential), protocolled."""
    records = IAnnotations(akte).get(KEY) or {}
    for nummer in list(records):
        _end(akte, records, nummer, {"grund": reason})
