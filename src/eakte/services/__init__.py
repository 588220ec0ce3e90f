"""plone.restapi services of the e-Akte: one folder per service, handlers only translate HTTP to domain calls."""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class WriteService(Service):
    """A REST service that changes data: authenticated by the API, not by a form token."""

    def render(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return super().render()
