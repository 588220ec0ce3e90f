"""Nobody learns that a confidential Akte exists: 404 instead of 401/403, and UID links that
resolve only to what the user may see."""

from eakte.security.confidential import conceal
from eakte.security.confidential import hidden_akte
from plone import api
from plone.rest.errors import ErrorHandling
from Products.Five import BrowserView
from zExceptions import NotFound
from zope.component import getSiteManager
from zope.interface import implementedBy
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import providedBy
from zope.publisher.interfaces import IPublishTraverse



class UnauthorizedView(BrowserView):
    """Unauthorized on (or inside) a confidential Akte answers exactly like a missing page."""

    def __call__(self):
        request, response = self.request, self.request.response
        akte = hidden_akte(request)
        if akte is None:
            return self._render(Exception, self.context, self.__parent__)
        conceal(request, akte)
        for header in ("location", "www-authenticate"):
            response.headers.pop(header, None)
        response._has_challenged = True
        response.setStatus(404, lock=1)
        parents = request.get("PARENTS") or [self.__parent__]
        return self._render(NotFound, NotFound(request.get("URL", "")), parents[0])

    def _render(self, exception_class, exception, parent):
        """The exception view Zope would have used without this one."""
        factory = getSiteManager().adapters.lookup(
            (implementedBy(exception_class), providedBy(self.request)), Interface, "index.html"
        )
        view = factory(exception, self.request)
        view.__parent__ = parent
        return view()


class NotFoundErrorHandling(ErrorHandling):
    """plone.rest's JSON 404 without a traceback (that would tell a Manager where it came
    from): a hidden object and a missing one answer the same bytes."""

    def render_exception(self, exception):
        result = super().render_exception(exception)
        if result:
            result.pop("traceback", None)
        return result


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
