"""Content type Vorgang."""

from eakte.interfaces import IClosable
from eakte.records import IClosableSchema
from plone.dexterity.content import Container
from zope.interface import implementer


class IVorgang(IClosableSchema):
    pass


@implementer(IVorgang, IClosable)
class Vorgang(Container):
    """A procedure inside an Akte."""
