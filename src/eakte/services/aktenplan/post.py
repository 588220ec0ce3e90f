"""POST @aktenplan-import: JSON {"file": {"data": <base64>, "filename": "x.csv"}} or a raw CSV/XLSX body.

Answers the import report; a refused import is an ``InvalidInput`` that the e-Akte's error view
turns into 400 ``{"type", "message", "errors": [{"line", "message"}]}`` (nothing is changed).
"""

from eakte import _
from eakte.aktenplan.importexport import CSV_MIMETYPE
from eakte.aktenplan.importexport import import_file
from eakte.aktenplan.importexport import XLSX_MIMETYPE
from eakte.exceptions import InvalidInput
from eakte.services import WriteService

import base64
import binascii
import json


RAW_BODIES = {CSV_MIMETYPE: "aktenplan.csv", XLSX_MIMETYPE: "aktenplan.xlsx"}
TEXT_ENCODINGS = ("utf-8", "utf8", "text")


def uploaded_file(request) -> tuple[bytes, str]:
    """(data, filename) of the upload; InvalidInput if there is none."""
    content_type = (request.getHeader("Content-Type") or "").split(";")[0].strip().lower()
    body = request.get("BODY") or b""
    if content_type in RAW_BODIES:
        return body, RAW_BODIES[content_type]
    try:
        payload = json.loads(body or b"{}")
    except ValueError:
        payload = None
    upload = payload.get("file") if isinstance(payload, dict) else None
    if not isinstance(upload, dict) or not upload.get("data"):
        raise InvalidInput(
            _("error_import_no_file", default="Bitte eine CSV- oder XLSX-Datei mit dem Aktenplan übergeben.")
        )
    data = upload["data"]
    if str(upload.get("encoding", "base64")).lower() in TEXT_ENCODINGS:
        return data.encode("utf-8"), upload.get("filename") or "aktenplan.csv"
    try:
        return base64.b64decode(data, validate=True), upload.get("filename") or ""
    except (binascii.Error, ValueError):
        raise InvalidInput(_("error_import_base64", default="Die Datei ist nicht Base64-kodiert."))


class AktenplanImport(WriteService):
    def reply(self):
        data, filename = uploaded_file(self.request)
        return import_file(self.context, data, filename)
