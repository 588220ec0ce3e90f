"""Concurrent filing: two Zope processes file hundreds of Dokumente into one Akte at once.

Both processes share one PostgreSQL database (as in production behind a load balancer). Four
client threads per process post Dokumente through plone.restapi into the same Akte, the
hardest case for the Aktenzeichen counter, and some into a Vorgang of that Akte. Counters
conflict on purpose (src/eakte/aktenzeichen): Zope retries the losing request
(max-conflict-retries in zope.conf), so no client ever sees the conflict, no number is handed
out twice, and a retried request does not use up a number: the running numbers are exactly 1..N.

The figures (Dokumente/s, latencies, conflicts that Zope retried, by the object they were on,
as Zope's error log writes them to the event log) are printed even when pytest captures output.
"""

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from zopeprocess import ZopeInstance

import base64
import os
import pytest
import re
import requests
import statistics
import threading
import time


pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

AUTH = ("admin", "admin")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}

CLIENTS_PER_PROCESS = 4
DOKUMENTE_PER_CLIENT = 30  # 2 processes x 4 clients x 30 = 240 Dokumente
EVERY_NTH_INTO_VORGANG = 6  # 200 into the Akte itself, 40 into its Vorgang
FILE_SIZE = 20_000
REQUEST_TIMEOUT = 180  # seconds; six retries back off up to 1+2+4+8+16+32 s in the worst case
RUN_DEADLINE = 15 * 60  # seconds for the whole concurrent run; no new request after that

AKTENPLANEINHEIT = {"@type": "Aktenplaneinheit", "title": "Personal", "kennzeichen": "01.02",
                    "aufbewahrungsfrist": "10"}
AKTE = {"@type": "Akte", "title": "Stellenbesetzung Sachgebiet 11.2"}
VORGANG = {"@type": "Vorgang", "title": "Ausschreibung"}


@dataclass
class Outcome:
    process: str
    client: int
    target: str  # "akte" or "vorgang"
    title: str
    status: int | None = None
    seconds: float = 0.0
    aktenzeichen: str | None = None
    path: str | None = None
    error: str | None = None


@dataclass
class FilingRun:
    outcomes: list = field(default_factory=list)
    seconds: float = 0.0
    akte_path: str = ""
    vorgang_path: str = ""
    akte_aktenzeichen: str = ""
    vorgang_aktenzeichen: str = ""
    records: list = field(default_factory=list)  # lines of list_records.py, split
    counters: dict = field(default_factory=dict)  # path -> value of the Dokument counter
    retried: Counter = field(default_factory=Counter)  # "error on class" -> retried requests
    failed: Counter = field(default_factory=Counter)  # error -> requests it failed
    catalog: list = field(default_factory=list)  # aktenzeichen found by @search


LOG_RECORD = re.compile(r"^(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )", re.M)
ERROR_LOG = re.compile(r"^\S+ \S+ (\w+) \[Zope\.SiteErrorLog:\d+\]\[[^]]*\] (\w+)")


def errors_in_event_log(instance: ZopeInstance) -> tuple[Counter, Counter]:
    """Zope's error log writes every conflict that Zope retries to the event log (INFO, "...
    Request will be retried") and every error that reaches the client (ERROR). Returns the
    retried conflicts by error and the class (or, for read conflicts, the oid) they were on,
    and the errors that reached a client, by error."""
    log = instance.settings.var / "log" / "event.log"
    retried, failed = Counter(), Counter()
    for record in LOG_RECORD.split(log.read_text(encoding="utf-8") if log.exists() else ""):
        match = ERROR_LOG.match(record)
        if match is None:
            continue
        level, error = match.groups()
        if "Request will be retried" in record:
            klass = re.search(r"class ([\w.]+)", record)
            oid = re.search(r"oid (0x[0-9a-f]+)", record)
            on = klass.group(1) if klass else f"oid {oid.group(1)}" if oid else "row locks"
            retried[f"{error} on {on}"] += 1
        elif level == "ERROR":
            failed[error] += 1
    return retried, failed


def create(url: str, payload: dict) -> dict:
    response = requests.post(url, auth=AUTH, headers=JSON, json=payload, timeout=60)
    assert response.status_code == 201, response.text[:2000]
    return response.json()


def site_path(item: dict) -> str:
    """The path of an object inside the site, from its @id (the same in every process)."""
    return item["@id"].split("/eakte/", 1)[1]


def dokument_payload(title: str, filename: str) -> dict:
    data = b"%PDF-1.4\n" + os.urandom(FILE_SIZE)
    return {
        "@type": "Dokument",
        "title": title,
        "file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                 "filename": filename, "content-type": "application/pdf"},
    }


def file_dokumente(instance: ZopeInstance, name: str, client: int, targets: dict,
                   start: threading.Barrier, deadline: float, outcomes: list) -> None:
    """One client: a bounded number of POSTs, each bounded in time, none after the deadline."""
    session = requests.Session()
    session.auth = AUTH
    session.headers.update(JSON)
    start.wait(timeout=60)
    for number in range(1, DOKUMENTE_PER_CLIENT + 1):
        target = "vorgang" if number % EVERY_NTH_INTO_VORGANG == 0 else "akte"
        title = f"Schreiben {name}{client}-{number}"
        outcome = Outcome(process=name, client=client, target=target, title=title)
        outcomes.append(outcome)
        if time.monotonic() > deadline:
            outcome.error = "not sent: the run's deadline had passed"
            continue
        began = time.monotonic()
        try:
            response = session.post(
                f"{instance.url}/eakte/{targets[target]}",
                json=dokument_payload(title, f"schreiben-{name}{client}-{number}.pdf"),
                timeout=REQUEST_TIMEOUT,
            )
        except requests.RequestException as error:
            outcome.error = repr(error)
        else:
            outcome.status = response.status_code
            if response.status_code == 201:
                body = response.json()
                outcome.aktenzeichen = body.get("aktenzeichen")
                outcome.path = site_path(body)
            else:
                outcome.error = response.text[:2000]
        outcome.seconds = time.monotonic() - began


def report(pytestconfig, run: FilingRun) -> None:
    """The figures, on the terminal even while pytest captures output."""
    answered = [o for o in run.outcomes if o.status is not None]
    created = [o for o in answered if o.status == 201]
    latencies = sorted(o.seconds for o in answered) or [0.0]
    lines = [
        f"{len(created)}/{len(run.outcomes)} Dokumente filed (201) in {run.seconds:.1f} s: "
        f"{len(created) / run.seconds:.1f} Dokumente/s over 2 processes x {CLIENTS_PER_PROCESS} clients",
        f"per request: median {statistics.median(latencies):.2f} s, "
        f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.2f} s, max {latencies[-1]:.2f} s",
        f"status codes: {dict(Counter(o.status for o in run.outcomes))}",
        f"conflicts retried by Zope: {sum(run.retried.values())}; errors that reached a "
        f"client: {sum(run.failed.values())} {dict(run.failed)}",
        *(f"  {count:5d} {what}" for what, count in run.retried.most_common()),
        *(f"not filed: {o.process}{o.client} {o.title} -> {o.status} after {o.seconds:.1f} s: "
          f"{(o.error or '')[:300]!r}" for o in run.outcomes if o.status != 201),
    ]
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    terminal = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    with capture.global_and_fixture_disabled():
        for line in lines:
            if terminal is not None:
                terminal.write_line(f"[concurrent filing] {line}")
            else:
                print(f"[concurrent filing] {line}")


@pytest.fixture(scope="module")
def filing_run(postgresql_server, tmp_path_factory, pytestconfig) -> FilingRun:
    dsn = postgresql_server.create_database()
    first = ZopeInstance(tmp_path_factory.mktemp("zope-a") / "var", dsn=dsn)
    second = ZopeInstance(tmp_path_factory.mktemp("zope-b") / "var", dsn=dsn)
    first.create_site()
    run = FilingRun()
    processes = {"a": first, "b": second}
    try:
        for instance in processes.values():
            instance.start()
        unit = create(f"{first.url}/eakte/aktenplan", AKTENPLANEINHEIT)
        akte = create(unit["@id"], AKTE)
        vorgang = create(f"{second.url}/eakte/{site_path(akte)}", VORGANG)
        run.akte_path, run.vorgang_path = site_path(akte), site_path(vorgang)
        run.akte_aktenzeichen, run.vorgang_aktenzeichen = akte["aktenzeichen"], vorgang["aktenzeichen"]
        targets = {"akte": run.akte_path, "vorgang": run.vorgang_path}

        clients = [(name, number) for name in processes for number in range(CLIENTS_PER_PROCESS)]
        start = threading.Barrier(len(clients) + 1)
        deadline = time.monotonic() + RUN_DEADLINE
        threads = [
            threading.Thread(
                target=file_dokumente,
                args=(processes[name], name, number, targets, start, deadline, run.outcomes),
                daemon=True,
            )
            for name, number in clients
        ]
        for thread in threads:
            thread.start()
        start.wait(timeout=60)
        began = time.monotonic()
        for thread in threads:
            thread.join(timeout=max(1.0, deadline + REQUEST_TIMEOUT - time.monotonic()))
        run.seconds = time.monotonic() - began
        assert not any(thread.is_alive() for thread in threads), "clients still busy after the deadline"

        for instance in processes.values():
            retried, failed = errors_in_event_log(instance)
            run.retried += retried
            run.failed += failed
        report(pytestconfig, run)

        # What the database holds, read by a third process that walks the objects, and what
        # the catalog of the second process finds.
        listing = first.run_script("list_records.py", CONTAINER_PATH=run.akte_path)
        for line in listing.splitlines():
            kind, *values = line.split()
            if kind == "RECORD":
                run.records.append(values)
            elif kind == "COUNTER" and values[0] == "Dokument":
                run.counters[values[1]] = int(values[2])
        search = requests.get(
            f"{second.url}/eakte/@search", auth=AUTH, headers={"Accept": "application/json"},
            params={"portal_type": "Dokument", "path.query": f"/eakte/{run.akte_path}",
                    "metadata_fields": "aktenzeichen", "b_size": 10_000},
            timeout=120,
        )
        assert search.status_code == 200, search.text[:2000]
        run.catalog = [item["aktenzeichen"] for item in search.json()["items"]]
    finally:
        for instance in processes.values():
            instance.stop()
    return run


def dokumente_in_db(run: FilingRun) -> list:
    return [values for values in run.records if values[0] == "Dokument"]


def running_numbers(run: FilingRun, parent_aktenzeichen: str) -> list[int]:
    prefix = f"{parent_aktenzeichen}-"
    return sorted(
        int(values[2][len(prefix):]) for values in dokumente_in_db(run)
        if values[2].startswith(prefix) and values[2][len(prefix):].isdigit()
    )


def test_every_concurrent_post_is_answered_201_conflicts_never_reach_the_client(filing_run):
    failed = [o for o in filing_run.outcomes if o.status != 201]
    details = "\n".join(
        f"{o.process}{o.client} {o.title} -> {o.status} after {o.seconds:.1f} s: {(o.error or '')[:600]}"
        for o in failed[:10]
    )
    assert not failed, f"{len(failed)} of {len(filing_run.outcomes)} POSTs failed:\n{details}"
    assert len(filing_run.outcomes) == 2 * CLIENTS_PER_PROCESS * DOKUMENTE_PER_CLIENT


def filed(run: FilingRun, target: str | None = None) -> list[Outcome]:
    return [o for o in run.outcomes if o.status == 201 and target in (None, o.target)]


def test_every_filed_dokument_exists_in_the_database_and_a_failed_post_leaves_nothing(filing_run):
    in_db = {values[1] for values in dokumente_in_db(filing_run)}
    for outcome in filed(filing_run):
        parent = filing_run.akte_path if outcome.target == "akte" else filing_run.vorgang_path
        assert outcome.path.startswith(parent + "/"), f"{outcome.title} landed in {outcome.path}"
        relative = "./" + outcome.path[len(filing_run.akte_path) + 1:]
        assert relative in in_db, f"{outcome.title} ({outcome.path}) is missing"
    assert len(dokumente_in_db(filing_run)) == len(filed(filing_run))


def test_concurrently_filed_dokumente_get_distinct_aktenzeichen(filing_run):
    aktenzeichen = [values[2] for values in dokumente_in_db(filing_run)]
    duplicates = {az: n for az, n in Counter(aktenzeichen).items() if n > 1}
    assert not duplicates
    assert "-" not in aktenzeichen  # every Dokument got one
    # The clients were told the numbers that the database holds.
    assert sorted(o.aktenzeichen for o in filed(filing_run)) == sorted(aktenzeichen)


def test_running_numbers_under_the_akte_and_the_vorgang_are_exactly_1_to_n_without_gaps(filing_run):
    run = filing_run
    assert sum(1 for o in run.outcomes if o.target == "akte") >= 200
    into_akte, into_vorgang = len(filed(run, "akte")), len(filed(run, "vorgang"))
    assert running_numbers(run, run.akte_aktenzeichen) == list(range(1, into_akte + 1))
    assert running_numbers(run, run.vorgang_aktenzeichen) == list(range(1, into_vorgang + 1))
    # A retried (or failed) request does not use up a number: each counter stands at its last number.
    assert run.counters == {".": into_akte, f"./{run.vorgang_path.rsplit('/', 1)[1]}": into_vorgang}


def test_the_catalog_of_the_other_process_finds_every_dokument_by_its_aktenzeichen(filing_run):
    in_db = sorted(values[2] for values in dokumente_in_db(filing_run))
    assert sorted(filing_run.catalog) == in_db
