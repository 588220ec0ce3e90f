"""Nobody learns that a confidential Akte exists: 404 instead of 401/403, and UID links that
resolve only to what the user may see."""

from eakte.security.confidential import confidential_akte
from plone import api
from plone.rest.interfaces import IAPIRequest
from Products.Five import BrowserView
from zExceptions import NotFound
from zope.component import getSiteManager
from zope.interface import implementedBy
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import providedBy
from zope.publisher.interfaces import IPublishTraverse

import json


def _hidden_target(request):
    for obj in [request.get("PUBLISHED"), *(request.get("PARENTS") or [])]:
        if obj is not None and confidential_akte(obj) is not None:
            return True
    return False


class UnauthorizedView(BrowserView):
    """Unauthorized on (or inside) a confidential Akte answers like a missing page."""

    def __call__(self):
        request, response = self.request, self.request.response
        if not _hidden_target(request):
            return self._default()
        response.setStatus(404, lock=1)
        for header in ("location", "www-authenticate"):
            response.headers.pop(header, None)
        response._has_challenged = True
        if IAPIRequest.providedBy(request) or "text/html" not in request.getHeader("Accept", ""):
            response.setHeader("Content-Type", "application/json")
            body = json.dumps({"type": "NotFound", "message": "Resource not found"})
            response.setBody(body, lock=1)
            return body
        view = self._lookup(NotFound)(NotFound(), request)
        view.__parent__ = self.__parent__
        return view()

    def _lookup(self, exception_class):
        """The exception view Zope would have used without this one."""
        return getSiteManager().adapters.lookup(
            (implementedBy(exception_class), providedBy(self.request)), Interface, "index.html"
        )

    def _default(self):
        factory = self._lookup(Exception)
        view = factory(self.context, self.request)
        view.__parent__ = self.__parent__
        return view()


@implementer(IPublishTraverse)
class VisibleUIDRedirect(BrowserView):
    """resolveuid/<uid> and @@redirect-to-uuid/<uid>, resolved only among what the user may see."""

    uuid = None
    subpath = ()

    def publishTraverse(self, request, name):
        if self.uuid is None:
            self.uuid = name
        else:
            self.subpath = (*self.subpath, name)
        return self

    def __call__(self):
        brains = api.portal.get_tool("portal_catalog")(UID=self.uuid) if self.uuid else []
        if not brains:
            raise NotFound("The link you followed is broken")
        url = "/".join([brains[0].getURL(), *self.subpath])
        if self.request.QUERY_STRING:
            url += "?" + self.request.QUERY_STRING
        self.request.response.redirect(url, status=301)
        return ""
