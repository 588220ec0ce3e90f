"""Refuse a request whose parameters no service could use, before anything runs.

The errors are Zope's ``BadRequest`` with Plone's English wording; ``eakte.browser.errors`` gives
them the e-Akte's shape and German text (English with ``Accept-Language: en``), like every other
message of Plone itself.
"""

from eakte.interfaces import IEakteLayer
from zExceptions import BadRequest

import json
import re


BATCH_PARAMETERS = ("b_start", "b_size")
# Parameters of plone.restapi that are a text or a list of texts: never a record (``name.key:record``,
# which only catalog queries like ``path.query:record`` take), a number or a date (``:int``...).
# (The e-Akte's services read theirs with ``eakte.services.query_param``.)
TEXT_PARAMETERS = ("metadata_fields", "fullobjects", "sort_on", "sort_order", "sort_limit", "expand",
                   "include_items", "fieldsets", "version", "use_site_search_settings", "SearchableText",
                   "portal_type", "review_state")
NOT_UTF8 = "The request is not valid UTF-8."
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
SURROGATES = re.compile("[\ud800-\udfff]")


def has_surrogates(value) -> bool:
    """True if a text (or any text inside lists, dicts, records) holds a lone surrogate: ZPublisher
    keeps bytes that are no UTF-8 (``%ff``) that way, JSON allows them as ``\\udcff``."""
    if isinstance(value, str):
        return SURROGATES.search(value) is not None
    if isinstance(value, (list, tuple)):
        return any(has_surrogates(item) for item in value)
    if isinstance(value, dict):
        return any(has_surrogates(key) or has_surrogates(item) for key, item in value.items())
    if hasattr(value, "items") and hasattr(value, "keys"):  # ZPublisher record
        return any(has_surrogates(key) or has_surrogates(item) for key, item in value.items())
    return False


def _is_text(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(isinstance(item, str) for item in value)
    return isinstance(value, str)


def check_form(form) -> None:
    if has_surrogates(dict(form)):
        raise BadRequest(NOT_UTF8)
    for name in TEXT_PARAMETERS:
        if name in form and not _is_text(form[name]):
            raise BadRequest(f"Invalid {name}: not a text")
    for name in BATCH_PARAMETERS:
        if name not in form:
            continue
        value = form[name]
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip().isdigit() or not value.strip().isascii():
            raise BadRequest(f"Invalid {name}: Not an integer")
        if name == "b_size" and int(value) == 0:
            raise BadRequest("Invalid b_size: 0")


def check_body(body) -> None:
    if not body or not isinstance(body, bytes) or not SURROGATE_ESCAPE.search(body):
        return
    try:
        data = json.loads(body)
    except ValueError:
        return  # not JSON: the service refuses it
    if has_surrogates(data):
        raise BadRequest(NOT_UTF8)


def check_request(event) -> None:
    """Subscriber (IPubAfterTraversal) for every request into an e-Akte site."""
    request = event.request
    if not IEakteLayer.providedBy(request):
        return
    check_form(request.form)
    check_body(request.get("BODY"))
