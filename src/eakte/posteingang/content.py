"""Content types Posteingang (the central inbox, one per site) and Postfach (the inbox of one Amt).

Placeholders: the Eingang type that will live in a Postfach is a later feature.
"""

from eakte import _
from eakte.records import SYSTEM_FIELD
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPosteingang(model.Schema):
    """The central digital inbox of the administration (one per site)."""


@implementer(IPosteingang)
class Posteingang(Container):
    """The central inbox: holds one Postfach per Amt."""


class IPostfach(model.Schema):
    amt = schema.TextLine(
        title=_("label_postfach_amt", default="Amt"),
        description=_("help_postfach_amt", default="Nummer des Amtes, dem dieses Postfach gehört"),
        required=False,
    )
    aktiv = schema.Bool(
        title=_("label_postfach_aktiv", default="aktiv"),
        description=_("help_postfach_aktiv", default="Ein deaktiviertes Amt nimmt keine Eingänge mehr an."),
        required=False,
        default=True,
    )
    # Set by the onboarding of the Amt (eakte.organisation), never by a form or a REST call.
    directives.write_permission(amt=SYSTEM_FIELD, aktiv=SYSTEM_FIELD)


@implementer(IPostfach)
class Postfach(Container):
    """The inbox of one Amt in the central Posteingang."""
