"""Ämter (Organisationseinheiten): the departments of the city administration.

This is the one place where Ämter are kept. Each Amt is stored on the site
(number, name, short name, active flag) and has a group of its own, ``amt-<nummer>``,
so that later work can grant it roles on its part of the Aktenplan.
"""

from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from eakte import _
from plone import api
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "eakte.organisation.aemter"


class OrganisationError(ValueError):
    """A precondition of an Amt operation failed; the message is translatable."""


@dataclass(frozen=True)
class Amt:
    nummer: str
    name: str
    kurzname: str
    aktiv: bool = True

    @property
    def group_id(self) -> str:
        return group_id(self.nummer)

    @property
    def title(self) -> str:
        return f"{self.nummer} {self.name}"


def group_id(nummer: str) -> str:
    return f"amt-{nummer}"


def _storage(portal=None, create=False):
    portal = portal or api.portal.get()
    annotations = IAnnotations(portal)
    storage = annotations.get(ANNOTATION_KEY)
    if storage is None and create:
        storage = annotations[ANNOTATION_KEY] = OOBTree()
    return storage


def list_aemter(portal=None) -> list[Amt]:
    """All Ämter, ordered by number."""
    storage = _storage(portal)
    if not storage:
        return []
    return [Amt(**dict(record)) for record in storage.values()]


def get_amt(nummer: str, portal=None) -> Amt | None:
    storage = _storage(portal)
    record = storage.get(nummer) if storage else None
    return Amt(**dict(record)) if record is not None else None


def ensure_amt(nummer: str, name: str, kurzname: str, portal=None) -> Amt:
    """Register an Amt and its group; running it again with the same data changes nothing."""
    nummer, name, kurzname = (nummer or "").strip(), (name or "").strip(), (kurzname or "").strip()
    if not nummer.isdigit():
        raise OrganisationError(
            _("error_amt_nummer", default="Die Amtsnummer muss aus Ziffern bestehen.")
        )
    if not name or not kurzname:
        raise OrganisationError(
            _("error_amt_name", default="Name und Kurzname des Amtes sind Pflichtangaben.")
        )
    storage = _storage(portal, create=True)
    amt = Amt(nummer=nummer, name=name, kurzname=kurzname)
    if storage.get(nummer) != amt.__dict__:
        storage[nummer] = dict(amt.__dict__)
    if api.group.get(groupname=amt.group_id) is None:
        api.group.create(groupname=amt.group_id, title=amt.title, description=kurzname)
    return amt
