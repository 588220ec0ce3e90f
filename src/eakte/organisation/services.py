"""Ämter: the domain services (onboarding, leading further units, renaming, deactivating,
reactivating, describing). The control panel, REST ``@aemter`` and ``scripts/onboard_amt.py``
all call these."""

from dataclasses import replace
from eakte import _
from eakte.organisation.grants import _lead
from eakte.organisation.grants import _sync_postfach
from eakte.organisation.grants import led_units
from eakte.organisation.grants import sync_unit
from eakte.organisation.grants import units_by_amt
from eakte.organisation.groups import _ensure_groups
from eakte.organisation.groups import amt_groups
from eakte.organisation.model import _store
from eakte.organisation.model import Amt
from eakte.organisation.model import AmtConflict
from eakte.organisation.model import get_amt
from eakte.organisation.model import list_aemter
from eakte.organisation.model import OrganisationError
from eakte.organisation.model import require_amt
from plone import api


# Validation ---------------------------------------------------------------------------------


def _clean(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _validate_nummer(nummer) -> str:
    nummer = _clean(nummer)
    if not nummer.isdigit() or not nummer.isascii():
        raise OrganisationError(
            _("error_amt_nummer", default="Die Amtsnummer muss aus Ziffern bestehen.")
        )
    return nummer


def _validate_names(name, kurzname) -> tuple[str, str]:
    name, kurzname = _clean(name), _clean(kurzname)
    if not name or not kurzname:
        raise OrganisationError(
            _("error_amt_name", default="Name und Kurzname des Amtes sind Pflichtangaben.")
        )
    return name, kurzname


def parse_kennzeichen(value) -> list[str]:
    """Kennzeichen as a list: a list of strings or one string separated by commas or blanks."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.replace(",", " ").replace(";", " ").split()
    if not isinstance(value, (list, tuple, set)) or not all(isinstance(k, str) for k in value):
        raise OrganisationError(
            _("error_amt_kennzeichen_liste",
              default="Die Kennzeichen der Aktenplaneinheiten sind eine Liste wie [\"09.01\", \"09.02\"].")
        )
    result = []
    for kennzeichen in (k.strip() for k in value):
        if kennzeichen and kennzeichen not in result:
            result.append(kennzeichen)
    return result


def _units_by_kennzeichen(kennzeichen: list[str]) -> list:
    """The Aktenplaneinheiten with these Kennzeichen; an unknown one is refused."""
    catalog = api.portal.get_tool("portal_catalog")
    units = []
    for value in kennzeichen:
        brains = catalog.unrestrictedSearchResults(portal_type="Aktenplaneinheit", kennzeichen=value)
        if not brains:
            raise OrganisationError(
                _("error_amt_kennzeichen_unbekannt",
                  default="Eine Aktenplaneinheit mit dem Kennzeichen ${kennzeichen} gibt es nicht.",
                  mapping={"kennzeichen": value})
            )
        units.append(brains[0]._unrestrictedGetObject())
    return units


# Protokoll ----------------------------------------------------------------------------------


def _protokoll(portal, action: str, details: dict):
    """Write to the site's Protokoll (the site-wide chain of Ämter, users and groups)."""
    from eakte import protokoll

    protokoll.log(portal, action, details)


# The domain services ------------------------------------------------------------------------


def onboard_amt(nummer, name, kurzname, kennzeichen=(), portal=None) -> Amt:
    """Bring an Amt into the e-Akte: register it, create its groups and its Postfach, and grant
    its groups their roles on the Aktenplaneinheiten it leads (``kennzeichen``) and on its
    Postfach. Running it again with the same data changes nothing; further Kennzeichen are
    added. Refused (nothing changed): a number that is not digits, a missing name or short name,
    an unknown Kennzeichen, an existing Amt of that number with another name (rename it
    instead) or a deactivated one (reactivate it instead)."""
    portal = portal or api.portal.get()
    nummer = _validate_nummer(nummer)
    name, kurzname = _validate_names(name, kurzname)
    kennzeichen = parse_kennzeichen(kennzeichen)
    units = _units_by_kennzeichen(kennzeichen)

    existing = get_amt(nummer, portal)
    if existing is not None:
        if (existing.name, existing.kurzname) != (name, kurzname):
            raise AmtConflict(
                _("error_amt_existiert",
                  default="Das Amt ${nummer} gibt es bereits als »${title}« (${kurzname}). "
                          "Zum Umbenennen bitte das Amt ändern.",
                  mapping={"nummer": nummer, "title": existing.title, "kurzname": existing.kurzname})
            )
        if not existing.aktiv:
            raise AmtConflict(
                _("error_amt_deaktiviert_onboarding",
                  default="Das Amt ${nummer} ist deaktiviert. Bitte aktivieren Sie es wieder, statt es neu anzulegen.",
                  mapping={"nummer": nummer})
            )
        amt = existing
    else:
        amt = Amt(nummer=nummer, name=name, kurzname=kurzname)
        _store(amt, portal)

    _ensure_groups(amt)
    _sync_postfach(amt, portal)
    added = [unit.kennzeichen for unit in units if amt.nummer not in (getattr(unit, "aemter", None) or [])]
    for unit in units:
        _lead(unit, amt)

    if existing is None:
        _protokoll(portal, "amt_angelegt", {"nummer": nummer, "name": name, "kurzname": kurzname,
                                            "kennzeichen": kennzeichen})
    elif added:
        _protokoll(portal, "amt_geaendert", {"nummer": nummer, "kennzeichen_hinzugefuegt": added})
    return amt


def lead_units(nummer, kennzeichen, portal=None) -> Amt:
    """Let an existing, active Amt lead further Aktenplaneinheiten (same rules as onboarding)."""
    amt = require_amt(_validate_nummer(nummer), portal)
    return onboard_amt(amt.nummer, amt.name, amt.kurzname, kennzeichen, portal=portal)


def rename_amt(nummer, name=None, kurzname=None, portal=None) -> Amt:
    """Change the name and/or short name of an Amt, and the titles of its groups and Postfach."""
    portal = portal or api.portal.get()
    amt = require_amt(_validate_nummer(nummer), portal)
    name, kurzname = _validate_names(amt.name if name is None else name,
                                     amt.kurzname if kurzname is None else kurzname)
    if (name, kurzname) == (amt.name, amt.kurzname):
        return amt
    renamed = replace(amt, name=name, kurzname=kurzname)
    _store(renamed, portal)
    _ensure_groups(renamed)
    _sync_postfach(renamed, portal)
    _protokoll(portal, "amt_geaendert", {"nummer": amt.nummer, "name": [amt.name, name],
                                         "kurzname": [amt.kurzname, kurzname]})
    return renamed


def deactivate_amt(nummer, portal=None) -> Amt:
    """Mark an Amt inactive: its Sachbearbeitung, Amtsleitung, Registratur and Poststelle groups
    lose their ``amt:<nr>`` grants, its Lesen group keeps reading, its Postfach is inactive.
    Nothing is deleted (records, groups, Postfach stay)."""
    portal = portal or api.portal.get()
    amt = require_amt(_validate_nummer(nummer), portal)
    if not amt.aktiv:
        return amt
    return _set_aktiv(amt, False, "amt_deaktiviert", portal)


def reactivate_amt(nummer, portal=None) -> Amt:
    """Undo a deactivation: the groups get their grants back, the Postfach is active again."""
    portal = portal or api.portal.get()
    amt = require_amt(_validate_nummer(nummer), portal)
    if amt.aktiv:
        return amt
    return _set_aktiv(amt, True, "amt_reaktiviert", portal)


def _set_aktiv(amt: Amt, aktiv: bool, event: str, portal) -> Amt:
    changed = replace(amt, aktiv=aktiv)
    _store(changed, portal)
    _ensure_groups(changed)
    _sync_postfach(changed, portal)
    units = led_units(changed.nummer)
    for unit in units:
        sync_unit(unit, portal)
    _protokoll(portal, event, {"nummer": changed.nummer, "kennzeichen": [u.kennzeichen for u in units]})
    return changed


def ensure_all_onboarded(portal=None) -> list[Amt]:
    """Complete every stored Amt (groups, Postfach, grants of the units it leads): for an
    upgrade step of a site whose Ämter were registered before onboarding existed. Idempotent."""
    portal = portal or api.portal.get()
    from eakte.posteingang import ensure_posteingang

    ensure_posteingang(portal)
    for amt in list_aemter(portal):
        _ensure_groups(amt)
        _sync_postfach(amt, portal)
    for unit in [u for units in units_by_amt().values() for u in units]:
        sync_unit(unit, portal)
    return list_aemter(portal)


def ensure_amt(nummer, name, kurzname, portal=None) -> Amt:
    """Former name of ``onboard_amt`` without Kennzeichen (kept for existing callers)."""
    return onboard_amt(nummer, name, kurzname, portal=portal)


def describe(amt: Amt, portal=None, units=None) -> dict:
    """An Amt with its groups, Postfach and led units (for the control panel and REST)."""
    from eakte import posteingang

    portal = portal or api.portal.get()
    postfach = posteingang.get_postfach(portal, amt.nummer)
    units = led_units(amt.nummer) if units is None else units
    return {
        "nummer": amt.nummer,
        "name": amt.name,
        "kurzname": amt.kurzname,
        "title": amt.title,
        "aktiv": amt.aktiv,
        "gruppen": amt_groups(amt),
        "postfach": postfach.absolute_url() if postfach is not None else None,
        "aktenplaneinheiten": [
            {"kennzeichen": unit.kennzeichen, "title": unit.Title(), "@id": unit.absolute_url()}
            for unit in units
        ],
    }
