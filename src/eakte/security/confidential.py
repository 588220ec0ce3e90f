"""Confidential Akten (Vertraulichkeitsstufe "vertraulich", e.g. a Personalakte).

A confidential Akte blocks inherited local roles: only the named people and groups
(field ``berechtigte``) see it or anything inside it. Nobody else learns that it exists: the
catalog (listings, search, navigation, livesearch) filters it by its security index, a URL or
UID that leads to it answers 404 (not 401/403), and every read of it is protocolled.
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from AccessControl import getSecurityManager
from AccessControl.PermissionRole import rolesForPermissionOn
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from zExceptions import NotFound
from eakte import security
from eakte.vocabularies import VERTRAULICH
from plone import api
from plone.rest.traverse import RESTWrapper
from plone.protect.interfaces import IDisableCSRFProtection
from zope.container.interfaces import IContainerModifiedEvent
from plone.app.content.namechooser import NormalizingNameChooser as NameChooser
from uuid import uuid4
from zope.interface import alsoProvides


CAUSE = security.cause(security.VERTRAULICH)
READ_METHODS = ("GET", "HEAD")


def is_confidential(obj) -> bool:
    return getattr(aq_base(obj), "vertraulichkeitsstufe", None) == VERTRAULICH


def confidential_akte(obj):
    """The confidential Akte that obj is (or is inside), or None."""
    obj = _unwrapped(obj)
    for item in aq_chain(aq_inner(obj)):
        if is_confidential(item):
            return item
    return None


def _unwrapped(obj):
    """The content object behind plone.rest's traversal wrapper (it delegates attributes)."""
    while isinstance(obj, RESTWrapper):
        obj = obj.context
    return obj


def apply(akte) -> None:
    """Make Zope's security follow the Akte's Vertraulichkeitsstufe and its named principals.
    Grants re-index the Akte's security themselves; the block flag only when it changes."""
    from eakte.security import berechtigte
    from eakte.security import beteiligung

    blocked = bool(getattr(aq_base(akte), "__ac_local_roles_block__", False))
    if is_confidential(akte):
        berechtigte.fill_in(akte)
        berechtigte.check(akte)
        beteiligung.end_all(akte, reason="vertraulich")
        if not blocked:
            akte.__ac_local_roles_block__ = True
            akte.reindexObjectSecurity()
        named = berechtigte.wanted(akte)
        for principal, roles in security.grants(akte).items():
            for role, causes in roles.items():
                if CAUSE in causes and role not in named.get(principal, ()):
                    security.revoke(akte, principal, CAUSE, roles=[role])
        for principal, roles in named.items():
            security.grant(akte, principal, list(roles), CAUSE)
    else:
        if blocked:
            akte.__ac_local_roles_block__ = False
            akte.reindexObjectSecurity()
        security.revoke_cause(akte, CAUSE)


def prepare(akte, event):
    """Subscriber (IObjectWillBeAddedEvent): a new confidential Akte is complete before it is
    numbered and protocolled: Zugriffsberechtigte filled in and checked."""
    from eakte.security import berechtigte

    if event.object is akte and is_confidential(akte) and event.newParent is not None:
        berechtigte.fill_in(akte)
        berechtigte.check(akte, event.newParent)


def akte_saved(akte, event):
    """On creation and on edits of the Akte itself; filing into it (a container event) changes
    nothing here and must stay cheap."""
    if event.object is akte and not IContainerModifiedEvent.providedBy(event):
        apply(akte)


def _content_of(published):
    """The content object a published view, method or object belongs to."""
    for candidate in (getattr(published, "context", None), getattr(published, "__self__", None),
                      getattr(published, "im_self", None), published):
        if candidate is not None and hasattr(aq_base(candidate), "portal_type"):
            return candidate
    return None


def _traversed(request):
    """Everything the request went through, outermost first, and what it published."""
    return [*reversed(request.get("PARENTS") or []), request.get("PUBLISHED")]


def may_see(akte, request=None) -> bool:
    """Whether the current user may know that the Akte exists. When Zope refuses the published
    object during traversal the user is not established yet: then ask the user folder who
    sent the request."""
    user = getSecurityManager().getUser()
    if request is not None and user.getUserName() == "Anonymous User":
        user = _requesting_user(akte, request) or user
    roles = rolesForPermissionOn("Access contents information", akte)
    return bool(user.allowed(akte, roles))


def _requesting_user(akte, request):
    """The authenticated user of the request (site users first, then Zope's), not authorized
    for anything in particular."""
    missing = "PUBLISHED" not in request.other  # traversal failed before publishing anything
    if missing:
        request.other["PUBLISHED"] = akte
    try:
        for item in aq_chain(aq_inner(akte)):
            acl_users = getattr(aq_base(item), "acl_users", None)
            if acl_users is not None and hasattr(acl_users, "validate"):
                user = getattr(item, "acl_users").validate(request, request._auth, None)
                if user is not None and user.getUserName() != "Anonymous User":
                    return user
        return None
    finally:
        if missing:
            del request.other["PUBLISHED"]


def hidden_akte(request):
    """The confidential Akte the request passed through without being allowed to see it."""
    for obj in _traversed(request):
        if obj is None or not hasattr(aq_base(obj), "portal_type"):
            continue
        akte = confidential_akte(obj)
        if akte is not None:
            return None if may_see(akte, request) else akte
    return None


def hide(event):
    """Subscriber (IPubAfterTraversal): a request that went through a confidential Akte the user
    may not see ends as if it did not exist, whatever it published: a public method such as
    ``getId`` or ``getTypeInfo``, a view, a REST service, a WebDAV method, a HEAD request."""
    request = event.request
    akte = hidden_akte(request)
    if akte is not None:
        conceal(request, akte)
        raise NotFound(request.get("URL", ""))


def _path(obj) -> tuple:
    get_path = getattr(obj, "getPhysicalPath", None)
    return get_path() if callable(get_path) else ()


def conceal(request, akte) -> None:
    """Answer as if traversal had stopped in front of the Akte: the error page (and the JSON
    error's "context") is rendered in the closest visible container, exactly as for a name
    that does not exist there."""
    inside = set()
    for obj in _traversed(request):
        found = confidential_akte(obj) if obj is not None else None
        if found is not None and aq_base(found) is aq_base(akte):
            inside.add(id(obj))
    visible = [obj for obj in request.get("PARENTS") or [] if id(obj) not in inside]
    # innermost first, as after a completed traversal (during it the list is the other way round)
    visible.sort(key=lambda obj: -len(_path(obj)))
    request["PARENTS"] = visible
    # A name that does not exist ends traversal before Zope knows the user: the 404 page is
    # rendered for Anonymous. So is this one, or the logged-in toolbar would tell the difference.
    newSecurityManager(request, nobody)
    request.response.setBase(None)  # traversal sets the <base> only when it succeeds


def after_traversal(event):
    """Subscriber (IPubAfterTraversal), in this order: end emergency accesses that ran out, hide
    what the user may not see, protocol the reads of confidential objects."""
    from eakte.security import notfall

    notfall.sweep_on_traversal(event)
    hide(event)
    protocol_read(event)


def protocol_read(event):
    """Every read (view, download, preview, REST GET) of a confidential object is an entry."""
    request = event.request
    if request.get("REQUEST_METHOD", "GET") not in READ_METHODS:
        return
    content = _content_of(request.get("PUBLISHED"))
    if content is None or confidential_akte(content) is None:
        return
    from eakte import protokoll

    log = getattr(protokoll, "log", None)
    if log is None:
        return
    alsoProvides(request, IDisableCSRFProtection)  # a read that writes its own protocol entry
    published = request.get("PUBLISHED")
    view = getattr(published, "__name__", "") or request.get("ACTUAL_URL", "").rsplit("/", 1)[-1]
    log(content, "gelesen", {"ansicht": view, "url": request.get("ACTUAL_URL", "")})


class AktenplaneinheitNameChooser(NameChooser):
    """Ids (URL names) in an Aktenplaneinheit. A confidential Akte gets a random one, whatever
    name was asked for: a name made from its title would put the title into every URL, and a
    colleague creating an Akte of the same title next to it would get "-1" and learn that it
    exists."""

    def chooseName(self, name, obj):
        if is_confidential(obj):
            return f"akte-{uuid4().hex[:16]}"
        return super().chooseName(name, obj)
