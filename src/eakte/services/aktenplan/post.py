"""POST @aktenplan-import: JSON {"file": {"data": <base64>, "filename": "x.csv"}} or a raw CSV/XLSX body.

Answers the import report; a refused import is an ``InvalidInput`` that the e-Akte's error view
turns into 400 ``{"type", "message", "errors": [{"line", "message"}]}`` (nothing is changed).
"""

from eakte import _
from eakte.aktenplan.importexport import CSV_MIMETYPE
from eakte.aktenplan.importexport import import_file
from eakte.aktenplan.importexport import XLSX_MIMETYPE
from eakte.exceptions import InvalidInput
from eakte.services import content_type
from eakte.services import json_body
from eakte.services import TEXT_ENCODINGS
from eakte.services import uploaded_file
from eakte.services import WriteService


RAW_BODIES = {CSV_MIMETYPE: "aktenplan.csv", XLSX_MIMETYPE: "aktenplan.xlsx"}


def uploaded_aktenplan(request) -> tuple[bytes, str]:
    """(data, filename) of the upload; InvalidInput if there is none."""
    kind = content_type(request)
    if kind in RAW_BODIES:
        return request.get("BODY") or b"", RAW_BODIES[kind]
    upload = json_body(request).get("file")
    if not isinstance(upload, dict) or not upload.get("data"):
        raise InvalidInput(
            _("error_import_no_file", default="Bitte eine CSV- oder XLSX-Datei mit dem Aktenplan übergeben.")
        )
    data, filename, _mimetype = uploaded_file(upload)
    is_text = str(upload.get("encoding", "")).lower() in TEXT_ENCODINGS
    return data, filename or ("aktenplan.csv" if is_text else "")


class AktenplanImport(WriteService):
    def reply(self):
        data, filename = uploaded_aktenplan(self.request)
        return import_file(self.context, data, filename)
