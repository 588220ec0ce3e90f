"""Downloads of a Dokument, current file and every version, over real HTTP: exactly the stored
bytes for every file type, active content only as an attachment, safe and encoded filenames."""

from eakte.dokument import versions
from filesamples import KINDS
from filesamples import pdf
from filesamples import upload
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from ZODB.POSException import ConflictError
from ZPublisher.Iterators import IStreamIterator
from recordhelpers import path
from zExceptions import NotFound

import hashlib
import pytest
import transaction


@pytest.fixture()
def manager(request_factory):
    session = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    session.headers["Accept-Language"] = "de"
    return session


@pytest.fixture()
def browser(request_factory):
    """Plain HTTP like a browser's: no ++api++, no JSON."""
    return request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), api=False)


def file_a_dokument(manager, vorgang, kind) -> str:
    """A Dokument of this kind with two versions (POST, then PATCH); its REST URL."""
    filename, content_type, make = KINDS[kind]
    created = manager.post(path(vorgang), json={"@type": "Dokument", "title": f"Beispiel {kind}",
                                                "file": upload(make("Erstfassung"), filename, content_type)})
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    changed = manager.patch(url, json={"file": upload(make("Zweitfassung"), filename, content_type)})
    assert changed.status_code == 204, changed.text
    return url


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def site_url(url: str) -> str:
    """A URL of the REST API as the browser reaches it (links never need ++api++)."""
    return url.replace("/++api++", "")


def current_file_urls(rest_json) -> list[str]:
    url = site_url(rest_json["@id"])
    return [
        rest_json["file"]["download"],
        f"{url}/@@download/file",
        f"{url}/@@download/file/{rest_json['file']['filename']}",
        f"{url}/@@display-file/file",
        f"{url}/@@images/file",  # plone.namedfile's scales serve any file field
        f"{url}/@@edit/++widget++form.widgets.file/@@download",  # the edit form's file link
    ]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_download_of_every_version_delivers_exactly_the_stored_bytes(records, manager, browser, kind):
    url = file_a_dokument(manager, records["vorgang"], kind)
    dokument = manager.get(url).json()
    for download_url in current_file_urls(dokument):
        response = browser.get(download_url)
        assert response.status_code == 200, download_url
        assert sha256(response.content) == dokument["sha256"], download_url
        assert response.headers["Content-Length"] == str(dokument["file"]["size"])
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    listing = manager.get(f"{url}/@versionen").json()
    assert len(listing["items"]) == 2
    assert listing["items"][0]["sha256"] != listing["items"][1]["sha256"]
    for item in listing["items"]:
        response = browser.get(site_url(item["download"]))
        assert response.status_code == 200
        assert sha256(response.content) == item["sha256"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("kind", ["html", "svg"])
def test_html_and_svg_are_always_attachments_never_displayed(records, manager, browser, kind):
    url = file_a_dokument(manager, records["vorgang"], kind)
    dokument = manager.get(url).json()
    version_urls = [site_url(i["download"]) for i in manager.get(f"{url}/@versionen").json()["items"]]
    for download_url in current_file_urls(dokument) + version_urls:
        response = browser.get(download_url)
        assert response.headers["Content-Disposition"].startswith("attachment;"), download_url
        assert "sandbox" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("kind", ["pdf", "png", "text"])
def test_passive_types_may_be_displayed_inline_but_a_download_is_an_attachment(records, manager, browser, kind):
    url = site_url(file_a_dokument(manager, records["vorgang"], kind))
    assert browser.get(f"{url}/@@display-file/file").headers["Content-Disposition"].startswith("inline;")
    assert browser.get(f"{url}/@@download/file").headers["Content-Disposition"].startswith("attachment;")


def test_filenames_lose_path_parts_and_control_characters_and_are_encoded_after_rfc_6266(records, manager, browser):
    filename = 'C:\\Temp/../Prüf\x1bbericht\t"2026".pdf'
    created = manager.post(path(records["vorgang"]), json={"@type": "Dokument", "title": "Prüfbericht",
                                                             "file": upload(pdf(), filename, "application/pdf")})
    assert created.status_code == 201, created.text
    url = site_url(created.json()["@id"])
    version = manager.get(f"{created.json()['@id']}/@versionen").json()["items"][0]["download"]
    for download_url in (f"{url}/@@download/file", f"{url}/@@display-file/file", site_url(version)):
        response = browser.get(download_url)
        disposition = response.headers["Content-Disposition"]
        assert disposition.split(";", 1)[1] == (
            ' filename="Prufbericht_2026_.pdf"; filename*=UTF-8\'\'Pr%C3%BCfbericht%222026%22.pdf'
        )


def test_an_unknown_version_answers_404(records, browser):
    url = path(records["dokument"])
    assert browser.get(f"{url}/@@dokument-version/0").status_code == 200
    assert browser.get(f"{url}/@@dokument-version/7").status_code == 404
    assert browser.get(f"{url}/@@dokument-version/erste").status_code == 404


def version_view(records, version="0"):
    from eakte.browser.records import VersionDownload  # the class behind @@dokument-version

    view = VersionDownload(records["dokument"], records["portal"].REQUEST)
    view.version = version
    return view


def test_a_version_download_streams_the_blob_instead_of_loading_it(records):
    transaction.commit()
    result = version_view(records)()
    assert IStreamIterator.providedBy(result)
    assert sha256(b"".join(result)) == records["dokument"].sha256


def test_a_version_download_never_swallows_a_conflict_error(records, monkeypatch):
    def conflict(*args):
        raise ConflictError()

    monkeypatch.setattr(versions, "version_file", conflict)
    with pytest.raises(ConflictError):
        version_view(records)()
    monkeypatch.undo()
    with pytest.raises(NotFound):
        version_view(records, "5")()


@pytest.mark.parametrize("raw", [None, "", "..", "/", "C:\\", "\x00\x1f\x7f", "a/b/ "])
def test_a_filename_that_is_no_name_becomes_datei(raw):
    from eakte.dokument.download import safe_filename

    assert safe_filename(raw) == "datei"


def test_the_ascii_fallback_keeps_what_it_can_of_a_german_name():
    from eakte.dokument.download import content_disposition

    assert content_disposition("Änderungsbescheid Straße.pdf") == (
        "attachment; filename=\"Anderungsbescheid Strasse.pdf\"; "
        "filename*=UTF-8''%C3%84nderungsbescheid%20Stra%C3%9Fe.pdf"
    )
    assert content_disposition("Ärger.pdf", inline=True).startswith('inline; filename="Arger.pdf"')
