"""One error shape for every rule and every layer: `{"type", "message"}` with a 4xx status, the same
for plone.restapi's endpoints as for the e-Akte's services; Plone's own messages are German, and
English with `Accept-Language: en`."""

from plone import api
from recordhelpers import path

import pytest
import transaction


def test_a_lifecycle_rule_answers_409_precondition_failed_over_workflow_like_the_eakte_services(records, manager):
    workflow = manager.post(f"{path(records['akte'])}/@workflow/abschliessen", json={})
    service = manager.post(f"{path(records['dokument'])}/@checkin", json={})
    assert workflow.status_code == service.status_code == 409
    assert workflow.json() == {"type": "PreconditionFailed",
                               "message": "Der Vorgang 16.01-0001.1 »Anmeldungen« ist noch nicht abgeschlossen."}
    assert service.json() == {"type": "PreconditionFailed", "message": "Das Dokument ist nicht ausgecheckt."}
    assert manager.get(path(records["akte"])).json()["review_state"] == "in_bearbeitung"


def test_plone_restapi_errors_have_the_eakte_shape_without_an_error_wrapper(records, manager):
    response = manager.post(path(records["vorgang"]), json={"title": "Ohne Typ"})
    assert response.status_code == 400
    assert response.json() == {"type": "BadRequest", "message": "Bitte »@type« angeben."}


def test_field_errors_are_german_text_with_the_field_not_a_python_list(records, manager):
    response = manager.post(path(records["vorgang"]), json={
        "@type": "Dokument", "title": "Setup",
        "file": {"data": "aGFybWxlc3M=", "encoding": "base64", "filename": "setup.exe"}})
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "BadRequest"
    assert body["message"].startswith("Dateien dieser Art können nicht abgelegt werden")
    assert body["errors"] == [{"field": "file", "message": body["message"]}]


def test_every_404_has_the_same_body(records, manager, request_factory, functional_portal):
    missing = [manager.get("gibt-es-nicht"), manager.get(f"{path(records['akte'])}/@gibt-es-nicht"),
               manager.get("@aktenzeichen/99.99-9999"), request_factory().get("aktenplan/gibt-es-nicht")]
    expected = {"type": "NotFound", "message": "Die angeforderte Ressource wurde nicht gefunden."}
    assert [response.status_code for response in missing] == [404] * 4
    assert all(response.json() == expected for response in missing), [r.json() for r in missing]
    from eakte.browser.errors import not_found_body

    assert not_found_body(functional_portal.REQUEST) == expected


def existing_vorgang(records):
    return {"@type": "Vorgang", "id": records["vorgang"].getId(), "title": "Doppelt"}


PLONE_MESSAGES = [
    # (what, request, status, type, German, English)
    ("401", lambda s, r: s["anonymous"].get(path(r["akte"])), 401, "Unauthorized",
     "Sie sind nicht berechtigt, diese Ressource aufzurufen.", "You are not authorized to access this resource."),
    ("404", lambda s, r: s["manager"].get("gibt-es-nicht"), 404, "NotFound",
     "Die angeforderte Ressource wurde nicht gefunden.", "Resource not found"),
    ("disallowed", lambda s, r: s["manager"].post(path(r["vorgang"]), json={"@type": "Akte", "title": "Falsch"}),
     403, "Forbidden", "Objekte vom Typ »Akte« können hier nicht angelegt werden.", "Disallowed subobject type: Akte"),
    ("id-in-use", lambda s, r: s["manager"].post(path(r["akte"]), json=existing_vorgang(r)), 400, "BadRequest",
     "Die Kennung »anmeldungen« ist hier bereits vergeben.", 'The id "anmeldungen" is invalid - it is already in use.'),
    ("batching", lambda s, r: s["manager"].get("@search?b_size=-1"), 400, "BadRequest",
     "b_start und b_size müssen ganze Zahlen ab 0 sein.", "Invalid b_size: Not an integer"),
    ("unknown-type", lambda s, r: s["manager"].post(path(r["vorgang"]), json={"@type": "Gibtsnicht"}), 403,
     "Forbidden", "Es gibt keinen Inhaltstyp »Gibtsnicht«.",
     "Invalid '@type' parameter. No content type with the name 'Gibtsnicht' found"),
]


@pytest.mark.parametrize("what,call,status,type_name,german,english", PLONE_MESSAGES,
                         ids=[case[0] for case in PLONE_MESSAGES])
def test_plone_messages_are_german_by_default_and_english_on_request(
        records, manager, request_factory, what, call, status, type_name, german, english):
    sessions = {"manager": manager, "anonymous": request_factory()}
    for language, message in ((None, german), ("de", german), ("en", english), ("en-US,en;q=0.8", english)):
        for session in sessions.values():
            session.headers.pop("Accept-Language", None)
            if language:
                session.headers["Accept-Language"] = language
        response = call(sessions, records)
        assert response.status_code == status, (language, response.text)
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.json() == {"type": type_name, "message": message}, language


def test_a_refused_rule_is_answered_the_same_on_every_error_path_of_an_eakte_service(records, manager):
    api.portal.set_registry_record("eakte.max_upload_mb", 1)
    transaction.commit()
    response = manager.post(f"{path(records['dokument'])}/@checkout", json={})
    assert response.status_code == 200
    refused = manager.post(f"{path(records['dokument'])}/@checkin", json={"file": {"data": "eA==", "encoding": "zip"}})
    assert refused.status_code == 400
    assert refused.json() == {"type": "InvalidInput",
                              "message": "Die Kodierung »zip« wird nicht unterstützt (erlaubt: base64, utf-8)."}
