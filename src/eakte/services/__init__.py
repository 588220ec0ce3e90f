"""plone.restapi services of the e-Akte: one folder per service, handlers only translate HTTP to domain calls.

Every service reads its request through the one parser here: ``json_body`` (a JSON object or
``InvalidInput``), ``query_param`` (one text value or ``InvalidInput``) and ``uploaded_file``
(a ``file`` object with base64 or text data, or ``InvalidInput``). Bad input is always a 400
``{"type": "InvalidInput", "message": ...}`` in German, never a 500.
"""

from eakte import _
from eakte.exceptions import InvalidInput
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides

import base64
import binascii
import json
import re


JSON_CONTENT_TYPES = ("application/json",)
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BASE64 = "base64"
TEXT_ENCODINGS = ("utf-8", "utf8", "text")


def content_type(request) -> str:
    return (request.getHeader("Content-Type") or "").split(";")[0].strip().lower()


def is_json_content_type(value: str) -> bool:
    return value in JSON_CONTENT_TYPES or value.endswith("+json")


def json_body(request) -> dict:
    """The request's body as a JSON object; an empty body is ``{}``."""
    body = request.get("BODY") or b""
    kind = content_type(request)
    if not body.strip() and kind not in FORM_CONTENT_TYPES:
        return {}
    if not is_json_content_type(kind):
        raise InvalidInput(_("error_json_content_type",
                             default="Bitte die Angaben als JSON senden (Content-Type: application/json)."))
    try:
        data = json.loads(body)
    except (ValueError, TypeError):  # also UnicodeDecodeError: the body is no UTF-8
        data = None
    if not isinstance(data, dict):
        raise InvalidInput(_("error_json_object", default="Der Inhalt der Anfrage muss ein JSON-Objekt sein."))
    return data


def query_param(request, name: str, default: str = "") -> str:
    """One text parameter of the query (``?name=value``); a list or record is refused."""
    value = request.form.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise InvalidInput(_("error_query_param", default="Der Parameter »${name}« muss ein einzelner Text sein.",
                             mapping={"name": name}))
    return value


def text_field(data: dict, name: str, default: str = "") -> str:
    """One text value of a JSON body; numbers are accepted as their text."""
    value = data.get(name, default)
    if value is None:
        return default
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InvalidInput(_("error_json_text", default="»${name}« muss ein Text sein.", mapping={"name": name}))
    return value


def uploaded_file(upload, default_encoding: str = BASE64) -> tuple[bytes, str, str]:
    """(data, filename, content type) of a JSON ``file`` object:
    ``{"data": <base64 or text>, "encoding": "base64" or "utf-8", "filename", "content-type"}``
    (without ``encoding``: base64 for the e-Akte services, text for plone.restapi's content POST)."""
    if not isinstance(upload, dict):
        raise InvalidInput(_("error_file_object",
                             default="»file« muss ein Objekt mit »data«, »filename« und »content-type« sein."))
    data = upload.get("data", "")
    encoding = upload.get("encoding", default_encoding)
    filename = upload.get("filename") or ""
    mimetype = upload.get("content-type") or ""
    if not isinstance(data, str) or not isinstance(encoding, str) or not isinstance(filename, str) \
            or not isinstance(mimetype, str):
        raise InvalidInput(_("error_file_fields",
                             default="»data«, »encoding«, »filename« und »content-type« der Datei sind Texte."))
    if encoding.lower() in TEXT_ENCODINGS:
        return data.encode("utf-8", "surrogatepass"), filename, mimetype
    if encoding.lower() != BASE64:
        raise InvalidInput(_("error_file_encoding",
                             default="Die Kodierung »${encoding}« wird nicht unterstützt (erlaubt: base64, utf-8).",
                             mapping={"encoding": encoding}))
    return decode_base64(data), filename, mimetype


def decode_base64(data: str) -> bytes:
    try:
        return base64.b64decode(re.sub(r"\s+", "", data), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(_("error_import_base64", default="Die Datei ist nicht Base64-kodiert."))


class WriteService(Service):
    """A REST service that changes data: authenticated by the API, not by a form token."""

    def render(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return super().render()

    def json_body(self) -> dict:
        return json_body(self.request)

    def query_param(self, name: str, default: str = "") -> str:
        return query_param(self.request, name, default)


class ReadService(Service):
    """A REST service that only reads: its query parameters through the same parser."""

    def query_param(self, name: str, default: str = "") -> str:
        return query_param(self.request, name, default)
