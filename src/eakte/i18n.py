"""Translating domain messages where there may be no browser: in a request, Plone's language
negotiation decides; in a command (zconsole, no Accept-Language), the site's default language."""

from zope.globalrequest import getRequest
from zope.i18n import translate


def default_language() -> str:
    from plone import api

    try:
        return api.portal.get_default_language() or "de"
    except Exception:  # no site (e.g. while Zope starts): the e-Akte speaks German
        return "de"


def translate_message(message, request=None) -> str:
    request = request if request is not None else getRequest()
    if request is not None and hasattr(request, "get") and request.get("HTTP_ACCEPT_LANGUAGE"):
        return translate(message, context=request)
    return translate(message, target_language=default_language())
