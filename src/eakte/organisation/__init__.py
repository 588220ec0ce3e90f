"""Ämter (Organisationseinheiten): the departments of the city administration.

This is the one place where Ämter are kept. Each Amt is stored on the site (number, name, short
name, active flag) and has

- an umbrella group ``amt-<nummer>`` (all its staff; the role groups are members of it),
- one group per role an Amt has, ``amt-<nummer>-<rolle>`` (Sachbearbeitung, Amtsleitung,
  Registratur, Lesen, Poststelle), which receive their roles as local roles with the cause
  ``amt:<nummer>`` (see ``eakte.security``) on the Aktenplaneinheiten the Amt leads (their field
  ``aemter``) and on its Postfach in the central Posteingang; Zope inherits them downwards.

``onboard_amt`` is the one domain service that brings a new Amt into the e-Akte (control panel,
REST ``POST @aemter`` and ``scripts/onboard_amt.py`` all call it). It is idempotent. Renaming and
deactivating never delete anything: a deactivated Amt keeps its groups, its Postfach and its
records; only its working grants are revoked (its Lesen group keeps reading).
"""

from BTrees.OOBTree import OOBTree
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace
from eakte import _
from eakte import security
from eakte.exceptions import InvalidInput
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent


ANNOTATION_KEY = "eakte.organisation.aemter"

# The roles an Amt has: (group suffix, role). Every Amt gets one group per role.
SACHBEARBEITUNG = "sachbearbeitung"
AMTSLEITUNG = "amtsleitung"
REGISTRATUR = "registratur"
LESEN = "lesen"
POSTSTELLE = "poststelle"
ROLE_GROUPS = (
    (SACHBEARBEITUNG, "Sachbearbeitung"),
    (AMTSLEITUNG, "Amtsleitung"),
    (REGISTRATUR, "Registratur"),
    (LESEN, "Lesen"),
    (POSTSTELLE, "Poststelle"),
)
ROLES = dict(ROLE_GROUPS)

# Which role groups receive their role where.
UNIT_GROUPS = (SACHBEARBEITUNG, AMTSLEITUNG, REGISTRATUR, LESEN)  # no Poststelle: no access to Akten
POSTFACH_GROUPS = (POSTSTELLE, SACHBEARBEITUNG, AMTSLEITUNG)
# What a deactivated Amt keeps: reading its records.
INACTIVE_GROUPS = (LESEN,)


class OrganisationError(InvalidInput):
    """A precondition of an Amt operation failed (400); the message is translatable."""


class UnknownAmt(OrganisationError):
    """There is no Amt with that number (404)."""

    status = 404


class AmtConflict(OrganisationError):
    """The Amt exists in a way that does not allow the action (409)."""

    status = 409


@dataclass(frozen=True)
class Amt:
    nummer: str
    name: str
    kurzname: str
    aktiv: bool = True

    @property
    def group_id(self) -> str:
        """The umbrella group of the Amt (all its staff)."""
        return group_id(self.nummer)

    @property
    def title(self) -> str:
        return f"{self.nummer} {self.name}"

    def role_group_id(self, key: str) -> str:
        return role_group_id(self.nummer, key)

    def role_group_title(self, key: str) -> str:
        return f"{self.title}: {ROLES[key]}"

    @property
    def role_group_ids(self) -> dict:
        """{role: group id} of the Amt's role groups."""
        return {role: self.role_group_id(key) for key, role in ROLE_GROUPS}


def group_id(nummer: str) -> str:
    return f"amt-{nummer}"


def role_group_id(nummer: str, key: str) -> str:
    return f"amt-{nummer}-{key}"


def _storage(portal=None, create=False):
    portal = portal or api.portal.get()
    annotations = IAnnotations(portal)
    storage = annotations.get(ANNOTATION_KEY)
    if storage is None and create:
        storage = annotations[ANNOTATION_KEY] = OOBTree()
    return storage


_FIELDS = ("nummer", "name", "kurzname", "aktiv")


def _amt(record) -> Amt:
    return Amt(**{key: value for key, value in dict(record).items() if key in _FIELDS})


def list_aemter(portal=None, aktiv=None) -> list[Amt]:
    """All Ämter, ordered by number (only active or inactive ones if ``aktiv`` is given)."""
    storage = _storage(portal)
    if not storage:
        return []
    aemter = sorted((_amt(record) for record in storage.values()), key=_sort_key)
    return [amt for amt in aemter if aktiv is None or amt.aktiv == aktiv]


def _sort_key(amt: Amt):
    return (int(amt.nummer), amt.nummer) if amt.nummer.isdigit() else (0, amt.nummer)


def get_amt(nummer: str, portal=None) -> Amt | None:
    storage = _storage(portal)
    record = storage.get(str(nummer)) if storage else None
    return _amt(record) if record is not None else None


def require_amt(nummer: str, portal=None) -> Amt:
    amt = get_amt(nummer, portal)
    if amt is None:
        raise UnknownAmt(_("error_amt_unbekannt", default="Das Amt ${nummer} gibt es nicht.",
                           mapping={"nummer": str(nummer)}))
    return amt


def _store(amt: Amt, portal=None):
    _storage(portal, create=True)[amt.nummer] = asdict(amt)


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


# Groups -------------------------------------------------------------------------------------


def _ensure_group(groupname: str, title: str, description: str) -> bool:
    group = api.group.get(groupname=groupname)
    if group is None:
        api.group.create(groupname=groupname, title=title, description=description)
        return True
    if group.getProperty("title") != title or group.getProperty("description") != description:
        group.setGroupProperties({"title": title, "description": description})
        return True
    return False


def _ensure_groups(amt: Amt) -> bool:
    """The umbrella group and the role groups (members of the umbrella group), with titles."""
    changed = _ensure_group(amt.group_id, amt.title, amt.kurzname)
    groups_tool = api.portal.get_tool("portal_groups")
    members = set(groups_tool.getGroupMembers(amt.group_id))
    for key, role in ROLE_GROUPS:
        groupname = amt.role_group_id(key)
        changed |= _ensure_group(groupname, amt.role_group_title(key), f"{amt.kurzname}: {role}")
        if groupname not in members:
            groups_tool.addPrincipalToGroup(groupname, amt.group_id)
            changed = True
    return changed


def groups(amt: Amt) -> list[dict]:
    """The groups of an Amt: the umbrella group first, then one per role."""
    result = []
    for groupname, role in [(amt.group_id, None)] + [(amt.role_group_id(k), r) for k, r in ROLE_GROUPS]:
        group = api.group.get(groupname=groupname)
        result.append({"id": groupname, "title": group.getProperty("title") if group else "", "rolle": role})
    return result


# Grants -------------------------------------------------------------------------------------


def _sync_grants(obj, amt: Amt, keys) -> bool:
    """The roles of the Amt's groups on obj, cause ``amt:<nummer>``: the groups in ``keys`` have
    their role (an inactive Amt only its Lesen group), the others have nothing for this cause."""
    why = security.cause(security.AMT, amt.nummer)
    wanted = [key for key in keys if amt.aktiv or key in INACTIVE_GROUPS]
    changed = False
    for key, role in ROLE_GROUPS:
        principal = amt.role_group_id(key)
        if key in wanted:
            changed |= security.grant(obj, principal, [role], why)
        else:
            changed |= security.revoke(obj, principal, why)
    return changed


def sync_unit(unit, portal=None) -> bool:
    """Align the ``amt:<nr>`` grants on an Aktenplaneinheit with its field ``aemter``: the Ämter
    listed there lead it (their groups get their roles), the Ämter not listed lose theirs."""
    led = set(getattr(unit, "aemter", None) or [])
    changed = False
    for amt in list_aemter(portal):
        changed |= _sync_grants(unit, amt, UNIT_GROUPS if amt.nummer in led else ())
    return changed


def unit_saved(unit, event):
    """Subscriber: whoever sets the field ``aemter`` (edit form, REST, import) changes the grants."""
    from zope.container.interfaces import IContainerModifiedEvent

    if event.object is not unit or IContainerModifiedEvent.providedBy(event):
        return
    sync_unit(unit)


def led_units(nummer: str) -> list:
    """The Aktenplaneinheiten whose field ``aemter`` names the Amt, ordered by Kennzeichen."""
    return units_by_amt().get(str(nummer), [])


def units_by_amt() -> dict:
    """{Amt number: [Aktenplaneinheiten it leads]} of the whole Aktenplan."""
    catalog = api.portal.get_tool("portal_catalog")
    result = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="Aktenplaneinheit"):
        unit = brain._unrestrictedGetObject()
        for nummer in getattr(unit, "aemter", None) or []:
            result.setdefault(nummer, []).append(unit)
    for units in result.values():
        units.sort(key=lambda u: [int(p) if p.isdigit() else 0 for p in (u.kennzeichen or "").split(".")])
    return result


def _lead(unit, amt: Amt) -> bool:
    """Add the Amt to the unit's ``aemter`` (if missing) and grant its roles there."""
    changed = False
    aemter = list(getattr(unit, "aemter", None) or [])
    if amt.nummer not in aemter:
        unit.aemter = aemter + [amt.nummer]
        from eakte.aktenplan.content import IAktenplaneinheit

        notify(ObjectModifiedEvent(unit, Attributes(IAktenplaneinheit, "aemter")))
        changed = True
    changed |= sync_unit(unit)
    return changed


def _sync_postfach(amt: Amt, portal) -> bool:
    from eakte import posteingang

    postfach, changed = posteingang.ensure_postfach(portal, amt.nummer, amt.title)
    changed |= posteingang.set_aktiv(postfach, amt.aktiv)
    changed |= _sync_grants(postfach, amt, POSTFACH_GROUPS)
    return changed


# Protokoll ----------------------------------------------------------------------------------


def _protokoll(portal, action: str, details: dict):
    """Write to the site's Protokoll, once it exists (it is built in parallel). An action the
    Protokoll does not know yet is written as a generic change with ``{"aktion": action}``."""
    from eakte import protokoll

    log = getattr(protokoll, "log", None)
    if log is None:
        return
    known = getattr(protokoll, "ACTION_TITLES", None)
    if known is not None and action not in known:
        generic = getattr(protokoll, "GEAENDERT", None)
        if generic not in known:
            return
        action, details = generic, {"aktion": action, **details}
    log(portal, action, details)


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
        "gruppen": groups(amt),
        "postfach": postfach.absolute_url() if postfach is not None else None,
        "aktenplaneinheiten": [
            {"kennzeichen": unit.kennzeichen, "title": unit.Title(), "@id": unit.absolute_url()}
            for unit in units
        ],
    }
