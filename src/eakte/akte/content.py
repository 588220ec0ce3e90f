"""Content type Akte."""

from eakte import _
from eakte.aktenplan.content import validate_aufbewahrungsfrist
from eakte.interfaces import IClosable
from eakte.records import IClosableSchema
from eakte.records import SYSTEM_FIELD
from plone.autoform import directives
from plone.dexterity.content import Container
from zope import schema
from zope.interface import implementer


class IAkte(IClosableSchema):
    aktenart = schema.Choice(
        title=_("label_aktenart", default="Aktenart"),
        vocabulary="eakte.Aktenarten",
        default="Sachakte",
        required=True,
    )
    vertraulichkeitsstufe = schema.Choice(
        title=_("label_vertraulichkeitsstufe", default="Vertraulichkeitsstufe"),
        vocabulary="eakte.Vertraulichkeitsstufen",
        default="003",
        required=True,
    )
    berechtigte = schema.List(
        title=_("label_berechtigte", default="Zugriffsberechtigte: Bearbeiten (bei »vertraulich«)"),
        description=_("help_berechtigte", default="Benutzerkennungen oder Gruppen eines Amtes (amt-…), je Zeile eine. Eine vertrauliche Akte sehen nur die hier und unter »Lesen« genannten Personen und Gruppen."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    berechtigte_lesen = schema.List(
        title=_("label_berechtigte_lesen", default="Zugriffsberechtigte: Lesen (bei »vertraulich«)"),
        description=_("help_berechtigte_lesen", default="Benutzerkennungen oder Gruppen eines Amtes, die die vertrauliche Akte nur lesen."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    medium = schema.Choice(
        title=_("label_medium", default="Medium"),
        vocabulary="eakte.Medien",
        default="001",
        required=True,
    )
    aufbewahrungsfrist = schema.TextLine(
        title=_("label_aufbewahrungsfrist_abweichend", default="Abweichende Aufbewahrungsfrist"),
        description=_("help_aufbewahrungsfrist_abweichend", default="Nur Registratur: überschreibt die Frist der Aktenplaneinheit (Jahre oder »dauernd«)."),
        constraint=validate_aufbewahrungsfrist,
        required=False,
    )
    aussonderungsart = schema.Choice(
        title=_("label_aussonderungsart_abweichend", default="Abweichende Aussonderungsart"),
        vocabulary="eakte.Aussonderungsarten",
        required=False,
    )
    aufbewahrung_bis = schema.Date(
        title=_("label_aufbewahrung_bis", default="Aufzubewahren bis"),
        required=False,
    )
    directives.write_permission(
        aufbewahrungsfrist="eakte.OverrideRetention",
        aussonderungsart="eakte.OverrideRetention",
        aufbewahrung_bis=SYSTEM_FIELD,
    )
    directives.omitted("aufbewahrung_bis")


@implementer(IAkte, IClosable)
class Akte(Container):
    """A file."""
