"""A tiny PDF writer for the demo letters: one A4 page of Helvetica text, a valid xref table."""

from datetime import date


def _escape(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")  # WinAnsiEncoding: German umlauts and ß
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def page(lines: list[tuple[str, float, float, float, str]], title: str = "") -> bytes:
    """lines: (font "F1" regular or "F2" bold, size, x, y, text) in points from the lower left."""
    content = b"".join(
        b"BT /%s %.1f Tf %.1f %.1f Td (%s) Tj ET\n" % (font.encode(), size, x, y, _escape(text))
        for font, size, x, y, text in lines
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content),
        font % b"Helvetica",
        font % b"Helvetica-Bold",
        b"<< /Title (%s) /Producer (e-Akte Demo) >>" % _escape(title),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def letter(amt: str, datum: date, betreff: str, body: list[str], empfaenger: list[str] = (),
           aktenzeichen: str = "") -> bytes:
    """A letter of the Stadt Musterstadt: letterhead, Amt, recipient, date, subject, body."""
    lines = [
        ("F2", 18, 56, 780, "Stadt Musterstadt"),
        ("F1", 10, 56, 764, amt),
        ("F1", 8, 56, 750, "Rathausplatz 1 · 12345 Musterstadt · www.musterstadt.example"),
        ("F1", 10, 400, 700, f"Musterstadt, {datum.strftime('%d.%m.%Y')}"),
    ]
    if aktenzeichen:
        lines.append(("F1", 10, 400, 686, f"Az.: {aktenzeichen}"))
    y = 700
    for line in empfaenger:
        lines.append(("F1", 11, 56, y, line))
        y -= 14
    y = min(y, 686) - 40
    lines.append(("F2", 11, 56, y, betreff))
    y -= 30
    for line in [*body, "", "Mit freundlichen Grüßen", "Im Auftrag"]:
        lines.append(("F1", 11, 56, y, line))
        y -= 15
    return page(lines, title=betreff)
