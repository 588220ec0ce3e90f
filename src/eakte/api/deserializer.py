"""A ``file`` in content POST/PATCH (Dokument, Plone File) is a well-formed object or refused.

plone.restapi's own deserializer decodes with any codec the client names (``"encoding": "zlib"``),
accepts broken base64 and fails with a 500 on a number as ``data``. This one reads the object with
the e-Akte's request parser (``eakte.services.uploaded_file``) and hands plone.restapi clean data.
"""

from eakte.interfaces import IEakteLayer
from eakte.services import uploaded_file
from plone.dexterity.interfaces import IDexterityContent
from plone.namedfile.interfaces import INamedField
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer


@implementer(IFieldDeserializer)
@adapter(INamedField, IDexterityContent, IEakteLayer)
class CheckedNamedFieldDeserializer(NamedFieldDeserializer):
    def __call__(self, value):
        if value is None or (isinstance(value, dict) and "data" not in value):
            return super().__call__(value)  # no file, or the unchanged file of a previous GET
        if not isinstance(value, dict) and type(value).__name__ == "TUSUpload":
            return super().__call__(value)
        data, filename, mimetype = uploaded_file(value, default_encoding="utf-8")
        file = self.field._type(data=data, contentType=mimetype or "application/octet-stream",
                                filename=filename or None) if data else None
        self.field.validate(file)  # also for required fields, like plone.restapi's
        return file
