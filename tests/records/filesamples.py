"""Genuine small files of every kind a Dokument may hold, and uploads of them for REST."""

import base64
import io
import zipfile


def _zip(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def pdf(text="Bescheid") -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n" + text.encode())


def html(text="Hallo") -> bytes:
    return f"<!DOCTYPE html><html><body><p>{text}</p></body></html>\n".encode()


def svg(text="Plan") -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><title>{text}</title>'
            '<rect width="10" height="10"/></svg>\n').encode()


def text(text="Notiz") -> bytes:
    return f"Sehr geehrte Damen und Herren,\nanbei die Unterlagen. Grüße, {text}\n".encode()


def docx(text="Antrag") -> bytes:
    return _zip([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships/>'),
        ("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><document>{text}</document>'),
    ])


def xlsx(text="Tabelle") -> bytes:
    return _zip([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships/>'),
        ("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook>{text}</workbook>'),
    ])


def odt(text="Vorlage") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office>{text}</office>',
                         zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _image(text, image_format) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), (sum(text.encode()) % 256, 120, 200)).save(buffer, image_format)
    return buffer.getvalue()


def png(text="Foto") -> bytes:
    return _image(text, "PNG")


def jpeg(text="Foto") -> bytes:
    return _image(text, "JPEG")



def eml(text="Anfrage") -> bytes:
    return (f"From: buerger@example.org\nTo: amt62@stadt.example\nSubject: {text}\n"
            "Date: Mon, 2 Nov 2026 10:00:00 +0100\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n\nGuten Tag,\nbitte um Auskunft.\n").encode()


def ole(text="Altdokument") -> bytes:
    """An OLE2 compound file (the container of .doc, .xls and Outlook .msg), built by olefile's
    format: header sector plus one FAT sector, enough for type detection."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")      # minor version
    header[26:28] = (3).to_bytes(2, "little")         # major version 3
    header[28:30] = b"\xfe\xff"                       # little endian
    header[30:32] = (9).to_bytes(2, "little")         # sector size 512
    header[32:34] = (6).to_bytes(2, "little")         # mini sector size 64
    header[44:48] = (1).to_bytes(4, "little")         # one FAT sector
    header[48:52] = (1).to_bytes(4, "little")         # directory starts at sector 1
    header[56:60] = (4096).to_bytes(4, "little")      # mini stream cutoff
    header[60:64] = b"\xfe\xff\xff\xff"               # no mini FAT
    header[68:72] = b"\xfe\xff\xff\xff"               # no DIFAT
    header[72:76] = (0).to_bytes(4, "little")
    header[76:512] = b"\xff" * (512 - 76)
    header[76:80] = (0).to_bytes(4, "little")         # FAT in sector 0
    fat = bytearray(b"\xff" * 512)
    fat[0:4] = b"\xfd\xff\xff\xff"                    # sector 0: FAT
    fat[4:8] = b"\xfe\xff\xff\xff"                    # sector 1: directory, end of chain
    directory = bytearray(512)
    name = "Root Entry".encode("utf-16-le") + b"\0\0"
    directory[0:len(name)] = name
    directory[64:66] = len(name).to_bytes(2, "little")
    directory[66] = 5                                 # root storage
    directory[68:80] = b"\xff" * 12
    return bytes(header) + bytes(fat) + bytes(directory) + text.encode()


# kind: (filename, declared content type, maker)
KINDS = {
    "pdf": ("bescheid.pdf", "application/pdf", pdf),
    "html": ("seite.html", "text/html", html),
    "svg": ("plan.svg", "image/svg+xml", svg),
    "text": ("notiz.txt", "text/plain", text),
    "docx": ("antrag.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx),
    "png": ("foto.png", "image/png", png),
}


def upload(data: bytes, filename: str, content_type: str) -> dict:
    return {"data": base64.b64encode(data).decode(), "encoding": "base64",
            "filename": filename, "content-type": content_type}
