"""The records core through plone.restapi: the same rules, answered as 4xx JSON errors."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from recordhelpers import path
import base64
import pytest
import transaction


PDF = b"%PDF-1.4\n% e-Akte test\n" + b"x" * 2000


def upload(data=PDF, filename="brief.pdf", content_type="application/pdf"):
    return {"data": base64.b64encode(data).decode(), "encoding": "base64",
            "filename": filename, "content-type": content_type}


@pytest.fixture()
def manager(request_factory):
    session = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    session.headers["Accept-Language"] = "de"
    return session


@pytest.fixture()
def user(request_factory):
    session = request_factory(basic_auth=(TEST_USER_NAME, TEST_USER_PASSWORD))
    session.headers["Accept-Language"] = "de"
    return session


def test_closing_an_akte_with_an_open_vorgang_answers_a_german_json_error_and_changes_nothing(records, manager):
    response = manager.post(f"{path(records['akte'])}/@workflow/abschliessen", json={})
    assert response.status_code == 409
    assert response.json() == {"type": "PreconditionFailed",
                               "message": "Der Vorgang 16.01-0001.1 »Anmeldungen« ist noch nicht abgeschlossen."}
    assert manager.get(path(records["akte"])).json()["review_state"] == "in_bearbeitung"


def test_closing_through_rest_sets_the_zda_date(records, manager):
    dokument, vorgang, akte = records["dokument"], records["vorgang"], records["akte"]
    assert manager.post(f"{path(dokument)}/@workflow/finalisieren", json={}).status_code == 200
    assert manager.post(f"{path(vorgang)}/@workflow/abschliessen", json={}).status_code == 200
    assert manager.post(f"{path(akte)}/@workflow/abschliessen", json={}).status_code == 200
    data = manager.get(path(akte)).json()
    assert data["review_state"] == "abgeschlossen"
    assert data["zda_datum"] and data["aufbewahrung_bis"].endswith("-12-31")


def test_a_closed_akte_refuses_edit_add_and_delete_even_for_the_manager(records, manager):
    dokument, vorgang, akte = records["dokument"], records["vorgang"], records["akte"]
    for obj, transition in ((dokument, "finalisieren"), (vorgang, "abschliessen"), (akte, "abschliessen")):
        assert manager.post(f"{path(obj)}/@workflow/{transition}", json={}).status_code == 200
    assert manager.patch(path(akte), json={"title": "Geändert"}).status_code in (401, 403)
    assert manager.post(path(akte), json={"@type": "Vorgang", "title": "Neu"}).status_code in (401, 403)
    assert manager.delete(path(dokument)).status_code in (401, 403)
    assert manager.delete(path(akte)).status_code in (401, 403)
    assert manager.patch(path(dokument), json={"title": "Geändert"}).status_code in (401, 403)
    data = manager.get(path(akte)).json()
    assert data["title"] == "Haushalt 2026"
    assert [item["title"] for item in data["items"]] == ["Anmeldungen"]


def test_reopening_without_a_reason_is_refused(records, manager):
    dokument, vorgang = records["dokument"], records["vorgang"]
    manager.post(f"{path(dokument)}/@workflow/finalisieren", json={})
    manager.post(f"{path(vorgang)}/@workflow/abschliessen", json={})
    response = manager.post(f"{path(vorgang)}/@workflow/wiedereroeffnen", json={})
    assert response.status_code == 409
    assert response.json()["message"] == "Für das Wiedereröffnen ist eine Begründung erforderlich."
    ok = manager.post(f"{path(vorgang)}/@workflow/wiedereroeffnen", json={"comment": "Nachtrag"})
    assert ok.status_code == 200


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"MZ\x90\x00" + b"\x00" * 100, "rechnung.pdf", "Dateien dieser Art können nicht abgelegt werden"),
        (b"harmless", "setup.exe", "Dateien dieser Art können nicht abgelegt werden"),
        (b"", "leer.pdf", "Erforderliche Eingabe fehlt."),  # an empty upload is no file at all
    ],
)
def test_executables_and_empty_files_are_rejected_with_a_clear_error(records, manager, data, filename, message):
    before = len(manager.get(path(records["vorgang"])).json()["items"])
    response = manager.post(path(records["vorgang"]), json={"@type": "Dokument", "title": "Anhang",
                                                             "file": upload(data, filename)})
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert len(manager.get(path(records["vorgang"])).json()["items"]) == before


def test_the_upload_size_limit_is_configurable(records, manager, functional_portal):
    api.portal.set_registry_record("eakte.max_upload_mb", 1)
    transaction.commit()
    response = manager.post(path(records["vorgang"]), json={"@type": "Dokument", "title": "Groß",
                                                             "file": upload(b"%PDF-1.4" + b"0" * (1024 * 1024 + 10))})
    assert response.status_code == 400
    assert "größer als die erlaubten 1 MB" in response.json()["message"]


def test_a_dokument_is_found_by_aktenzeichen_exactly_and_by_prefix(records, manager):
    exact = manager.get("@aktenzeichen/16.01-0001.1-1")
    assert exact.status_code == 200
    assert exact.json()["title"] == "Anmeldung Amt 62"
    listing = manager.get("@aktenzeichen", params={"q": "16.01-0001", "prefix": "1"}).json()
    assert [item["aktenzeichen"] for item in listing["items"]] == ["16.01-0001", "16.01-0001.1", "16.01-0001.1-1"]
    missing = manager.get("@aktenzeichen/16.01-9999")
    assert missing.status_code == 404 and missing.json()["type"] == "NotFound"


def test_the_aktenzeichen_is_not_writable_through_the_api(records, manager):
    manager.patch(path(records["akte"]), json={"aktenzeichen": "99.99-9999", "title": "Haushalt 2026/27"})
    data = manager.get(path(records["akte"])).json()
    assert data["aktenzeichen"] == "16.01-0001"
    assert data["title"] == "Haushalt 2026/27"


def test_every_new_file_is_a_new_version_with_its_own_checksum(records, manager):
    dokument = path(records["dokument"])
    listing = manager.get(f"{dokument}/@versionen")
    first = listing.json()["items"]
    new = b"%PDF-1.4\n% zweite Fassung\n"
    assert manager.patch(dokument, json={"file": upload(new, "anmeldung-v2.pdf")}).status_code == 204
    items = manager.get(f"{dokument}/@versionen").json()["items"]
    assert len(items) == len(first) + 1
    assert items[0]["sha256"] != items[-1]["sha256"]
    import hashlib

    assert items[-1]["sha256"] == hashlib.sha256(new).hexdigest()
    old = manager.get(items[0]["download"].replace(manager._base_url.replace("/++api++/", "/"), "").replace("++api++/", ""))
    assert old.status_code == 200 and old.content.startswith(b"%PDF-1.4")
    assert hashlib.sha256(old.content).hexdigest() == items[0]["sha256"]


def test_verify_recomputes_checksums_and_reports_a_tampered_file(records, manager, functional_portal):
    dokument = records["dokument"]
    assert manager.get(f"{path(dokument)}/@verify").json()["ok"] is True
    with dokument.file._blob.open("w") as blob:  # bit rot or tampering below the application
        blob.write(b"%PDF-1.4 manipuliert")
    transaction.commit()
    result = manager.get(f"{path(dokument)}/@verify").json()
    assert result["ok"] is False
    assert result["mismatches"][0]["version"] == "current"
    assert manager.get(f"{path(records['akte'])}/@verify").json()["ok"] is False


def test_a_checked_out_dokument_is_changed_only_by_its_holder(records, manager, user):
    dokument = path(records["dokument"])
    assert user.post(f"{dokument}/@checkout").status_code == 200
    assert manager.get(f"{dokument}/@checkout").json()["checked_out"]["user"] == TEST_USER_ID
    refused = manager.patch(dokument, json={"title": "Von jemand anderem"})
    assert refused.status_code == 409
    assert refused.json()["message"] == f"Das Dokument ist von {TEST_USER_ID} ausgecheckt; nur diese Person kann es ändern."
    assert manager.post(f"{dokument}/@checkin").status_code == 409
    assert user.post(f"{dokument}/@checkin", json={"file": upload(b"%PDF-1.4 neu", "neu.pdf"),
                                                   "comment": "Korrigiert"}).status_code == 200
    assert manager.get(f"{dokument}/@checkout").json()["checked_out"] is None
    assert manager.get(f"{dokument}/@versionen").json()["items"][-1]["comment"] == "Korrigiert"


def test_an_administrator_can_force_a_checkin(records, manager, user):
    dokument = path(records["dokument"])
    user.post(f"{dokument}/@checkout")
    assert user.post(f"{dokument}/@force-checkin").status_code in (401, 403)
    assert manager.post(f"{dokument}/@force-checkin").status_code == 200
    assert manager.get(f"{dokument}/@checkout").json()["checked_out"] is None
