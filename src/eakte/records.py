"""Fields shared by every record (Akte, Vorgang, Dokument): Aktenzeichen and its history."""

from datetime import date
from eakte import _
from plone.autoform import directives
from plone.supermodel import model
from zope import schema


# Nobody has this permission: system-maintained fields can be read, never written by a form
# or a REST call. Domain services set them directly.
SYSTEM_FIELD = "eakte.SystemField"


class IRecordSchema(model.Schema):
    aktenzeichen = schema.TextLine(
        title=_("label_aktenzeichen", default="Aktenzeichen"),
        required=False,
        readonly=False,
    )
    fruehere_aktenzeichen = schema.List(
        title=_("label_fruehere_aktenzeichen", default="Frühere Aktenzeichen"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    directives.write_permission(aktenzeichen=SYSTEM_FIELD, fruehere_aktenzeichen=SYSTEM_FIELD)
    directives.omitted("aktenzeichen", "fruehere_aktenzeichen")


class IClosableSchema(IRecordSchema):
    """Akte and Vorgang: Federführung, Laufzeit and the z.d.A. date."""

    federfuehrung_amt = schema.Choice(
        title=_("label_federfuehrung_amt", default="Federführendes Amt"),
        vocabulary="eakte.Aemter",
        required=False,
    )
    federfuehrung_person = schema.TextLine(
        title=_("label_federfuehrung_person", default="Federführende Person"),
        required=False,
    )
    laufzeit_beginn = schema.Date(
        title=_("label_laufzeit_beginn", default="Laufzeit von"),
        defaultFactory=date.today,
        required=False,
    )
    laufzeit_ende = schema.Date(
        title=_("label_laufzeit_ende", default="Laufzeit bis"),
        required=False,
    )
    zda_datum = schema.Date(
        title=_("label_zda_datum", default="z.d.A. verfügt am"),
        required=False,
    )
    directives.write_permission(laufzeit_ende=SYSTEM_FIELD, zda_datum=SYSTEM_FIELD)
    directives.omitted("laufzeit_ende", "zda_datum")
