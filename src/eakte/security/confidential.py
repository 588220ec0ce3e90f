"""Confidential Akten (Vertraulichkeitsstufe "vertraulich", e.g. a Personalakte).

A confidential Akte blocks inherited local roles: only the named people and groups
(field ``berechtigte``) see it or anything inside it. Nobody else learns that it exists: the
catalog (listings, search, navigation, livesearch) filters it by its security index, a URL or
UID that leads to it answers 404 (not 401/403), and every read of it is protocolled.
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from eakte import security
from eakte.vocabularies import VERTRAULICH
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import alsoProvides


CAUSE = security.cause(security.VERTRAULICH)
READ_METHODS = ("GET", "HEAD")


def is_confidential(obj) -> bool:
    return getattr(aq_base(obj), "vertraulichkeitsstufe", None) == VERTRAULICH


def confidential_akte(obj):
    """The confidential Akte that obj is (or is inside), or None."""
    for item in aq_chain(aq_inner(obj)):
        if is_confidential(item):
            return item
    return None


def apply(akte) -> None:
    """Make Zope's security follow the Akte's Vertraulichkeitsstufe and its named principals.
    Grants re-index the Akte's security themselves; the block flag only when it changes."""
    blocked = bool(getattr(aq_base(akte), "__ac_local_roles_block__", False))
    if is_confidential(akte):
        if not blocked:
            akte.__ac_local_roles_block__ = True
            akte.reindexObjectSecurity()
        named = [p.strip() for p in (akte.berechtigte or []) if p and p.strip()]
        if not named:
            named = [api.user.get_current().getId()]
            akte.berechtigte = named
        for principal in named:
            security.grant(akte, principal, ["Sachbearbeitung"], CAUSE)
        for principal, roles in security.grants(akte).items():
            if principal not in named and any(CAUSE in causes for causes in roles.values()):
                security.revoke(akte, principal, CAUSE)
    else:
        if blocked:
            akte.__ac_local_roles_block__ = False
            akte.reindexObjectSecurity()
        security.revoke_cause(akte, CAUSE)


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
