"""PostgreSQL restarts while clients file Dokumente: they get 503 JSON with Retry-After, never a
500, and the Zope process recovers by itself; nothing committed is lost, nothing is half-written.

A real runwsgi process (the instance pipeline of instance/zope.ini.in, with the e-Akte's WSGI
middleware) on a PostgreSQL cluster of this test's own (so that restarting it disturbs no other
test), four client threads posting Dokumente for at most a minute, only on 127.0.0.1. The cluster
is stopped for a few seconds in the middle of the run and started again.
"""

from collections import Counter
from dataclasses import dataclass
from postgresql import ThrowawayCluster
from zopeprocess import ZopeInstance

import base64
import hashlib
import os
import psycopg2
import pytest
import requests
import threading
import time


pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

AUTH = ("admin", "admin")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
CLIENTS = 4
RUN_SECONDS = 60  # the whole load, restart included, at most
OUTAGE_AFTER = 5  # seconds of load before PostgreSQL stops
OUTAGE_SECONDS = 4
REQUEST_TIMEOUT = 30


@dataclass
class Post:
    client: int
    title: str
    sha256: str
    status: int | None = None
    body: object = None
    retry_after: str | None = None
    content_type: str = ""
    error: str | None = None


def create(url: str, payload: dict) -> dict:
    response = requests.post(url, auth=AUTH, headers=JSON, json=payload, timeout=60)
    assert response.status_code == 201, response.text[:2000]
    return response.json()


def site_path(item: dict) -> str:
    return item["@id"].split("/eakte/", 1)[1]


class Cluster(ThrowawayCluster):
    """The test's own PostgreSQL, stopped and started again like a restart by the operator."""

    def options(self) -> str:
        return f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1"

    def halt(self):
        self._run(self.bindir / "pg_ctl", "-D", self.datadir, "-m", "fast", "-w", "stop")

    def resume(self):
        self._run(self.bindir / "pg_ctl", "-D", self.datadir, "-l", self.base / "log", "-w",
                  "-o", self.options(), "start")


def create_database(admin_dsn: str) -> str:
    connection = psycopg2.connect(admin_dsn)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute('CREATE DATABASE "eakte_restart"')
    connection.close()
    return admin_dsn.replace("dbname=postgres", "dbname=eakte_restart")


def client(number: int, url: str, stop: threading.Event, posts: list) -> None:
    session = requests.Session()
    session.auth = AUTH
    session.headers.update(JSON)
    count = 0
    while not stop.is_set():
        count += 1
        data = b"%PDF-1.4\n" + os.urandom(8_000)
        post = Post(client=number, title=f"Schreiben {number}-{count}", sha256=hashlib.sha256(data).hexdigest())
        posts.append(post)
        try:
            response = session.post(url, timeout=REQUEST_TIMEOUT, json={
                "@type": "Dokument", "title": post.title,
                "file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                         "filename": f"schreiben-{number}-{count}.pdf", "content-type": "application/pdf"}})
        except requests.RequestException as error:
            post.error = repr(error)
            continue
        post.status = response.status_code
        post.content_type = response.headers.get("Content-Type", "")
        post.retry_after = response.headers.get("Retry-After")
        try:
            post.body = response.json()
        except ValueError:
            post.body = response.text[:500]
        if response.status_code == 503:
            time.sleep(0.5)


@pytest.fixture(scope="module")
def restart_run(tmp_path_factory):
    cluster = Cluster()
    instance = None
    try:
        dsn = create_database(cluster.start())
        instance = ZopeInstance(tmp_path_factory.mktemp("zope-restart") / "var", dsn=dsn)
        instance.create_site()
        instance.start()
        unit = create(f"{instance.url}/eakte/aktenplan",
                      {"@type": "Aktenplaneinheit", "title": "Personal", "kennzeichen": "01.02",
                       "aufbewahrungsfrist": "10"})
        akte = create(unit["@id"], {"@type": "Akte", "title": "Neustart der Datenbank"})
        vorgaenge = [create(akte["@id"], {"@type": "Vorgang", "title": f"Eingang {number}"})
                     for number in range(CLIENTS)]
        posts, stop = [], threading.Event()
        threads = [threading.Thread(target=client, args=(number, vorgang["@id"], stop, posts))
                   for number, vorgang in enumerate(vorgaenge)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(OUTAGE_AFTER)
        cluster.halt()
        time.sleep(OUTAGE_SECONDS)
        cluster.resume()
        restarted, mark = time.monotonic(), len(posts)
        # keep the load until the process has served requests again for a while (bounded)
        while time.monotonic() - began < RUN_SECONDS - REQUEST_TIMEOUT:
            if time.monotonic() - restarted > 8 and any(p.status == 201 for p in posts[mark:]):
                break
            time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
        stored = {}
        for vorgang in vorgaenge:
            listing = requests.get(f"{vorgang['@id']}?b_size=1000&metadata_fields=title",
                                   auth=AUTH, headers=JSON, timeout=60).json()
            for item in listing["items"]:
                versions = requests.get(f"{item['@id']}/@versionen", auth=AUTH, headers=JSON, timeout=60).json()
                stored[item["title"]] = versions["sha256"]
        yield {"posts": posts, "stored": stored, "url": instance.url}
    finally:
        if instance is not None:
            instance.stop()
        cluster.stop()


def test_no_client_gets_a_500_while_postgresql_restarts(restart_run):
    statuses = Counter(post.status for post in restart_run["posts"])
    assert statuses[201] > 0, statuses
    assert statuses[503] > 0, f"the outage was not hit: {statuses}"
    assert not [p for p in restart_run["posts"] if p.status and p.status >= 500 and p.status != 503], statuses
    assert not [p.error for p in restart_run["posts"] if p.error], statuses
    assert set(statuses) <= {201, 503}, statuses


def test_every_failure_is_a_503_json_error_with_retry_after(restart_run):
    unavailable = [p for p in restart_run["posts"] if p.status == 503]
    for post in unavailable:
        assert post.content_type.startswith("application/json"), post
        assert post.retry_after and int(post.retry_after) > 0, post
        assert post.body["type"] == "ServiceUnavailable", post
        assert "Datenbank" in post.body["message"], post


def test_the_process_recovers_by_itself(restart_run):
    posts = restart_run["posts"]
    last_failure = max(index for index, post in enumerate(posts) if post.status == 503)
    assert any(post.status == 201 for post in posts[last_failure + 1:])


def test_every_created_dokument_is_stored_with_its_checksum_and_nothing_else_exists(restart_run):
    posts, stored = restart_run["posts"], restart_run["stored"]
    created = {p.title: p.sha256 for p in posts if p.status == 201}
    assert {title: stored.get(title) for title in created} == created
    in_doubt = {p.title: p.sha256 for p in posts if p.status == 503}  # commit outcome unknown to the client
    unexpected = {title: sha for title, sha in stored.items()
                  if title not in created and in_doubt.get(title) != sha}
    assert unexpected == {}


def test_the_instance_pipeline_answers_a_path_that_is_no_utf8_with_400_json(restart_run):
    response = requests.get(f"{restart_run['url']}/eakte/%ff", auth=AUTH, headers=JSON, timeout=30)
    assert response.status_code == 400
    assert response.json() == {"type": "BadRequest",
                               "message": "Die Anfrage enthält Zeichen, die kein gültiges UTF-8 sind."}
