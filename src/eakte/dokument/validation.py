"""What a Dokument's file may be: PDF, Office, images, e-mail and text; never empty, never an
executable, never larger than the configured limit (registry: eakte.max_upload_mb)."""

from eakte import _
from plone import api
from eakte.exceptions import FieldInvalid

import os


ALLOWED_EXTENSIONS = {
    # PDF and text
    "pdf", "txt", "csv", "xml", "json", "rtf", "md", "html", "htm",
    # Office (Microsoft, OpenDocument)
    "doc", "docx", "dot", "dotx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "odg",
    # images
    "jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp", "webp", "svg",
    # e-mail
    "eml", "msg",
}

# Magic numbers of executables: Windows PE, ELF, Mach-O, shell/script shebang.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")

DEFAULT_MAX_UPLOAD_MB = 200


def max_upload_bytes() -> int:
    megabytes = api.portal.get_registry_record("eakte.max_upload_mb", default=DEFAULT_MAX_UPLOAD_MB)
    return int(megabytes) * 1024 * 1024


def _head(namedfile, size=8) -> bytes:
    with namedfile.open() as stream:
        return stream.read(size)


def validate_upload(namedfile) -> bool:
    """Field constraint: runs for the add/edit forms and for REST alike."""
    if namedfile is None:
        return True
    filename = namedfile.filename or ""
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    if not namedfile.getSize():
        raise FieldInvalid(_("error_upload_empty", default="Die Datei ist leer."))
    if extension not in ALLOWED_EXTENSIONS or _head(namedfile).startswith(EXECUTABLE_SIGNATURES):
        raise FieldInvalid(
            _(
                "error_upload_type",
                default="Dateien dieser Art können nicht abgelegt werden. Erlaubt sind PDF, "
                "Office-Dokumente, Bilder, E-Mails und Textdateien.",
            )
        )
    if namedfile.getSize() > max_upload_bytes():
        raise FieldInvalid(
            _(
                "error_upload_size",
                default="Die Datei ist größer als die erlaubten ${limit} MB.",
                mapping={"limit": max_upload_bytes() // (1024 * 1024)},
            )
        )
    return True
