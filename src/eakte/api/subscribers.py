"""The one error shape for every response, just before the publisher commits or aborts."""

from eakte import logger
from eakte.browser.errors import normalize_error_response


def _normalize(request, exc_info=None) -> None:
    try:
        normalize_error_response(request, exc_info)
    except Exception:  # never turn an answer into a 500 because of its shape
        logger.exception("Could not normalize the error response")


def before_commit(event) -> None:
    """Subscriber (IPubBeforeCommit): services that answer an error themselves (plone.restapi's
    ``{"error": {...}}``)."""
    _normalize(event.request)


def before_abort(event) -> None:
    """Subscriber (IPubBeforeAbort): exceptions, after their exception view rendered them."""
    _normalize(event.request, event.exc_info)
