"""Nobody learns that a confidential Akte exists: 404 instead of 401/403, and UID links that
resolve only to what the user may see."""

from eakte.security.confidential import conceal
from eakte.security.confidential import hidden_akte
from plone import api
from plone.rest.errors import ErrorHandling
from plone.rest.interfaces import IAPIRequest
from Products.Five import BrowserView
from zExceptions import NotFound
from zope.component import getSiteManager
from zope.interface import implementedBy
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import providedBy
from zope.publisher.interfaces import IPublishTraverse



def _default_view(exception, request, parent):
    """The exception view Zope would have used without the e-Akte's (Plone's page, or
    plone.rest's JSON for API requests), in the context of parent."""
    factory = getSiteManager().adapters.lookup(
        (implementedBy(Exception), providedBy(request)), Interface, "index.html"
    )
    view = factory(exception, request)
    view.__parent__ = parent
    return view


def _render_not_found(request, parent):
    request.response.setStatus(404, lock=1)
    exception = NotFound(request.get("URL", ""))
    if IAPIRequest.providedBy(request):
        view = NotFoundErrorHandling(exception, request)
        view.__parent__ = parent
        return view()
    return _default_view(exception, request, parent)()


def _concealed_parent(request, akte, fallback):
    conceal(request, akte)
    return (request.get("PARENTS") or [fallback])[0]


class UnauthorizedView(BrowserView):
    """Unauthorized on (or inside) a confidential Akte answers exactly like a missing page."""

    def __call__(self):
        request, response = self.request, self.request.response
        akte = hidden_akte(request)
        if akte is None:
            return _default_view(self.context, request, self.__parent__)()
        for header in ("location", "www-authenticate"):
            response.headers.pop(header, None)
        response._has_challenged = True
        return _render_not_found(request, _concealed_parent(request, akte, self.__parent__))


class NotFoundView(BrowserView):
    """A name that does not exist behind a confidential Akte (or a method Zope does not publish
    there) is reported from the closest visible container, like any other missing name."""

    def __call__(self):
        akte = hidden_akte(self.request)
        parent = self.__parent__ if akte is None else _concealed_parent(self.request, akte, self.__parent__)
        return _render_not_found(self.request, parent)


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

