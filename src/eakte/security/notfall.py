"""Notfallzugriff: the technical superuser's only way into a confidential Akte.

A Manager has no access to a confidential Akte by the role (``eakte.security.roles``). In an
emergency they ask for access with a mandatory reason; it is limited in time (at most
``MAX_HOURS``), gives read access (the role Lesen) on the Akte and everything inside, is
protocolled on the Akte and mailed to the Amtsleitung of the Federführung. When it runs out,
the role computation stops counting it at once; the next request anywhere on the site also
removes it from the records and from the catalog (``sweep``) and protocols the end.
"""

from AccessControl import getSecurityManager
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from eakte import _
from eakte.exceptions import InvalidInput
from eakte.exceptions import PreconditionFailed
from persistent.mapping import PersistentMapping
from plone import api
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations


KEY = "eakte.notfallzugriff"  # on the Akte: {principal: {"seit", "bis", "grund"}}
SITE_KEY = "eakte.notfallzugriffe"  # on the site: {akte UID: latest end} of running accesses
ROLES = ("Lesen",)
DEFAULT_HOURS = 4
MAX_HOURS = 24
PERMISSION = "eakte: Emergency access"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _records(akte, create=False):
    annotations = IAnnotations(akte)
    records = annotations.get(KEY)
    if records is None and create:
        records = annotations[KEY] = PersistentMapping()
    return records if records is not None else {}


def _running(record, now=None) -> bool:
    return datetime.fromisoformat(record["bis"]) > (now or _now())


def roles_of(akte, principal: str) -> tuple:
    """The roles a running emergency access gives principal on the Akte (and inside)."""
    if akte is None:
        return ()
    record = _records(akte).get(principal)
    return ROLES if record and _running(record) else ()


def all_roles(akte) -> dict:
    if akte is None:
        return {}
    now = _now()
    return {principal: ROLES for principal, record in _records(akte).items() if _running(record, now)}


def running(akte) -> list[dict]:
    now = _now()
    return [dict(record, benutzer=principal) for principal, record in sorted(_records(akte).items())
            if _running(record, now)]


def _is_superuser() -> bool:
    user = getSecurityManager().getUser()
    return "Manager" in (user.getRoles() or ())


def find_akte(aktenzeichen: str):
    """The confidential Akte with this Aktenzeichen, looked up for the superuser only."""
    from eakte.security.confidential import is_confidential

    aktenzeichen = (aktenzeichen or "").strip() if isinstance(aktenzeichen, str) else ""
    if not aktenzeichen:
        raise InvalidInput(_("error_notfall_aktenzeichen", default="Bitte das Aktenzeichen der Akte angeben."))
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Akte", aktenzeichen=aktenzeichen)
    if not brains:
        raise InvalidInput(_("error_notfall_unknown", default="Eine Akte mit dem Aktenzeichen ${az} gibt es nicht.",
                             mapping={"az": aktenzeichen}))
    akte = brains[0]._unrestrictedGetObject()
    if not is_confidential(akte):
        raise PreconditionFailed(_("error_notfall_not_confidential",
                                   default="Die Akte ${az} ist nicht vertraulich; ein Notfallzugriff ist nicht nötig.",
                                   mapping={"az": aktenzeichen}))
    return akte


def _hours(stunden) -> int:
    if stunden in (None, ""):
        return DEFAULT_HOURS
    try:
        hours = int(stunden)
    except (TypeError, ValueError):
        hours = 0
    if isinstance(stunden, bool) or not 1 <= hours <= MAX_HOURS:
        raise InvalidInput(_("error_notfall_stunden", default="Ein Notfallzugriff dauert 1 bis ${max} Stunden.",
                             mapping={"max": str(MAX_HOURS)}))
    return hours


def amtsleitung_emails(akte) -> list[str]:
    nummer = getattr(akte, "federfuehrung_amt", None)
    if not nummer:
        return []
    group = api.group.get(groupname=f"amt-{nummer}-amtsleitung")
    if group is None:
        return []
    emails = {member.getProperty("email") for member in group.getGroupMembers()}
    return sorted(e for e in emails if e)


def _notify(akte, user_id, grund, bis) -> list[str]:
    """Mail the Amtsleitung (sent when the transaction commits). Returns the recipients."""
    recipients = amtsleitung_emails(akte)
    if not recipients:
        return []
    sender = api.portal.get_registry_record("plone.email_from_address", default=None) or "e-akte@localhost"
    body = (
        f"Auf die vertrauliche Akte {akte.aktenzeichen} »{akte.Title()}« wurde ein Notfallzugriff gewährt.\n\n"
        f"Benutzer: {user_id}\nBis: {bis} (UTC)\nBegründung: {grund}\n\n"
        f"Jeder Lesezugriff wird im Protokoll der Akte festgehalten: {akte.absolute_url()}/@@protokoll\n"
    )
    api.portal.get_tool("MailHost").send(
        body, mto=", ".join(recipients), mfrom=sender,
        subject=f"Notfallzugriff auf die Akte {akte.aktenzeichen}", charset="utf-8",
    )
    return recipients


def _site_index(create=False):
    annotations = IAnnotations(api.portal.get())
    index = annotations.get(SITE_KEY)
    if index is None and create:
        index = annotations[SITE_KEY] = OOBTree()
    return index


def grant(akte, grund, stunden=None) -> dict:
    """Emergency read access for the current superuser. Only a Manager may ask."""
    if not _is_superuser():
        raise Forbidden("Notfallzugriff")
    grund = grund.strip() if isinstance(grund, str) else ""
    if len(grund) < 10:
        raise InvalidInput(_("error_notfall_grund",
                             default="Für einen Notfallzugriff ist eine Begründung erforderlich (mindestens 10 Zeichen)."))
    hours = _hours(stunden)
    user_id = getSecurityManager().getUser().getId()
    now = _now()
    bis = (now + timedelta(hours=hours)).isoformat(timespec="seconds")
    record = {"seit": now.isoformat(timespec="seconds"), "bis": bis, "grund": grund}
    _records(akte, create=True)[user_id] = record
    index = _site_index(create=True)
    index[akte.UID()] = max(index.get(akte.UID(), ""), bis)
    akte.reindexObjectSecurity()
    recipients = _notify(akte, user_id, grund, bis)
    from eakte import protokoll

    protokoll.log(akte, "notfallzugriff", {"benutzer": user_id, "grund": grund, "bis": bis,
                                           "benachrichtigt": recipients})
    return dict(record, benutzer=user_id, benachrichtigt=recipients, aktenzeichen=akte.aktenzeichen,
                url=akte.absolute_url())


def sweep(portal) -> int:
    """End every emergency access that ran out: records, catalog, Protokoll. Cheap when none."""
    index = IAnnotations(portal).get(SITE_KEY)
    if not index:
        return 0
    now = _now()
    due = [uid for uid, bis in index.items() if datetime.fromisoformat(bis) <= now]
    if not due:
        return 0
    from eakte import protokoll
    from plone.protect.interfaces import IDisableCSRFProtection
    from zope.globalrequest import getRequest
    from zope.interface import alsoProvides

    request = getRequest()
    if request is not None:
        alsoProvides(request, IDisableCSRFProtection)  # housekeeping on whatever request comes first
    catalog = api.portal.get_tool("portal_catalog")
    ended = 0
    for uid in due:
        del index[uid]
        brains = catalog.unrestrictedSearchResults(UID=uid)
        if not brains:
            continue
        akte = brains[0]._unrestrictedGetObject()
        records = _records(akte)
        for principal, record in list(records.items()):
            if not _running(record, now):
                del records[principal]
                protokoll.log(akte, "notfallzugriff_beendet", {"benutzer": principal, "bis": record["bis"]})
                ended += 1
        remaining = [r["bis"] for r in records.values()]
        if remaining:
            index[uid] = max(remaining)
        akte.reindexObjectSecurity()
    return ended


def sweep_on_traversal(event):
    """Subscriber (IPubAfterTraversal): the first request after an access ran out ends it."""
    try:
        portal = api.portal.get()
    except api.exc.CannotGetPortalError:
        return
    sweep(portal)


def mine() -> list[dict]:
    """The current user's running emergency accesses."""
    user_id = getSecurityManager().getUser().getId()
    index = _site_index() or {}
    catalog = api.portal.get_tool("portal_catalog")
    result = []
    for uid in index:
        for brain in catalog.unrestrictedSearchResults(UID=uid):
            akte = brain._unrestrictedGetObject()
            for record in running(akte):
                if record["benutzer"] == user_id:
                    result.append(dict(record, aktenzeichen=akte.aktenzeichen, url=akte.absolute_url()))
    return result
