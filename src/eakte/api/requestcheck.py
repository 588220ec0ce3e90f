"""Refuse a request whose parameters no service could use, before anything runs."""

from eakte import _
from eakte.exceptions import InvalidInput
from eakte.interfaces import IEakteLayer

import json
import re


BATCH_PARAMETERS = ("b_start", "b_size")
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


def check_form(form) -> None:
    if has_surrogates(dict(form)):
        raise InvalidInput(_("error_not_utf8", default="Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind."))
    for name in BATCH_PARAMETERS:
        if name not in form:
            continue
        value = form[name]
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip().isdigit() or not value.strip().isascii():
            raise InvalidInput(_("error_batching", default="b_start und b_size müssen ganze Zahlen ab 0 sein."))
        if name == "b_size" and int(value) == 0:
            raise InvalidInput(_("error_batch_size_zero", default="b_size muss mindestens 1 sein."))


def check_body(body) -> None:
    if not body or not isinstance(body, bytes) or not SURROGATE_ESCAPE.search(body):
        return
    try:
        data = json.loads(body)
    except ValueError:
        return  # not JSON: the service refuses it
    if has_surrogates(data):
        raise InvalidInput(_("error_not_utf8", default="Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind."))


def check_request(event) -> None:
    """Subscriber (IPubAfterTraversal) for every request into an e-Akte site."""
    request = event.request
    if not IEakteLayer.providedBy(request):
        return
    check_form(request.form)
    check_body(request.get("BODY"))
