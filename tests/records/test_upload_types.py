"""Uploads are judged by their content (libmagic), not by their name: what does not match its
extension or its declared type is refused with a German message, through REST, the edit form and
the checkin alike; genuine PDF, Office, image, e-mail and text files are filed."""

from eakte.dokument import checkout
from eakte.dokument import versions
from eakte.exceptions import InvalidInput
from filesamples import docx
from filesamples import eml
from filesamples import html
from filesamples import jpeg
from filesamples import odt
from filesamples import ole
from filesamples import pdf
from filesamples import png
from filesamples import svg
from filesamples import text
from filesamples import upload
from filesamples import xlsx
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.namedfile.file import NamedBlobFile
from recordhelpers import german
from recordhelpers import path

import pytest
import re
import transaction


MISMATCH = "Der Inhalt passt nicht zur Dateiart"
REFUSED_TYPE = "Dateien dieser Art können nicht abgelegt werden"

GENUINE = [
    (pdf(), "bescheid.pdf", "application/pdf"),
    (text(), "notiz.txt", "text/plain"),
    ("Kennzeichen;Titel\n01;Innere Verwaltung\n".encode(), "liste.csv", "text/csv"),
    ('{"antrag": 1}'.encode(), "daten.json", "application/json"),
    (b'<?xml version="1.0"?><antrag nr="1"/>', "daten.xml", "application/xml"),
    ("# Vermerk\n\nGesprächsnotiz\n".encode(), "vermerk.md", "text/markdown"),
    (html(), "seite.html", "text/html"),
    (b"{\\rtf1\\ansi Sehr geehrte Damen und Herren}", "brief.rtf", "application/rtf"),
    (docx(), "antrag.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (xlsx(), "tabelle.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (docx(), "antrag.docx", "application/zip"),  # some clients declare the container
    (odt(), "vorlage.odt", "application/vnd.oasis.opendocument.text"),
    (ole(), "altakte.doc", "application/msword"),
    (ole(), "tabelle.xls", "application/vnd.ms-excel"),
    (ole(), "nachricht.msg", "application/vnd.ms-outlook"),
    (eml(), "anfrage.eml", "message/rfc822"),
    (png(), "foto.png", "image/png"),
    (jpeg(), "scan.jpg", "image/jpeg"),
    (svg(), "plan.svg", "image/svg+xml"),
    (pdf(), "bescheid.pdf", "application/octet-stream"),  # a generic declaration: the content decides
    (pdf(), "bescheid.pdf", ""),
]

MISMATCHED = [
    (text(), "bescheid.pdf", "application/pdf"),  # a text file named .pdf
    (text(), "notiz.txt", "application/pdf"),  # a text file declared as PDF
    (pdf(), "antrag.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (html(), "foto.png", "image/png"),
    (png(), "notiz.txt", "text/plain"),
    (docx(), "bescheid.pdf", "application/pdf"),
    (svg(), "plan.txt", "text/plain"),
    (svg(), "foto.png", "image/png"),  # active content posing as a raster image
    (png(), "plan.svg", "image/svg+xml"),
    (eml(), "bescheid.pdf", "application/pdf"),
]

REFUSED = [
    (b"MZ\x90\x00" + b"\x00" * 100, "rechnung.pdf", "application/pdf"),  # a Windows executable
    (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x02\x00\x3e\x00", "notiz.txt", "text/plain"),
    (b"#!/bin/sh\nrm -rf /\n", "notiz.txt", "text/plain"),  # a shell script
    (pdf(), "bescheid.exe", "application/pdf"),
]


@pytest.fixture()
def manager(request_factory):
    session = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    session.headers["Accept-Language"] = "de"
    return session


def post_dokument(manager, vorgang, data, filename, content_type):
    return manager.post(path(vorgang), json={"@type": "Dokument", "title": "Anlage",
                                             "file": upload(data, filename, content_type)})


def count(manager, vorgang) -> int:
    return len(manager.get(path(vorgang)).json()["items"])


@pytest.mark.parametrize("data,filename,content_type", GENUINE, ids=[f"{g[1]}:{g[2]}" for g in GENUINE])
def test_genuine_pdf_office_image_email_and_text_files_are_filed(records, manager, data, filename, content_type):
    response = post_dokument(manager, records["vorgang"], data, filename, content_type)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("data,filename,content_type", MISMATCHED, ids=[f"{m[1]}:{m[2]}" for m in MISMATCHED])
def test_content_that_does_not_match_its_name_or_declared_type_is_refused_in_german(
        records, manager, data, filename, content_type):
    before = count(manager, records["vorgang"])
    response = post_dokument(manager, records["vorgang"], data, filename, content_type)
    assert response.status_code == 400
    assert MISMATCH in response.json()["message"]
    assert f"»{filename}«" in response.json()["message"]
    assert count(manager, records["vorgang"]) == before


@pytest.mark.parametrize("data,filename,content_type", REFUSED, ids=[r[1] for r in REFUSED])
def test_executables_and_scripts_are_refused_whatever_they_are_called(records, manager, data, filename, content_type):
    response = post_dokument(manager, records["vorgang"], data, filename, content_type)
    assert response.status_code == 400
    assert REFUSED_TYPE in response.json()["message"]


def test_the_message_names_what_the_file_contains(records, manager):
    response = post_dokument(manager, records["vorgang"], text(), "bescheid.pdf", "application/pdf")
    assert (
        "Der Inhalt passt nicht zur Dateiart: »bescheid.pdf« ist als .pdf angegeben, enthält aber Text. "
        "Bitte legen Sie die Datei in ihrem eigentlichen Format ab."
    ) in response.json()["message"]


def test_a_new_version_through_rest_is_checked_like_the_first(records, manager):
    dokument = records["dokument"]
    response = manager.patch(path(dokument), json={"file": upload(text(), "neu.pdf", "application/pdf")})
    assert response.status_code == 400
    assert MISMATCH in response.json()["message"]
    transaction.begin()
    assert len(versions.versions(dokument)) == 1


def test_a_checkin_with_a_mismatched_file_is_refused(records):
    dokument = records["dokument"]
    with api.env.adopt_roles(["Manager"]):
        checkout.checkout(dokument)
        with pytest.raises(InvalidInput) as refused:
            checkout.checkin(dokument, file=NamedBlobFile(data=text(), filename="neu.pdf",
                                                          contentType="application/pdf"))
    assert MISMATCH in german(refused)


def test_the_edit_form_refuses_a_mismatched_file_and_keeps_the_old_one(records, request_factory):
    browser = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), api=False)
    browser.headers["Accept"] = "text/html"
    dokument = records["dokument"]
    stored = dokument.sha256
    form = browser.get(f"{path(dokument)}/@@edit").text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form).group(1)
    response = browser.post(
        f"{path(dokument)}/@@edit",
        data={"form.widgets.IBasic.title": "Anmeldung Amt 62", "form.widgets.title": "Anmeldung Amt 62",
              "form.widgets.file.action": "replace", "form.buttons.save": "Speichern", "_authenticator": token},
        files={"form.widgets.file": ("bescheid.pdf", text(), "application/pdf")},
    )
    assert response.status_code == 200
    assert MISMATCH in response.text
    transaction.begin()
    assert dokument.sha256 == stored
    assert dokument.file.filename != "bescheid.pdf"
