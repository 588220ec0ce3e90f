"""Content types Aktenplan and Aktenplaneinheit."""

from eakte import _
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from eakte.exceptions import FieldInvalid

import re


KENNZEICHEN = re.compile(r"^\d+(\.\d+)*$")
DAUERND = "dauernd"


def validate_kennzeichen(value):
    if not KENNZEICHEN.match(value or ""):
        raise FieldInvalid(
            _("error_kennzeichen", default="Das Kennzeichen besteht aus Ziffern, Ebenen durch Punkte getrennt (z. B. 01.02).")
        )
    return True


def validate_aufbewahrungsfrist(value):
    if value is None or value == DAUERND or (value.isdigit() and 0 <= int(value) <= 200):
        return True
    raise FieldInvalid(
        _("error_aufbewahrungsfrist", default="Die Aufbewahrungsfrist ist eine Zahl von Jahren oder »dauernd«.")
    )


def parent_kennzeichen(kennzeichen: str) -> str | None:
    return kennzeichen.rsplit(".", 1)[0] if "." in kennzeichen else None


class IAktenplan(model.Schema):
    """The filing plan of the administration (one per site)."""


@implementer(IAktenplan)
class Aktenplan(Container):
    """The filing plan."""


class IAktenplaneinheit(model.Schema):
    kennzeichen = schema.TextLine(
        title=_("label_kennzeichen", default="Kennzeichen"),
        description=_("help_kennzeichen", default="Nummer der Aktenplaneinheit, Ebenen durch Punkte getrennt, z. B. 01.02"),
        constraint=validate_kennzeichen,
        required=True,
    )
    aufbewahrungsfrist = schema.TextLine(
        title=_("label_aufbewahrungsfrist", default="Aufbewahrungsfrist"),
        description=_("help_aufbewahrungsfrist", default="In Jahren ab Ende des Jahres der z.d.A.-Verfügung, oder »dauernd«"),
        constraint=validate_aufbewahrungsfrist,
        required=False,
    )
    aussonderungsart = schema.Choice(
        title=_("label_aussonderungsart", default="Aussonderungsart"),
        vocabulary="eakte.Aussonderungsarten",
        required=False,
    )
    aemter = schema.List(
        title=_("label_federfuehrende_aemter", default="Federführende Ämter"),
        description=_("help_federfuehrende_aemter", default="Die Ämter, deren Gruppen hier ihre Rollen erhalten (vererbt auf alle Untereinheiten und Akten)."),
        value_type=schema.Choice(vocabulary="eakte.Aemter"),
        required=False,
        default=[],
    )
    directives.order_before(kennzeichen="IBasic.title")


@implementer(IAktenplaneinheit)
class Aktenplaneinheit(Container):
    """One position of the filing plan."""

    def Title(self):
        title = super().Title()
        kennzeichen = getattr(self, "kennzeichen", None)
        return f"{kennzeichen} {title}" if kennzeichen and not title.startswith(kennzeichen) else title
