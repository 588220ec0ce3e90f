"""Scale-out: several Zope processes share nothing but one PostgreSQL database."""

from zopeprocess import ZopeInstance

import base64
import os
import pytest
import requests


AUTH = ("admin", "admin")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def upload(base_url: str, file_id: str, data: bytes) -> requests.Response:
    return requests.post(
        f"{base_url}/eakte",
        auth=AUTH,
        headers=JSON,
        json={
            "@type": "File",
            "id": file_id,
            "title": f"Scan {file_id}",
            "file": {
                "data": base64.b64encode(data).decode(),
                "encoding": "base64",
                "filename": f"{file_id}.pdf",
                "content-type": "application/pdf",
            },
        },
        timeout=60,
    )


@pytest.fixture(scope="module")
def two_processes(postgresql_server, tmp_path_factory):
    dsn = postgresql_server.create_database()
    first = ZopeInstance(tmp_path_factory.mktemp("zope-a") / "var", dsn=dsn)
    second = ZopeInstance(tmp_path_factory.mktemp("zope-b") / "var", dsn=dsn)
    first.create_site()
    first.start()
    second.start()
    yield first, second
    first.stop()
    second.stop()


@pytest.mark.postgresql
def test_a_document_created_through_one_process_is_readable_through_the_other(two_processes):
    first, second = two_processes
    data = b"%PDF-1.4\n" + os.urandom(120_000)
    assert upload(first.url, "scan-a", data).status_code == 201

    response = requests.get(f"{second.url}/eakte/scan-a/@@download/file", auth=AUTH, timeout=60)
    assert response.status_code == 200
    assert response.content == data


@pytest.mark.postgresql
def test_writes_flow_both_ways_between_processes(two_processes):
    first, second = two_processes
    assert upload(second.url, "scan-b", b"%PDF-1.4 second").status_code == 201
    listing = requests.get(f"{first.url}/eakte", auth=AUTH, headers=JSON, timeout=60).json()
    assert "scan-b" in [item["@id"].rsplit("/", 1)[-1] for item in listing["items"]]
