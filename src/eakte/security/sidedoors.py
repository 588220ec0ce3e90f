"""No side doors: a record changes only through the Classic UI and the REST API, where the domain
rules, the Protokoll and the catalog see every change.

Two subscribers decide for every request into the e-Akte site, for every user including
Manager: ``refuse_webdav_methods`` (the site's IBeforeTraverseEvent, before anything is looked up
or authenticated) ends WebDAV methods, ``close_side_doors`` (IPubAfterTraversal, when Zope knows
what it would publish and for whom, before it runs) the rest, for URLs and XML-RPC alike:

- WebDAV is switched off: PROPFIND, PROPPATCH, MKCOL, LOCK, UNLOCK, MOVE, COPY, and PUT and
  DELETE unless a plone.rest service answers them, and the DAV/FTP methods published by name
  (``.../PROPPATCH``, ``manage_FTPget``): 405 Method Not Allowed.
- The Zope management (ZMI) methods are not published on records: nothing named ``manage`` or
  ``manage_*`` below a record (``manage_edit``, ``manage_renameObject``, ``manage_setLocalRoles``,
  ``manage_permission``, ``manage_main``, ...), and no method of a record object itself
  (``ZopeFind``, ``objectIds``, ...): the UI and REST publish views and services, never methods
  of the content object. 403.
- Plone's sharing does not grant roles on records (``@@sharing``, ``@@updateSharingInfo``,
  ``POST @sharing``): roles on records come from Ämter, Beteiligung and confidentiality only,
  each with its cause and Protokoll (``eakte.security``). 403.
- A state-changing REST call that is authenticated by the login cookie (no Authorization header)
  must be JSON and come from the e-Akte's own pages (Origin / Sec-Fetch-Site / Referer): a
  hostile page can make the browser send the cookie, but not these headers. 403 CSRFError.
  Clients with Basic auth or a token are not affected.
"""

from Acquisition import aq_base
from eakte import _
from eakte.exceptions import EakteError
from eakte.interfaces import IEakteLayer
from plone.app.workflow.browser.sharing import SharingView
from plone.base.interfaces import IPloneSiteRoot
from plone.browserlayer.interfaces import ILocalBrowserLayerType
from plone.rest.interfaces import IAPIRequest
from plone.rest.interfaces import IService
from plone.restapi.services.content.sharing import SharingPost
from Products.Five import BrowserView
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zExceptions import MethodNotAllowed
from ZPublisher.xmlrpc import is_xmlrpc_response


# The portal types of the e-Akte: records and the containers of the Aktenplan and Posteingang.
RECORD_TYPES = frozenset({"Aktenplan", "Aktenplaneinheit", "Akte", "Vorgang", "Dokument",
                          "Posteingang", "Postfach"})

WEBDAV_METHODS = frozenset({"PROPFIND", "PROPPATCH", "MKCOL", "LOCK", "UNLOCK", "MOVE", "COPY"})
# PUT and DELETE are REST verbs as well: WebDAV only when no plone.rest service answers them.
WEBDAV_OR_REST_METHODS = frozenset({"PUT", "DELETE"})
# DAV and FTP methods of Zope objects, also when published by name (POST .../PROPPATCH).
WEBDAV_NAMES = WEBDAV_METHODS | WEBDAV_OR_REST_METHODS | frozenset({
    "manage_DAVget", "manage_FTPget", "manage_FTPlist", "manage_FTPstat", "listDAVObjects",
    "PUT_factory",
})
ALLOW = "GET, HEAD, POST, PATCH, DELETE, OPTIONS"  # the Allow header of a 405
# Methods of a record object that the publisher may still call: HEAD and OPTIONS answer headers.
PUBLIC_RECORD_METHODS = frozenset({"HEAD", "OPTIONS"})

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
LOGIN_COOKIES = ("__ac", "auth_token")  # Plone's session cookie, plone.restapi's JWT cookie
SAME_ORIGIN_FETCH_SITES = frozenset({"same-origin", "none"})
DEFAULT_PORTS = {"http": 80, "https": 443}


WEBDAV_DISABLED = _(
    "webdav_disabled",
    default="WebDAV ist in der e-Akte abgeschaltet. Bitte arbeiten Sie über die Oberfläche oder "
    "die REST-API.",
)
ZMI_METHOD_REFUSED = _(
    "zmi_method_refused",
    default="Diese Verwaltungsfunktion von Zope ist für e-Akte-Objekte abgeschaltet. Bitte "
    "arbeiten Sie über die Oberfläche oder die REST-API.",
)
SHARING_REFUSED = _(
    "sharing_refused",
    default="Rollen in der e-Akte werden nicht über „Freigabe“ vergeben: Zugriff entsteht aus den "
    "Ämtern, der Beteiligung und den Zugriffsberechtigten einer vertraulichen Akte.",
)
CSRF_REFUSED = _(
    "csrf_refused",
    default="Die Änderung wurde abgelehnt: Mit dem Anmelde-Cookie sind Änderungen über die "
    "REST-API nur als JSON (Content-Type: application/json) und nur von Seiten der e-Akte selbst "
    "möglich. Andere Programme melden sich mit einem Token oder mit Benutzername und Passwort an.",
)


XMLRPC_REFUSALS = {405: MethodNotAllowed, 403: Forbidden}


class WebDAVDisabled(EakteError):
    """WebDAV is switched off for the e-Akte."""

    status = 405


class NotPublishable(EakteError):
    """A management method of Zope, not a way to change a record."""

    status = 403


class SharingRefused(EakteError):
    """Local roles on records are granted with a cause, never through Plone's sharing."""

    status = 403


class CSRFError(EakteError):
    """A cookie-authenticated change that did not come from the e-Akte's own pages as JSON."""

    status = 403


def is_record(obj) -> bool:
    return getattr(aq_base(obj), "portal_type", None) in RECORD_TYPES


def _published(request):
    return request.get("PUBLISHED")


def _name(published) -> str:
    return getattr(published, "__name__", "") or ""


def _is_zmi_name(name: str) -> bool:
    return name == "manage" or name.startswith("manage_")


def _through_record(request) -> bool:
    return any(is_record(obj) for obj in request.get("PARENTS") or ())


# -- WebDAV -----------------------------------------------------------------------------------


def _webdav_disabled():
    return WebDAVDisabled(WEBDAV_DISABLED)


def _is_eakte_site(site) -> bool:
    sm = site.getSiteManager()
    return any(layer is IEakteLayer for __, layer in sm.getUtilitiesFor(ILocalBrowserLayerType))


def _may_be_rest(request, method) -> bool:
    """PUT and DELETE are REST verbs too: DELETE of content, PUT of a service such as ``@types``."""
    if not (IAPIRequest.providedBy(request) or "/++api++" in request.get("PATH_INFO", "")):
        return False
    if method == "PUT":
        return any(step.startswith("@") for step in request.get("PATH_INFO", "").split("/"))
    return True


def refuse_webdav_methods(site, event):
    """Subscriber (the site's IBeforeTraverseEvent): a WebDAV method ends before anything is looked
    up or authenticated, so it answers 405 for everybody and reveals nothing."""
    request = event.request
    method = request.get("REQUEST_METHOD", "GET").upper()
    dav_only = method in WEBDAV_OR_REST_METHODS and not _may_be_rest(request, method)
    if (method in WEBDAV_METHODS or dav_only) and _is_eakte_site(site):
        request.response.setHeader("Allow", ALLOW)
        raise _webdav_disabled()


def refuse_webdav(request):
    """After traversal: also what was published by a DAV name (POST .../PROPPATCH)."""
    method = request.get("REQUEST_METHOD", "GET").upper()
    published = _published(request)
    is_rest = IService.providedBy(published)
    if method in WEBDAV_METHODS or (method in WEBDAV_OR_REST_METHODS and not is_rest) or (
        not is_rest and _name(published) in WEBDAV_NAMES
    ):
        request.response.setHeader("Allow", ALLOW)
        raise _webdav_disabled()


# -- ZMI methods ------------------------------------------------------------------------------


def _record_method(published) -> bool:
    """A method of a record object itself (not a view or service of it)."""
    owner = getattr(published, "__self__", None)
    return owner is not None and is_record(owner) and _name(published) not in PUBLIC_RECORD_METHODS


def refuse_management_methods(request):
    published = _published(request)
    steps = list(getattr(request, "steps", ()) or ())
    zmi = _through_record(request) and any(_is_zmi_name(step) for step in steps)
    if zmi or _record_method(published):
        raise NotPublishable(ZMI_METHOD_REFUSED)


# -- Plone's sharing --------------------------------------------------------------------------


def _sharing_refused_on(obj) -> bool:
    """Records, and the site: a role granted on the site root is inherited by every record."""
    return is_record(obj) or IPloneSiteRoot.providedBy(obj)


def refuse_sharing(request):
    published = _published(request)
    if isinstance(published, (SharingView, SharingPost)) and _sharing_refused_on(published.context):
        raise SharingRefused(SHARING_REFUSED)


class SharingOffered(BrowserView):
    """``object/@@eakte-sharing-offered``: the condition of Plone's "Freigabe" tab."""

    def __call__(self):
        return not _sharing_refused_on(self.context)


# -- Cross-site requests with the login cookie ------------------------------------------------


def _origin(url: str) -> tuple | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


def _is_cookie_authenticated(request) -> bool:
    if request.getHeader("Authorization"):
        return False
    cookies = getattr(request, "cookies", {}) or {}
    return any(cookies.get(name) for name in LOGIN_COOKIES)


def _is_json(request) -> bool:
    content_type = (request.getHeader("Content-Type") or "").split(";")[0].strip().lower()
    return content_type == "application/json" or (content_type.startswith("application/")
                                                   and content_type.endswith("+json"))


def is_same_origin(request) -> bool:
    """Every origin header the browser sent names the request's own host, and there is one."""
    own = _origin(request.get("SERVER_URL", ""))
    origin = request.getHeader("Origin")
    fetch_site = request.getHeader("Sec-Fetch-Site")
    referer = request.getHeader("Referer")
    if origin is None and fetch_site is None and referer is None:
        return False
    if origin is not None and _origin(origin) != own:
        return False
    if fetch_site is not None and fetch_site.strip().lower() not in SAME_ORIGIN_FETCH_SITES:
        return False
    if referer is not None and _origin(referer) != own:
        return False
    return own is not None


def refuse_cross_site_writes(request):
    method = request.get("REQUEST_METHOD", "GET").upper()
    if method not in UNSAFE_METHODS or not IAPIRequest.providedBy(request):
        return
    if not _is_cookie_authenticated(request):
        return
    if (method in METHODS_WITH_BODY and not _is_json(request)) or not is_same_origin(request):
        raise CSRFError(CSRF_REFUSED)


# -- the one place --------------------------------------------------------------------------


def close_side_doors(event):
    """Subscriber (IPubAfterTraversal) for every request into an e-Akte site."""
    request = event.request
    if not IEakteLayer.providedBy(request):
        return
    try:
        refuse_webdav(request)
        refuse_cross_site_writes(request)
        refuse_sharing(request)
        refuse_management_methods(request)
    except EakteError as error:
        if is_xmlrpc_response(request.response):
            # XML-RPC (POST text/xml naming a method) has no JSON or HTML error page: Zope's own
            # exception with the same status and the German text.
            raise XMLRPC_REFUSALS[error.status](error.translated(request)) from None
        raise
