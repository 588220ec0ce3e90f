"""Local roles with a cause: every grant records why (Amt, Beteiligung, confidentiality, named
person), so that revoking one cause leaves the others intact.

The causes are stored on the object (annotation) next to Zope's own local roles, which are
always derived from them: a principal has a local role on an object as long as at least one
cause for it remains.
"""

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


KEY = "eakte.security.causes"

# Causes are strings "<kind>:<detail>", e.g. "amt:11", "beteiligung:20", "vertraulich", "person".
AMT = "amt"
BETEILIGUNG = "beteiligung"
VERTRAULICH = "vertraulich"
PERSON = "person"


def cause(kind: str, detail: str = "") -> str:
    return f"{kind}:{detail}" if detail else kind


class ILocalRolesChangedEvent(IObjectEvent):
    principal = Attribute("user or group id")
    roles = Attribute("roles granted or revoked")
    cause = Attribute("why")
    granted = Attribute("True: granted, False: revoked")


@implementer(ILocalRolesChangedEvent)
class LocalRolesChangedEvent(ObjectEvent):
    def __init__(self, obj, principal, roles, cause, granted):
        super().__init__(obj)
        self.principal = principal
        self.roles = tuple(roles)
        self.cause = cause
        self.granted = granted


def _causes(obj, create=False):
    annotations = IAnnotations(obj)
    causes = annotations.get(KEY)
    if causes is None and create:
        causes = annotations[KEY] = OOBTree()  # principal -> {role: [cause, ...]}
    return causes


def grants(obj) -> dict:
    """{principal: {role: [causes]}} of this object (not inherited ones)."""
    causes = _causes(obj)
    if not causes:
        return {}
    return {principal: {role: list(c) for role, c in roles.items()} for principal, roles in causes.items()}


def _sync(obj, principal):
    """Zope's local roles of principal = the roles that still have a cause (plus roles set
    outside this module, e.g. Owner, which are left alone)."""
    causes = _causes(obj) or {}
    managed = causes.get(principal, {})
    current = set(obj.get_local_roles_for_userid(principal))
    wanted_managed = {role for role, c in managed.items() if c}
    all_managed_roles = set(managed)
    roles = (current - all_managed_roles) | wanted_managed
    if roles:
        obj.manage_setLocalRoles(principal, sorted(roles))
    else:
        obj.manage_delLocalRoles([principal])
    # drop roles without cause from the record
    for role in [r for r, c in managed.items() if not c]:
        del managed[role]
    if principal in causes and not causes[principal]:
        del causes[principal]


def grant(obj, principal: str, roles, why: str) -> bool:
    """Grant roles to principal on obj because of `why`. Returns True if anything changed."""
    causes = _causes(obj, create=True)
    record = causes.get(principal)
    if record is None:
        record = causes[principal] = PersistentMapping()
    changed = []
    for role in roles:
        reasons = list(record.get(role, []))
        if why not in reasons:
            record[role] = reasons + [why]
            changed.append(role)
    if changed:
        _sync(obj, principal)
        obj.reindexObjectSecurity()
        notify(LocalRolesChangedEvent(obj, principal, changed, why, True))
    return bool(changed)


def revoke(obj, principal: str, why: str, roles=None) -> bool:
    """Remove the cause `why` (for the given roles, or all) from principal on obj.
    A role goes away only when no other cause keeps it."""
    causes = _causes(obj)
    record = causes.get(principal) if causes else None
    if not record:
        return False
    changed = []
    for role in list(record):
        if roles is not None and role not in roles:
            continue
        reasons = [r for r in record[role] if r != why]
        if len(reasons) != len(record[role]):
            record[role] = reasons
            changed.append(role)
    if changed:
        _sync(obj, principal)
        obj.reindexObjectSecurity()
        notify(LocalRolesChangedEvent(obj, principal, changed, why, False))
    return bool(changed)


def revoke_cause(obj, why: str) -> list[str]:
    """Remove one cause for all principals on obj; returns the principals affected."""
    causes = _causes(obj)
    affected = []
    for principal in list(causes or {}):
        if revoke(obj, principal, why):
            affected.append(principal)
    return affected


# Inside a confidential Akte only the roles granted on it count, for every user class Zope asks
# (see eakte.security.roles). Installed when the package is imported, i.e. before any request.
from eakte.security import roles as _roles  # noqa: E402


_roles.install()
