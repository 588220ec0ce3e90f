"""One exception type, two channels: a domain rule that refused an action becomes a German
page in the Classic UI and a 4xx JSON error ``{"type", "message"}`` in the REST API."""

from plone.rest.interfaces import IAPIRequest
from Products.Five import BrowserView

import json


class EakteErrorView(BrowserView):
    def __call__(self):
        exception = self.context
        response = self.request.response
        message = exception.translated(self.request)
        if IAPIRequest.providedBy(self.request) or "text/html" not in self.request.getHeader("Accept", ""):
            body = {"type": type(exception).__name__, "message": message}
            if getattr(exception, "errors", None):
                body["errors"] = exception.errors
            response.setHeader("Content-Type", "application/json")
            response.setStatus(exception.status, lock=1)
            response.setBody(json.dumps(body, ensure_ascii=False), lock=1)
            response._has_challenged = True
            return None
        self.context = self.__parent__
        response.setStatus(exception.status, lock=1)
        self.request.set("disable_border", True)
        return self.index(message=message)
