"""Content type Dokument."""

from eakte import _
from eakte.dokument.validation import validate_upload
from eakte.interfaces import IRecord
from eakte.records import IRecordSchema
from eakte.records import SYSTEM_FIELD
from plone.app.contenttypes.interfaces import IFile
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IDokument(IRecordSchema):
    model.primary("file")
    file = NamedBlobFile(
        title=_("label_datei", default="Datei"),
        description=_("help_datei", default="PDF, Office-Dokument, Bild, E-Mail oder Text"),
        constraint=validate_upload,
        required=True,
    )
    posteingangsdatum = schema.Date(
        title=_("label_posteingangsdatum", default="Posteingangsdatum"), required=False
    )
    schreibdatum = schema.Date(title=_("label_schreibdatum", default="Schreibdatum"), required=False)
    fremdes_geschaeftszeichen = schema.TextLine(
        title=_("label_fremdes_geschaeftszeichen", default="Fremdes Geschäftszeichen"), required=False
    )
    absender = schema.TextLine(title=_("label_absender", default="Absender"), required=False)
    empfaenger = schema.TextLine(title=_("label_empfaenger", default="Empfänger"), required=False)
    sha256 = schema.ASCIILine(title=_("label_sha256", default="SHA-256 der Datei"), required=False)
    directives.write_permission(sha256=SYSTEM_FIELD)
    directives.omitted("sha256")


# IFile: collective.documentviewer's preview views bind to plone.app.contenttypes' IFile.
@implementer(IDokument, IRecord, IFile)
class Dokument(Item):
    """One record: a file plus metadata and versions."""
