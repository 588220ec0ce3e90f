"""WSGI middleware of the e-Akte instance (instance/zope.ini.in): what escapes Zope's publisher is
answered with the e-Akte's JSON error shape instead of waitress' plain-text 500.

- a path or query that is no UTF-8 (``/eakte/%ff``): Zope fails decoding it before it publishes
  anything; here it is a 400;
- the database is unreachable (PostgreSQL restarts, the network is gone): RelStorage cannot open
  a connection or load an object; here it is a 503 with ``Retry-After``. Nothing is kept between
  requests, so the next request after the database is back is served normally.
"""

from eakte import _
from urllib.parse import unquote_to_bytes
from zExceptions import HTTPException

import json
import logging
import sys


logger = logging.getLogger("eakte.wsgi")

NOT_UTF8 = _("error_not_utf8", default="Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind.")
INTERNAL_ERROR = _("error_internal", default="Ein interner Fehler ist aufgetreten. Er wurde protokolliert.")
STATUS_LINES = {400: "400 Bad Request", 500: "500 Internal Server Error", 503: "503 Service Unavailable"}


def is_utf8(environ) -> bool:
    try:
        environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        unquote_to_bytes(environ.get("QUERY_STRING", "")).decode("utf-8")
    except UnicodeError:
        return False
    return True


class ErrorMiddleware:
    def __init__(self, app, retry_after: int = 5):
        self.app = app
        self.retry_after = retry_after

    def __call__(self, environ, start_response):
        if not is_utf8(environ):
            return self.answer(environ, start_response, 400, "BadRequest", NOT_UTF8, "The request is not valid UTF-8.")
        try:
            return self.app(environ, start_response)
        except HTTPException:
            raise  # Zope's own HTTP exceptions: the httpexceptions filter answers them
        except Exception as error:
            from eakte.browser.errors import database_unavailable_body
            from eakte.browser.errors import is_database_unavailable

            exc_info = sys.exc_info()
            if is_database_unavailable(error):
                logger.warning("Database unavailable: %s %s: %r", environ.get("REQUEST_METHOD"),
                               environ.get("PATH_INFO"), error)
                body = database_unavailable_body(_Environ(environ))
                return self.respond(start_response, 503, body, exc_info,
                                    [("Retry-After", str(self.retry_after))])
            logger.exception("Error outside the publisher: %s %s", environ.get("REQUEST_METHOD"),
                             environ.get("PATH_INFO"))
            return self.answer(environ, start_response, 500, "InternalServerError", INTERNAL_ERROR,
                               "An internal error occurred. It has been logged.", exc_info)

    def answer(self, environ, start_response, status, type_name, message, english, exc_info=None):
        from eakte.browser.errors import error_body
        from eakte.browser.errors import plone_message_text

        body = error_body(type_name, plone_message_text(message, english, _Environ(environ)))
        return self.respond(start_response, status, body, exc_info)

    def respond(self, start_response, status, body, exc_info=None, headers=()):
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        start_response(STATUS_LINES[status], [("Content-Type", "application/json"),
                                              ("Content-Length", str(len(data))), *headers], exc_info)
        return [data]


class _Environ:
    """The WSGI environment as far as the message helpers ask it (``get``), like a request."""

    def __init__(self, environ):
        self.environ = environ

    def get(self, key, default=None):
        return self.environ.get(key, default)


def filter_factory(global_conf, retry_after="5", **local_conf):
    """PasteDeploy: ``[filter:eakte] use = call:eakte.api.wsgi:filter_factory``."""

    def make_filter(app):
        return ErrorMiddleware(app, retry_after=int(retry_after))

    return make_filter
