"""Downloads of a Dokument: exactly the stored bytes, never rendered as active content.

Every way to fetch a Dokument's file (``@@download/file``, ``@@display-file/file``, the REST
``file.download`` link, ``@@dokument-version/<n>``) goes through ``prepare_response`` and
``stream``:

- the response leaves the transform chain alone (plone.transformchain's off switch): otherwise
  plone.protect and theming parse a ``text/html`` body and rewrite it (a script tag is added),
  and the delivered bytes no longer match the stored SHA-256;
- only types a browser shows passively (raster images, plain text, PDF) may be shown inline;
  everything else, HTML and SVG above all, is an attachment, with ``nosniff`` and a sandboxing
  Content-Security-Policy in case a browser renders it anyway;
- the filename is a plain name (no path parts, no control characters) in RFC 6266 form: an
  ASCII fallback plus ``filename*=UTF-8''...``;
- the blob is streamed from its file, never loaded into memory.

The other views that can publish a Dokument's file (the edit form's widget download
``@@edit/++widget++form.widgets.file/@@download``, ``@@images/file``) are plone.namedfile's
download and scale views: ``protect_file_responses`` switches the transform chain off for them
too and adds the same protective headers, so no channel rewrites or renders the stored bytes.
"""

from eakte.dokument import versions
from plone.namedfile.browser import ALLOWED_INLINE_MIMETYPES
from plone.namedfile.browser import Download
from plone.namedfile.scaling import ImageScale
from plone.namedfile.scaling import ImageScaling
from plone.namedfile.utils import extract_media_type
from plone.namedfile.utils import get_contenttype
from plone.namedfile.utils import safe_basename
from plone.namedfile.utils import stream_data
from plone.transformchain.interfaces import DISABLE_TRANSFORM_REQUEST_KEY
from Products.Five import BrowserView
from urllib.parse import quote
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import unicodedata


INLINE_TYPES = frozenset(ALLOWED_INLINE_MIMETYPES)
DEFAULT_FILENAME = "datei"


def safe_filename(filename) -> str:
    """The last path part of filename without control characters, or a neutral default."""
    name = safe_basename(str(filename or "")) or ""
    name = "".join(char for char in name if not unicodedata.category(char).startswith("C"))
    name = name.strip().lstrip(".").strip()
    return name or DEFAULT_FILENAME


def _ascii_fallback(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join("_" if char in '"\\%;' else char for char in ascii_name).strip()
    return ascii_name if ascii_name.strip("_. ") else DEFAULT_FILENAME


def content_disposition(filename, inline: bool = False) -> str:
    name = safe_filename(filename)
    disposition = "inline" if inline else "attachment"
    fallback = _ascii_fallback(name)
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def may_show_inline(namedfile) -> bool:
    return extract_media_type(get_contenttype(namedfile)) in INLINE_TYPES


def _protect(request) -> None:
    request.environ[DISABLE_TRANSFORM_REQUEST_KEY] = True
    request.response.setHeader("X-Content-Type-Options", "nosniff")
    request.response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox")


def prepare_response(request, namedfile, inline: bool = False) -> None:
    """Headers for delivering namedfile unchanged; inline only for passive types."""
    _protect(request)
    response = request.response
    response.setHeader("Content-Type", get_contenttype(namedfile))
    response.setHeader("Content-Length", str(namedfile.getSize()))
    response.setHeader("Accept-Ranges", "bytes")
    response.setHeader(
        "Content-Disposition",
        content_disposition(namedfile.filename, inline=inline and may_show_inline(namedfile)),
    )


FILE_VIEWS = (Download, ImageScaling, ImageScale)


def protect_file_responses(event) -> None:
    """IPubAfterTraversal: a file view below a Dokument sends the bytes untouched."""
    from eakte.dokument.content import IDokument

    request = event.request
    published = request.get("PUBLISHED")
    view = getattr(published, "__self__", published)  # a view's method, e.g. index_html
    if not isinstance(view, FILE_VIEWS):
        return
    if any(IDokument.providedBy(parent) for parent in request.get("PARENTS", ())):
        _protect(request)


def stream(namedfile, start: int = 0, end: int | None = None):
    """The file's bytes as a stream iterator over its blob file (a committed blob)."""
    return stream_data(namedfile, start=start, end=end)


class DokumentDownload(Download):
    """@@download/file of a Dokument (also the REST ``file.download`` link): an attachment."""

    inline = False

    def set_headers(self, file):
        prepare_response(self.request, file, inline=self.inline)


class DokumentDisplayFile(DokumentDownload):
    """@@display-file/file: inline for passive types only, an attachment otherwise."""

    inline = True


@implementer(IPublishTraverse)
class VersionDownload(BrowserView):
    """@@dokument-version/<n>: the file of version n, streamed as an attachment."""

    version = None

    def publishTraverse(self, request, name):
        if self.version is not None:
            raise NotFound(self, name, request)
        self.version = name
        return self

    def __call__(self):
        if self.version is None or not str(self.version).isdigit():
            raise NotFound("version")
        namedfile = versions.version_file(self.context, int(self.version))
        if namedfile is None:
            raise NotFound(f"version {self.version}")
        prepare_response(self.request, namedfile)
        return stream(namedfile)
