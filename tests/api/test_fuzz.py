"""Property-based: generated malformed bodies and query strings thrown at every e-Akte service and at
plone.restapi's content POST/PATCH, @workflow and @search never get a 5xx, and errors are always
JSON in the e-Akte's shape.

Bounded: a few hundred requests in all (max_examples), no deadline per example (each is a real
HTTP request to the functional test server).
"""

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from recordhelpers import path
from urllib.parse import quote

import json
import os


# Reproducible by default (the suite stays green or red for a reason); EAKTE_FUZZ_RANDOM=1 explores
# new examples, EAKTE_FUZZ_EXAMPLES=2000 more of them.
FUZZ = settings(max_examples=int(os.environ.get("EAKTE_FUZZ_EXAMPLES", "250")), deadline=None, database=None,
                derandomize=not os.environ.get("EAKTE_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Each write target: (method, path template); {akte}, {vorgang}, {dokument} are the records' paths.
WRITE_TARGETS = [
    ("POST", "{vorgang}"),  # plone.restapi content POST (Dokument, ...)
    ("POST", "{akte}"),
    ("PATCH", "{akte}"),  # plone.restapi content PATCH
    ("PATCH", "{dokument}"),
    ("POST", "{akte}/@workflow/abschliessen"),
    ("POST", "{dokument}/@workflow/finalisieren"),
    ("POST", "{akte}/@beteiligungen"),
    ("DELETE", "{akte}/@beteiligungen/20"),
    ("POST", "{dokument}/@checkout"),
    ("POST", "{dokument}/@checkin"),
    ("POST", "{dokument}/@cancel-checkout"),
    ("POST", "{dokument}/@force-checkin"),
    ("POST", "@aemter"),
    ("PATCH", "@aemter/62"),
    ("POST", "aktenplan/@aktenplan-import"),
    ("POST", "@notfallzugriff"),
]

READ_TARGETS = [
    "@search", "@aktenzeichen", "@aktenzeichen/16.01-0001", "@aemter", "@aemter/62",
    "{akte}/@protokoll", "{akte}/@protokoll-verify", "{akte}/@beteiligungen", "{dokument}/@versionen",
    "{dokument}/@verify", "{dokument}/@checkout", "aktenplan/@aktenplan-export", "{vorgang}", "@notfallzugriff",
]

CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "text/csv",
                 "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", ""]

KEYS = ["@type", "title", "id", "file", "comment", "amt", "stufe", "nummer", "name", "kurzname", "kennzeichen",
        "aktiv", "description", "vertraulich", "zugriffsberechtigte", "data", "encoding", "filename",
        "content-type", "effective", "include_children", "aktenzeichen", "grund", "stunden"]

TYPES = ["Dokument", "Vorgang", "Akte", "Aktenplaneinheit", "File", "Document", "Folder", "Gibtsnicht"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=30), st.sampled_from(TYPES), st.sampled_from(["base64", "utf-8", "zlib", "rot13"]))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)),
    max_leaves=12)
files = st.one_of(json_values, st.fixed_dictionaries({}, optional={
    "data": st.one_of(st.text(max_size=40), st.integers(), st.just("JVBERi0xLjQK"), st.just("!!"), st.binary(max_size=20).map(
        lambda b: b.decode("latin-1"))),
    "encoding": st.one_of(st.sampled_from(["base64", "utf-8", "text", "zlib", "hex", ""]), json_values),
    "filename": st.one_of(st.text(max_size=20), st.sampled_from(["a.pdf", "../../x.pdf", "a.exe"]), json_values),
    "content-type": st.one_of(st.sampled_from(["application/pdf", "text/html", ""]), json_values)}))
objects = st.fixed_dictionaries({}, optional={key: json_values for key in KEYS} | {"file": files, "@type": st.one_of(
    st.sampled_from(TYPES), json_values)})
bodies = st.one_of(
    objects.map(lambda value: json.dumps(value).encode()),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=80),
    st.text(max_size=80).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"", b"{", b"[]", b'{"title": "\\udcff"}', b"\xff\xfe", b"null", b'{"file": "x"}',
                     b'{"@type": "Dokument", "file": {"data": "%%%", "encoding": "base64"}}']),
)

PARAMETERS = ["q", "b_size", "b_start", "format", "action", "since", "until", "prefix", "sort_on", "sort_order",
              "SearchableText", "portal_type", "metadata_fields", "fullobjects", "path", "review_state", "amt"]
SUFFIXES = ["", "", ":list", ":int", ":float", ":long", ":date", ":boolean", ":tuple", ":lines", ":tokens",
            ":required", ":record", ".x:record", ".x:records", ":default", ":method", ":ignore_empty", ":utf8:ustring"]
raw_values = st.one_of(
    st.text(max_size=20).map(lambda text: quote(text.encode("utf-8", "surrogatepass"), safe="")),
    st.sampled_from(["%ff", "%fe%ff", "-1", "0", "abc", "1e9", "99999999999999999999", "%", "%zz", "1.5", ""]),
    st.binary(max_size=6).map(lambda data: quote(data, safe="")),
)
query_strings = st.lists(st.tuples(st.sampled_from(PARAMETERS) | st.text(max_size=5).map(quote),
                                   st.sampled_from(SUFFIXES), raw_values), max_size=5).map(
    lambda items: "&".join(f"{name}{suffix}={value}" for name, suffix, value in items))


def paths(records) -> dict:
    return {"akte": path(records["akte"]), "vorgang": path(records["vorgang"]),
            "dokument": path(records["dokument"])}


def assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code, response.text[:1000])
    if response.status_code >= 400:
        assert response.headers.get("Content-Type", "").startswith("application/json"), (what, response.text[:500])
        body = response.json()
        assert isinstance(body.get("type"), str) and isinstance(body.get("message"), str), (what, body)


def test_malformed_bodies_never_get_a_5xx(records, manager):
    where = paths(records)

    @FUZZ
    @given(target=st.sampled_from(WRITE_TARGETS), body=bodies, content_type=st.sampled_from(CONTENT_TYPES),
           query=query_strings)
    def throw(target, body, content_type, query):
        method, url = target
        url = url.format(**where) + (f"?{query}" if query else "")
        headers = {"Content-Type": content_type} if content_type else {}
        response = manager.request(method, url, data=body, headers=headers)
        assert_no_server_error(response, (method, url, body, content_type))

    throw()


def test_malformed_query_strings_never_get_a_5xx(records, manager):
    where = paths(records)

    @FUZZ
    @given(target=st.sampled_from(READ_TARGETS), query=query_strings)
    def throw(target, query):
        url = target.format(**where) + (f"?{query}" if query else "")
        response = manager.get(url)
        assert_no_server_error(response, url)
        if response.status_code < 400 and "@aktenplan-export" not in url:
            response.json()

    throw()
