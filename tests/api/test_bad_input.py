"""Every malformed request answers a 4xx JSON error in German (`{"type", "message"}`), never a 5xx:
bodies that are no JSON object, wrong content types, bytes that are no UTF-8, list- and
record-valued parameters, broken batch sizes, broken files."""

from recordhelpers import path

import base64
import pytest


JSON = {"Content-Type": "application/json"}


def assert_german_400(response, type_name=None):
    assert response.status_code == 400, (response.status_code, response.text[:500])
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) <= {"type", "message", "errors"}, body
    assert body["message"] and "Traceback" not in body["message"]
    if type_name:
        assert body["type"] == type_name
    return body


def services(records):
    """(method, path) of every e-Akte write service and of plone.restapi's content POST/PATCH."""
    akte, dokument = path(records["akte"]), path(records["dokument"])
    return [
        ("post", path(records["vorgang"])),
        ("patch", akte),
        ("post", f"{akte}/@workflow/abschliessen"),
        ("post", f"{akte}/@beteiligungen"),
        ("post", f"{dokument}/@checkin"),
        ("post", "@aemter"),
        ("patch", "@aemter/62"),
        ("post", "aktenplan/@aktenplan-import"),
        ("post", "@notfallzugriff"),
    ]


@pytest.mark.parametrize("body", [b"{kein json", b"[1, 2]", b'"text"', b"42", b"null", b"\xff\xfe{}"],
                         ids=["invalid", "list", "string", "number", "null", "not-utf8"])
def test_a_body_that_is_no_json_object_answers_400_everywhere(records, manager, body):
    for method, url in services(records):
        response = getattr(manager, method)(url, data=body, headers=JSON)
        assert_german_400(response), (method, url)


def test_invalid_json_is_answered_in_german(records, manager):
    response = manager.post(path(records["vorgang"]), data=b"{kein json", headers=JSON)
    assert assert_german_400(response)["message"] == "Der Inhalt der Anfrage muss ein JSON-Objekt sein."


def test_a_form_encoded_body_to_an_eakte_service_answers_400(records, manager):
    response = manager.post(f"{path(records['akte'])}/@beteiligungen", data={"amt": "20", "stufe": "lesen"})
    body = assert_german_400(response, "InvalidInput")
    assert body["message"] == "Bitte die Angaben als JSON senden (Content-Type: application/json)."


@pytest.mark.parametrize("query", ["q:list=16.01", "q.az:record=16.01", "q:tuple=a&q:tuple=b"])
def test_a_list_or_record_valued_parameter_answers_400(records, manager, query):
    body = assert_german_400(manager.get(f"@aktenzeichen?{query}"), "InvalidInput")
    assert body["message"] == "Der Parameter »q« muss ein einzelner Text sein."


@pytest.mark.parametrize("url", ["aktenplan/@aktenplan-export?format:list=csv", "@protokoll?since.a:record=x"])
def test_list_valued_parameters_of_other_services_answer_400(records, manager, url):
    assert_german_400(manager.get(url), "InvalidInput")


@pytest.mark.parametrize("query", ["b_size=-1", "b_start=abc", "b_size=abc", "b_size=0", "b_start=-5",
                                   "b_size:list=1", "b_size:int=x", "b_start:int=1.5"])
def test_broken_batch_parameters_answer_400_in_search_and_protokoll(records, manager, query):
    for url in (f"@search?{query}", f"{path(records['akte'])}/@protokoll?{query}"):
        body = assert_german_400(manager.get(url))
        assert "b_s" in body["message"] or "Parameter" in body["message"], body


@pytest.mark.parametrize("url", ["@search?SearchableText=%ff", "@aktenzeichen?q=%ff%fe", "@search?%ff=1"])
def test_bytes_that_are_no_utf8_in_the_query_answer_400(records, manager, url):
    body = assert_german_400(manager.get(url))
    assert body["message"] == "Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind."


@pytest.mark.parametrize("url", ["%ff", "aktenplan/%ff%fe", "@search?SearchableText=%ff"])
def test_bytes_that_are_no_utf8_in_the_path_answer_400_through_the_instance_middleware(records, edge, url):
    body = assert_german_400(edge.get(url))
    assert body["message"] == "Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind."


def test_a_lone_surrogate_in_a_json_body_answers_400(records, manager):
    response = manager.patch(path(records["akte"]), data=b'{"title": "Haushalt \\udcff"}', headers=JSON)
    body = assert_german_400(response, "BadRequest")
    assert body["message"] == "Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind."


def dokument(file):
    return {"@type": "Dokument", "title": "Anlage", "file": file}


@pytest.mark.parametrize("file", [
    "JVBERi0xLjQ=",
    ["data"],
    42,
    {"data": "!!! kein base64 !!!", "encoding": "base64", "filename": "a.pdf", "content-type": "application/pdf"},
    {"data": 5, "encoding": "base64", "filename": "a.pdf"},
    {"data": "eA==", "encoding": "zlib", "filename": "a.pdf"},
    {"data": "eA==", "encoding": "base64", "filename": ["a.pdf"]},
    {"data": "eA==", "encoding": "base64", "filename": "a.pdf", "content-type": 7},
], ids=["string", "list", "number", "bad-base64", "number-data", "unknown-encoding", "list-filename",
        "number-content-type"])
def test_a_broken_file_answers_400_and_creates_nothing(records, manager, file):
    vorgang = path(records["vorgang"])
    before = len(manager.get(vorgang).json()["items"])
    assert_german_400(manager.post(vorgang, json=dokument(file)))
    assert_german_400(manager.post(f"{path(records['dokument'])}/@checkin", json={"file": file}))
    assert len(manager.get(vorgang).json()["items"]) == before


def test_base64_with_line_breaks_is_a_valid_file(records, manager):
    data = b"%PDF-1.4\n% e-Akte\n" + b"x" * 200
    encoded = base64.encodebytes(data).decode()  # 76 characters a line, like `base64`
    response = manager.post(path(records["vorgang"]), json=dokument(
        {"data": encoded, "encoding": "base64", "filename": "brief.pdf", "content-type": "application/pdf"}))
    assert response.status_code == 201, response.text
