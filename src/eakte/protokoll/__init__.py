"""Protokoll (Journal): the append-only, hash-chained audit trail of every e-Akte object.

Every change of an Akte, Vorgang, Dokument, Aktenplaneinheit or of the Aktenplan, and every
read of a confidential object, is an entry: who (user id), when (ISO timestamp, UTC), what
(an action id of ``ACTION_TITLES``) and details. The subscribers in ``subscribers.py`` log the
changes of every channel (forms, REST, Python); other features call ``log`` themselves (e.g.
the confidentiality work: ``log(obj, "gelesen", {...})``).

Public API:

- ``log(obj, action, details=None)``: append an entry (obj: anything with a UUID, or the site)
- ``entries(obj, action=None, since=None, until=None)``: the entries, oldest first
- ``verify(obj)``: recompute the hash chain of obj's Protokoll
- ``verify_all(site)``: the broken Protokolle of a site
- ``ACTION_TITLES``: action id -> German title (i18n message)

There is deliberately no API to change or delete an entry.
"""

from AccessControl import getSecurityManager
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timezone
from eakte import _
from eakte.i18n import translate_message
from eakte.exceptions import InvalidInput
from eakte.protokoll.snapshot import jsonable
from eakte.protokoll.store import check
from eakte.protokoll.store import get_journal
from eakte.protokoll.store import get_store
from eakte.protokoll.store import journals
from eakte.protokoll.store import site_of
from eakte.protokoll.store import SITE_KEY
from eakte.protokoll.store import uid_of
from zope.globalrequest import getRequest
from zope.i18nmessageid import Message


ERSTELLT = "erstellt"
GEAENDERT = "geaendert"
STATUS = "status"
VERSCHOBEN = "verschoben"
NEUE_VERSION = "neue_version"
CHECKOUT = "checkout"
ROLLEN = "rollen"
GELESEN = "gelesen"
GELOESCHT = "geloescht"
ABGELEGT = "abgelegt"
AMT_ANGELEGT = "amt_angelegt"
AMT_GEAENDERT = "amt_geaendert"
AMT_DEAKTIVIERT = "amt_deaktiviert"
AMT_REAKTIVIERT = "amt_reaktiviert"
# Users, groups, memberships and global roles (logged on the site, eakte.administration)
BENUTZER_ANGELEGT = "benutzer_angelegt"
BENUTZER_GEAENDERT = "benutzer_geaendert"
BENUTZER_GELOESCHT = "benutzer_geloescht"
PASSWORT_GEAENDERT = "passwort_geaendert"
GRUPPE_ANGELEGT = "gruppe_angelegt"
GRUPPE_GEAENDERT = "gruppe_geaendert"
GRUPPE_GELOESCHT = "gruppe_geloescht"
MITGLIED_HINZUGEFUEGT = "mitglied_hinzugefuegt"
MITGLIED_ENTFERNT = "mitglied_entfernt"
ROLLE_ERTEILT = "rolle_erteilt"
ROLLE_ENTZOGEN = "rolle_entzogen"

ACTION_TITLES = {
    ERSTELLT: _("protokoll_action_erstellt", default="Erstellt"),
    GEAENDERT: _("protokoll_action_geaendert", default="Metadaten geändert"),
    STATUS: _("protokoll_action_status", default="Status geändert"),
    VERSCHOBEN: _("protokoll_action_verschoben", default="Verschoben"),
    NEUE_VERSION: _("protokoll_action_neue_version", default="Neue Version"),
    CHECKOUT: _("protokoll_action_checkout", default="Aus- oder eingecheckt"),
    ROLLEN: _("protokoll_action_rollen", default="Berechtigungen geändert"),
    GELESEN: _("protokoll_action_gelesen", default="Gelesen"),
    GELOESCHT: _("protokoll_action_geloescht", default="Gelöscht"),
    ABGELEGT: _("protokoll_action_abgelegt", default="Aus dem Posteingang abgelegt"),
    # Ämter (onboarding and changes, logged on the site)
    AMT_ANGELEGT: _("protokoll_action_amt_angelegt", default="Amt angelegt"),
    AMT_GEAENDERT: _("protokoll_action_amt_geaendert", default="Amt geändert"),
    AMT_DEAKTIVIERT: _("protokoll_action_amt_deaktiviert", default="Amt deaktiviert"),
    AMT_REAKTIVIERT: _("protokoll_action_amt_reaktiviert", default="Amt reaktiviert"),
    # Users, groups, memberships and global roles (logged on the site)
    BENUTZER_ANGELEGT: _("protokoll_action_benutzer_angelegt", default="Benutzer angelegt"),
    BENUTZER_GEAENDERT: _("protokoll_action_benutzer_geaendert", default="Benutzerdaten geändert"),
    BENUTZER_GELOESCHT: _("protokoll_action_benutzer_geloescht", default="Benutzer gelöscht"),
    PASSWORT_GEAENDERT: _("protokoll_action_passwort_geaendert", default="Passwort geändert"),
    GRUPPE_ANGELEGT: _("protokoll_action_gruppe_angelegt", default="Gruppe angelegt"),
    GRUPPE_GEAENDERT: _("protokoll_action_gruppe_geaendert", default="Gruppe geändert"),
    GRUPPE_GELOESCHT: _("protokoll_action_gruppe_geloescht", default="Gruppe gelöscht"),
    MITGLIED_HINZUGEFUEGT: _("protokoll_action_mitglied_hinzugefuegt", default="Mitglied hinzugefügt"),
    MITGLIED_ENTFERNT: _("protokoll_action_mitglied_entfernt", default="Mitglied entfernt"),
    ROLLE_ERTEILT: _("protokoll_action_rolle_erteilt", default="Globale Rolle erteilt"),
    ROLLE_ENTZOGEN: _("protokoll_action_rolle_entzogen", default="Globale Rolle entzogen"),
    # Beteiligung of another Amt in an Akte (eakte.security.beteiligung)
    "beteiligung": _("protokoll_action_beteiligung", default="Amt beteiligt"),
    "beteiligung_beendet": _("protokoll_action_beteiligung_beendet", default="Beteiligung beendet"),
    # Emergency access of the technical superuser to a confidential Akte (eakte.security.notfall)
    "notfallzugriff": _("protokoll_action_notfallzugriff", default="Notfallzugriff"),
    "notfallzugriff_beendet": _("protokoll_action_notfallzugriff_beendet", default="Notfallzugriff beendet"),
    # The archive sees a confidential Akte once it is offered (eakte.security.archiv)
    "archiv_angeboten": _("protokoll_action_archiv_angeboten", default="Dem Archiv angeboten"),
    "archiv_zurueckgezogen": _("protokoll_action_archiv_zurueckgezogen", default="Angebot an das Archiv zurückgezogen"),
}

REASONS = {
    "unreadable": _("protokoll_reason_unreadable", default="Der Eintrag ${seq} ist kein lesbarer Protokolleintrag."),
    "missing": _("protokoll_reason_missing", default="Der Eintrag ${seq} fehlt (entfernt oder umsortiert)."),
    "seq": _("protokoll_reason_seq", default="Der Eintrag ${seq} trägt eine falsche laufende Nummer."),
    "uid": _("protokoll_reason_uid", default="Der Eintrag ${seq} gehört zu einem anderen Objekt."),
    "prev": _("protokoll_reason_prev", default="Der Eintrag ${seq} verweist nicht auf den Eintrag davor."),
    "hash": _("protokoll_reason_hash", default="Der Inhalt des Eintrags ${seq} wurde verändert."),
    "missing_tail": _("protokoll_reason_missing_tail", default="Ab Eintrag ${seq} fehlen die letzten Einträge."),
    "head": _("protokoll_reason_head", default="Der Eintrag ${seq} stimmt nicht mit dem zuletzt geschriebenen Eintrag überein."),
    "missing_journal": _("protokoll_reason_missing_journal", default="Zu diesem Objekt gibt es kein Protokoll."),
}

DATE_ERROR = _("error_protokoll_date", default="Bitte ein Datum im Format JJJJ-MM-TT angeben (since, until).")


def _error(message):
    return InvalidInput(message)


def _current_user() -> str:
    user = getSecurityManager().getUser()
    if user is None:
        return ""
    return user.getId() or user.getUserName() or ""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _site_and_uid(obj):
    site = site_of(obj if not isinstance(obj, str) else None)
    uid = uid_of(obj)
    if site is None or not uid:
        raise _error(
            _("error_protokoll_no_uid", default="Für dieses Objekt kann kein Protokoll geführt werden.")
        )
    return site, uid


def _whereabouts(journal, obj) -> None:
    """Keep the journal's record of where the object is (changed only when it changes)."""
    if isinstance(obj, str):
        return
    path = "/".join(obj.getPhysicalPath())
    if journal.path != path:
        journal.path = path
    aktenzeichen = getattr(obj, "aktenzeichen", None) if uid_of(obj) != SITE_KEY else None
    if journal.aktenzeichen != aktenzeichen:
        journal.aktenzeichen = aktenzeichen
    title = obj.Title() if hasattr(obj, "Title") else ""
    if journal.title != title:
        journal.title = title


def _mark_safe(site, journal, created: bool) -> None:
    """A read (GET) that is logged writes to the database: tell plone.protect that these
    writes are intended, so that the entry is not thrown away as a write-on-read."""
    request = getRequest()
    if request is None:
        return
    method = getattr(request, "method", None) or request.get("REQUEST_METHOD", "")
    if method != "GET":
        return
    from plone.protect.utils import safeWrite

    safeWrite(journal, request)
    safeWrite(journal.entries, request)
    if created:  # rare on a read: an object without a Protokoll so far
        from Acquisition import aq_base

        store = get_store(site)
        safeWrite(store, request)
        safeWrite(store.journals, request)
        annotations = getattr(aq_base(site), "__annotations__", None)
        if annotations is not None:
            safeWrite(annotations, request)


def journal_for(obj, create: bool = False):
    """The journal of obj (for the subscribers and tests; entries stay append-only)."""
    site, uid = _site_and_uid(obj)
    journal = get_journal(site, uid, create=create)
    if journal is not None and create:
        _whereabouts(journal, obj)
    return journal


def log(obj, action: str, details=None) -> dict:
    """Append an entry to obj's Protokoll and return it.

    obj: an e-Akte object, anything with a UUID, or the site (key "site"). details: a dict
    of JSON-compatible values (dates and similar are stored as ISO strings)."""
    if action not in ACTION_TITLES:
        raise _error(
            _("error_protokoll_action", default="Unbekannte Protokollaktion: ${action}.", mapping={"action": action})
        )
    site, uid = _site_and_uid(obj)
    created = get_journal(site, uid) is None
    journal = get_journal(site, uid, create=True)
    _whereabouts(journal, obj)
    entry = journal.append(_now(), _current_user(), action, jsonable(details if details is not None else {}))
    _mark_safe(site, journal, created)
    return entry


def portal_timezone():
    """The portal's time zone (Europe/Berlin in an e-Akte), UTC if none is set."""
    from plone import api
    from zoneinfo import ZoneInfo

    try:
        name = api.portal.get_registry_record("plone.portal_timezone", default=None)
        return ZoneInfo(name) if name else timezone.utc
    except Exception:
        return timezone.utc


def parse_time(value, end: bool = False) -> datetime | None:
    """A filter bound as an aware datetime. Accepts a datetime, a date or an ISO string.
    A date means the whole day (start or, with end, end of the day); times without an
    offset are in the portal's time zone. Raises ValueError for anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        value = value.strip()
        value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=portal_timezone())
    if isinstance(value, date):
        return datetime.combine(value, time.max if end else time.min, tzinfo=portal_timezone())
    raise ValueError(f"not a date: {value!r}")


def _actions(action):
    if not action:
        return None
    wanted = {action} if isinstance(action, str) else set(action)
    unknown = sorted(wanted - set(ACTION_TITLES))
    if unknown:
        raise _error(
            _("error_protokoll_action", default="Unbekannte Protokollaktion: ${action}.",
              mapping={"action": ", ".join(unknown)})
        )
    return wanted


def entries(obj, action=None, since=None, until=None) -> list[dict]:
    """The entries of obj's Protokoll, oldest first, optionally only those of an action (or a
    list of actions) and from ``since`` to ``until`` (inclusive; see ``parse_time``).
    obj may also be the uid of an object that no longer exists."""
    actions = _actions(action)
    try:
        start, stop = parse_time(since), parse_time(until, end=True)
    except (TypeError, ValueError) as error:
        raise _error(DATE_ERROR) from error
    site, uid = _site_and_uid(obj)
    journal = get_journal(site, uid)
    if journal is None:
        return []
    result = []
    for entry in journal.read():
        if actions is not None and entry.get("action") not in actions:
            continue
        if start is not None or stop is not None:
            try:
                when = datetime.fromisoformat(entry["time"])
            except (KeyError, TypeError, ValueError):
                continue
            if (start is not None and when < start) or (stop is not None and when > stop):
                continue
        result.append(entry)
    return result


def _reason(code, seq):
    if code is None:
        return None
    return translate_message(Message(REASONS[code], mapping={"seq": seq}))


def _result(uid, journal, seq, code) -> dict:
    return {
        "ok": code is None,
        "entries": len(journal) if journal is not None else 0,
        "first_broken": seq,
        "reason": _reason(code, seq),
        "code": code,
        "uid": uid,
        "path": journal.path if journal is not None else "",
        "aktenzeichen": journal.aktenzeichen if journal is not None else None,
        "title": journal.title if journal is not None else "",
    }


def _tracked(obj) -> bool:
    from eakte.protokoll.subscribers import tracked

    return tracked(obj)


def verify(obj) -> dict:
    """Recompute the hash chain of obj's Protokoll (obj or its uid).

    Returns {"ok", "entries", "first_broken" (seq or None), "reason" (German text or None),
    "code" (see ``store.check``), "uid", "path", "aktenzeichen", "title"}. An e-Akte object
    without any Protokoll is reported as broken ("missing_journal")."""
    site, uid = _site_and_uid(obj)
    journal = get_journal(site, uid)
    if journal is None:
        if not isinstance(obj, str) and _tracked(obj):
            result = _result(uid, None, None, "missing_journal")
            result.update(path="/".join(obj.getPhysicalPath()), aktenzeichen=getattr(obj, "aktenzeichen", None),
                          title=obj.Title())
            return result
        return _result(uid, None, None, None)
    seq, code = check(journal)
    return _result(uid, journal, seq, code)


def verify_all(site) -> list[dict]:
    """The verify results of every broken Protokoll of the site, and of every e-Akte object
    that has none (only those; an empty list means all is well)."""
    broken = []
    known = set()
    for uid, journal in journals(site):
        known.add(uid)
        seq, code = check(journal)
        if code is not None:
            broken.append(_result(uid, journal, seq, code))
    catalog = site.portal_catalog
    types = ("Aktenplan", "Aktenplaneinheit", "Akte", "Vorgang", "Dokument")
    for brain in catalog.unrestrictedSearchResults(portal_type=types):
        if brain.UID not in known:
            result = _result(brain.UID, None, None, "missing_journal")
            result.update(path=brain.getPath(), title=brain.Title,
                          aktenzeichen=getattr(brain, "aktenzeichen", None) or None)
            broken.append(result)
    return broken


def checked_entries(site) -> int:
    """How many entries the site's Protokolle hold (for reports)."""
    return sum(len(journal) for _uid, journal in journals(site))
