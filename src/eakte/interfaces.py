"""Module where all interfaces, events and exceptions live."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IEakteLayer(IDefaultBrowserLayer):
    """Marker interface that defines a browser layer."""


class IRecord(Interface):
    """An object with an Aktenzeichen: Akte, Vorgang or Dokument."""


class IClosable(IRecord):
    """A record that is closed z.d.A.: Akte or Vorgang."""
