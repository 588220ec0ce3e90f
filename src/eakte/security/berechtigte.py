"""Zugriffsberechtigte of a confidential Akte: who may see it, and with which right.

Each entry is a person (user id) or an Amt group (``amt-<nr>-<rolle>``), in the field
``berechtigte`` (Bearbeiten: the role Sachbearbeitung) or ``berechtigte_lesen`` (the role
Lesen). System and site-wide groups (AuthenticatedUsers, Administrators, Site Administrators,
the archive's group, ...) are refused: they would open the Akte to everybody in them.
Sachbearbeitung may name only principals of the Federführung's Amt; naming others takes the
Amtsleitung (the permission to grant a Beteiligung).
"""

from Acquisition import aq_parent
from eakte import _
from eakte.exceptions import InvalidInput
from plone import api

import re


AMT_GROUP = re.compile(r"^amt-(?P<amt>[^-]+)-[a-z]+$")
BEARBEITEN = ("Sachbearbeitung",)
LESEN = ("Lesen",)
PERMISSION_OTHER_AEMTER = "eakte: Grant Beteiligung"


def _clean(values) -> list[str]:
    return [v.strip() for v in (values or []) if isinstance(v, str) and v.strip()]


def wanted(akte) -> dict:
    """{principal: roles} the Akte's fields ask for."""
    result = {principal: LESEN for principal in _clean(getattr(akte, "berechtigte_lesen", None))}
    result.update({principal: BEARBEITEN for principal in _clean(getattr(akte, "berechtigte", None))})
    return result


def aemter_of(principal: str) -> set[str] | None:
    """The Ämter a principal belongs to; None if it is no person and no Amt group."""
    match = AMT_GROUP.match(principal)
    if match and api.group.get(groupname=principal) is not None:
        return {match.group("amt")}
    if api.group.get(groupname=principal) is not None:
        return None  # a group, but no Amt group
    user = api.user.get(userid=principal) or api.user.get(username=principal)
    if user is None:
        return None
    return {m.group("amt") for g in api.group.get_groups(user=user) if (m := AMT_GROUP.match(g.getId()))}


def check(akte, container=None) -> None:
    """Refuse Zugriffsberechtigte that are not allowed (InvalidInput, German message)."""
    container = container if container is not None else aq_parent(akte)
    federfuehrung = getattr(akte, "federfuehrung_amt", None)
    may_name_others = container is not None and api.user.has_permission(PERMISSION_OTHER_AEMTER, obj=container)
    for principal in wanted(akte):
        aemter = aemter_of(principal)
        if aemter is None:
            raise InvalidInput(_("error_berechtigte_principal",
                                 default="»${principal}« ist keine Person und keine Gruppe eines Amtes; "
                                         "nur diese können Zugriffsberechtigte einer vertraulichen Akte sein.",
                                 mapping={"principal": principal}))
        if not may_name_others and federfuehrung not in aemter:
            raise InvalidInput(_("error_berechtigte_fremdes_amt",
                                 default="»${principal}« gehört nicht zum federführenden Amt ${amt}; "
                                         "Zugriffsberechtigte anderer Ämter benennt die Amtsleitung.",
                                 mapping={"principal": principal, "amt": federfuehrung or "–"}))


def fill_in(akte) -> None:
    """A confidential Akte without Zugriffsberechtigte names its creator (Bearbeiten), so that
    somebody can still open it."""
    if wanted(akte):
        return
    user = api.user.get_current()
    if user is not None and user.getId() and api.user.get(userid=user.getId()) is not None:
        akte.berechtigte = [user.getId()]
