"""What a Dokument's file may be: PDF, Office, images, e-mail and text; never empty, never an
executable, never larger than the configured limit (registry: eakte.max_upload_mb).

The content decides, not the name: libmagic (python-magic, Debian's libmagic1) detects the
type of the file's first bytes, and that type must be one that the file's extension stands for,
and so must the declared content type (unless it is a generic one such as
application/octet-stream). A text file named ``.pdf`` or declared ``application/pdf`` is refused;
so is an executable or a script, whatever it is called.
"""

from eakte import _
from eakte.exceptions import FieldInvalid
from plone import api

import magic
import os


# The kinds of content libmagic may report for a Dokument's file.
PDF, TEXT, OFFICE, IMAGE, EMAIL = "pdf", "text", "office", "image", "email"
SVG = "svg"  # an image that is active content (scripts): only as .svg
OLE, ZIP = "ole", "zip"  # containers: OLE2 (.doc, .xls, .ppt, .msg) and ZIP (OOXML, OpenDocument)

# Which kinds of content each allowed extension stands for.
_OFFICE_OLE = frozenset({OFFICE, OLE})
_OFFICE_ZIP = frozenset({OFFICE, ZIP})
EXTENSIONS = {
    "pdf": frozenset({PDF}),
    **dict.fromkeys(("txt", "csv", "xml", "json", "md", "html", "htm"), frozenset({TEXT})),
    **dict.fromkeys(("doc", "dot", "xls", "ppt"), _OFFICE_OLE),
    **dict.fromkeys(("docx", "dotx", "xlsx", "pptx", "odt", "ods", "odp", "odg"), _OFFICE_ZIP),
    "rtf": frozenset({OFFICE}),
    **dict.fromkeys(("jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp", "webp"), frozenset({IMAGE})),
    "svg": frozenset({SVG}),
    "eml": frozenset({EMAIL, TEXT}),  # an e-mail is text; libmagic names it by its headers
    "msg": frozenset({EMAIL, OLE}),  # Outlook stores a message in an OLE2 file
}
ALLOWED_EXTENSIONS = frozenset(EXTENSIONS)

# Content types that say nothing about the content: the check relies on the detection alone.
GENERIC_TYPES = frozenset({
    "", "application/octet-stream", "binary/octet-stream", "application/unknown",
    "application/x-download", "application/force-download",
})

KIND_TITLES = {
    PDF: _("upload_kind_pdf", default="ein PDF-Dokument"),
    TEXT: _("upload_kind_text", default="Text"),
    OFFICE: _("upload_kind_office", default="ein Office-Dokument"),
    OLE: _("upload_kind_office", default="ein Office-Dokument"),
    ZIP: _("upload_kind_zip", default="ein ZIP-Archiv"),
    IMAGE: _("upload_kind_image", default="ein Bild"),
    SVG: _("upload_kind_svg", default="eine SVG-Grafik"),
    EMAIL: _("upload_kind_email", default="eine E-Mail"),
}

# libmagic decides from the head of a file: 1 MiB is plenty for every allowed format (about
# 0.5 ms for binary formats, 12 ms for 1 MiB of text).
DETECTION_BYTES = 1024 * 1024

DEFAULT_MAX_UPLOAD_MB = 200


def max_upload_bytes() -> int:
    megabytes = api.portal.get_registry_record("eakte.max_upload_mb", default=DEFAULT_MAX_UPLOAD_MB)
    return int(megabytes) * 1024 * 1024


def media_type(content_type) -> str:
    """``text/plain; charset=utf-8`` -> ``text/plain``."""
    return str(content_type or "").split(";", 1)[0].strip().lower()


OFFICE_SUBTYPES = ("vnd.ms-", "vnd.openxmlformats-officedocument.", "vnd.oasis.opendocument.")


def kind_of(content_type) -> str | None:
    """The kind of content a MIME type stands for, or None (executables, scripts, unknown data)."""
    mime = media_type(content_type)
    major, _slash, minor = mime.partition("/")
    if mime == "application/pdf":
        return PDF
    if mime in ("message/rfc822", "application/vnd.ms-outlook"):
        return EMAIL
    if mime in ("application/x-ole-storage", "application/cdfv2"):
        return OLE
    if mime in ("application/zip", "application/x-zip-compressed"):
        return ZIP
    if (mime in ("application/msword", "application/rtf", "text/rtf")
            or minor.startswith(OFFICE_SUBTYPES)):
        return OFFICE
    if mime.startswith("image/svg"):
        return SVG
    if major == "image":
        return IMAGE
    if mime in ("application/json", "application/xml"):
        return TEXT
    if major == "text" and "script" not in minor:  # text/x-shellscript and the like are programs
        return TEXT
    return None


def detected_type(namedfile) -> str:
    """The MIME type libmagic finds in the file's content ("" if it cannot tell)."""
    with namedfile.open() as stream:
        head = stream.read(DETECTION_BYTES)
    try:
        return magic.from_buffer(head, mime=True)
    except magic.MagicException:  # libmagic gave up on these bytes: data of no known kind
        return ""


def _refuse_type():
    raise FieldInvalid(
        _(
            "error_upload_type",
            default="Dateien dieser Art können nicht abgelegt werden. Erlaubt sind PDF, "
            "Office-Dokumente, Bilder, E-Mails und Textdateien.",
        )
    )


def _refuse_mismatch(filename, declared, detected_kind):
    raise FieldInvalid(
        _(
            "error_upload_content_mismatch",
            default="Der Inhalt passt nicht zur Dateiart: »${filename}« ist als ${declared} "
            "angegeben, enthält aber ${detected}. Bitte legen Sie die Datei in ihrem eigentlichen "
            "Format ab.",
            mapping={"filename": filename, "declared": declared,
                     "detected": KIND_TITLES[detected_kind]},
        )
    )


def check_content(namedfile) -> None:
    """The detected content fits the extension and the declared content type."""
    filename = namedfile.filename or ""
    extension = os.path.splitext(filename)[1].lower().lstrip(".")
    accepted = EXTENSIONS.get(extension)
    if accepted is None:
        _refuse_type()
    detected_kind = kind_of(detected_type(namedfile))
    if detected_kind is None:  # an executable, a script or data of no known kind
        _refuse_type()
    if detected_kind not in accepted:
        _refuse_mismatch(filename, f".{extension}", detected_kind)
    declared = media_type(getattr(namedfile, "contentType", ""))
    if declared not in GENERIC_TYPES and kind_of(declared) not in accepted:
        _refuse_mismatch(filename, declared, detected_kind)


def validate_upload(namedfile) -> bool:
    """Field constraint: runs for the add/edit forms and for REST alike."""
    if namedfile is None:
        return True
    if not namedfile.getSize():
        raise FieldInvalid(_("error_upload_empty", default="Die Datei ist leer."))
    check_content(namedfile)
    if namedfile.getSize() > max_upload_bytes():
        raise FieldInvalid(
            _(
                "error_upload_size",
                default="Die Datei ist größer als die erlaubten ${limit} MB.",
                mapping={"limit": max_upload_bytes() // (1024 * 1024)},
            )
        )
    return True
