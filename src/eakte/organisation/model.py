"""Ämter: the model (an Amt, its groups' ids, its roles) and where Ämter are stored (the site's
annotations), with the errors of every Amt operation."""

from BTrees.OOBTree import OOBTree
from dataclasses import asdict
from dataclasses import dataclass
from eakte import _
from eakte.exceptions import InvalidInput
from plone import api
from zope.annotation.interfaces import IAnnotations


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
