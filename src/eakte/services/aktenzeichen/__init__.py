"""@aktenzeichen: find records by Aktenzeichen (exact, former, or by prefix)."""

from eakte import _
from eakte.aktenzeichen import find
from eakte.exceptions import InvalidInput
from plone.restapi.interfaces import ISerializeToJsonSummary
from eakte.services import ReadService
from zExceptions import NotFound
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class AktenzeichenGet(ReadService):
    """GET @aktenzeichen/<az>: the record; GET @aktenzeichen?q=<az>[&prefix=1]: a list."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def _summary(self, brain):
        data = getMultiAdapter((brain, self.request), ISerializeToJsonSummary)()
        data["aktenzeichen"] = brain.aktenzeichen
        data["review_state"] = brain.review_state
        return data

    def reply(self):
        if self.params:
            brains = find("/".join(self.params))
            if not brains:
                message = _("error_aktenzeichen_unknown", default="Kein Schriftgut mit dem Aktenzeichen ${az}.",
                            mapping={"az": "/".join(self.params)})
                raise NotFound(translate(message, context=self.request))
            return self._summary(brains[0])
        query = self.query_param("q").strip()
        if not query:
            raise InvalidInput(_("error_aktenzeichen_query", default="Bitte ein Aktenzeichen angeben (Parameter q)."))
        prefix = self.query_param("prefix") in ("1", "true", "True", "on")
        items = [self._summary(brain) for brain in find(query, prefix=prefix)]
        return {"@id": f"{self.context.absolute_url()}/@aktenzeichen?q={query}", "items": items,
                "items_total": len(items)}
