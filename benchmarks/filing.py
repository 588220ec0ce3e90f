#!/usr/bin/env python3
"""Filing benchmark: what does filing an e-Akte Dokument cost, compared with a plain Plone File?

Starts a fresh e-Akte (RelStorage on SQLite in a temporary var directory, or PostgreSQL with
--dsn), written and served exactly as `make start` does it (tests/zopeprocess.py), creates
the site without demo data, an Aktenplaneinheit with some Akten and a plain "Folder" at the
site root. Then it files N Dokumente (about 100 KB: random bytes behind a %PDF-1.4 header)
through plone.restapi into the Akten and creates N plain "File" objects of the same size in
the Folder, with the same client concurrency.

Fairness: both sides are warmed up first, and the measured requests run in alternating
blocks in the order A B B A A B ..., so that neither side profits from warmer caches or
suffers from a growing database. Per side it reports documents per second (wall clock), the
median and 95th percentile of a request, and the CPU time the Zope process spent per request.
The ratio is the e-Akte's cost per document over the plain cost; the target is at most 1.5x.

    make benchmark                      # N=500, 1 client
    make benchmark N=200 CLIENTS=1,4    # also a run with 4 concurrent clients
    .venv/bin/python benchmarks/filing.py --help

Only talks to the Zope process it started on 127.0.0.1. Every request has a timeout and the
whole run a deadline (--max-seconds).
"""

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import argparse
import base64
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from zopeprocess import ZopeInstance  # noqa: E402

import requests  # noqa: E402


AUTH = ("admin", "admin")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
TARGET_RATIO = 1.5
REQUEST_TIMEOUT = 120
DOKUMENT, FILE = "Dokument", "File"


class BenchmarkError(RuntimeError):
    pass


class Failed(BenchmarkError):
    """A request that was not answered 201 Created."""


@dataclass
class Side:
    """The measurements of one kind of document in one run."""

    kind: str
    wall: float = 0.0  # seconds of the blocks of this kind
    cpu: float = 0.0  # CPU seconds of the Zope process during those blocks
    latencies: list = field(default_factory=list)  # of the requests answered 201
    retries: int = 0  # conflicts that Zope retried during the blocks of this kind
    failures: list = field(default_factory=list)  # what the requests not answered 201 got

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.count / self.wall if self.wall else 0.0

    def row(self, label: str) -> str:
        ordered = sorted(self.latencies) or [float("nan")]
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        return (
            f"  {label:<24} {self.count:>6} {self.wall:>9.1f} {self.per_second:>8.1f} "
            f"{1000 * statistics.median(ordered):>10.0f} {1000 * p95:>8.0f} "
            f"{1000 * self.cpu / max(1, self.count):>11.0f} {self.retries:>8} {len(self.failures):>7}"
        )


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), 0 where that is not available."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pdf_bytes(size: int) -> bytes:
    header = b"%PDF-1.4\n"
    return header + os.urandom(max(0, size - len(header)))


class Client:
    """plone.restapi calls against one local Zope process."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.auth = AUTH
        self.session.headers.update(JSON)

    def create(self, container_url: str, payload: dict | bytes) -> dict:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        response = self.session.post(container_url, data=data, timeout=REQUEST_TIMEOUT)
        if response.status_code != 201:
            raise Failed(f"POST {container_url} answered {response.status_code}: {response.text[:500]}")
        return response.json()


def document_payload(kind: str, number: int, size: int, content_type: str = "application/pdf") -> bytes:
    """The JSON body of one upload, built before the clock starts."""
    return json.dumps(
        {
            "@type": kind,
            "title": f"Schreiben {number}",
            "file": {
                "data": base64.b64encode(pdf_bytes(size)).decode(),
                "encoding": "base64",
                "filename": f"schreiben-{kind.lower()}-{number:05d}.pdf",
                "content-type": content_type,
            },
        }
    ).encode()


class Benchmark:
    def __init__(self, instance: ZopeInstance, args):
        self.instance = instance
        self.args = args
        self.site_url = f"{instance.url}/{args.site_id}"
        self.clients = {}
        self.numbers = {DOKUMENT: 0, FILE: 0}
        self.deadline = time.monotonic() + args.max_seconds

    def client(self) -> Client:
        key = threading.get_ident()
        if key not in self.clients:
            self.clients[key] = Client(self.instance.url)
        return self.clients[key]

    def set_up(self) -> None:
        """An Aktenplaneinheit with some Akten for the Dokumente, a Folder for the Files."""
        client = self.client()
        unit = client.create(
            f"{self.site_url}/aktenplan",
            {"@type": "Aktenplaneinheit", "title": "Benchmark", "kennzeichen": "01.02",
             "aufbewahrungsfrist": "10"},
        )
        self.akten = [
            client.create(unit["@id"], {"@type": "Akte", "title": f"Benchmark-Akte {n}"})["@id"]
            for n in range(1, self.args.akten + 1)
        ]
        self.folder = client.create(self.site_url, {"@type": "Folder", "title": "Ablage"})["@id"]

    def container(self, kind: str, number: int) -> str:
        return self.akten[number % len(self.akten)] if kind == DOKUMENT else self.folder

    def next_payloads(self, kind: str, count: int) -> list[tuple[str, bytes]]:
        jobs = []
        for _ in range(count):
            self.numbers[kind] += 1
            number = self.numbers[kind]
            content_type = "application/pdf" if kind == DOKUMENT else self.args.plain_content_type
            jobs.append((self.container(kind, number),
                         document_payload(kind, number, self.args.size, content_type)))
        return jobs

    def post(self, job: tuple[str, bytes]) -> float | str:
        """Seconds the request took, or what went wrong if it was not answered 201."""
        if time.monotonic() > self.deadline:
            raise BenchmarkError(f"the run took longer than --max-seconds={self.args.max_seconds}")
        url, payload = job
        began = time.perf_counter()
        try:
            body = self.client().create(url, payload)
        except Failed as failure:
            return str(failure)
        elapsed = time.perf_counter() - began
        if url in self.akten and not (body.get("aktenzeichen") and body.get("sha256")):
            raise BenchmarkError(f"a Dokument without Aktenzeichen or SHA-256: {body.get('@id')}")
        return elapsed

    def retries_so_far(self) -> int:
        """Conflicts Zope retried so far: its error log writes each to the event log."""
        log = self.instance.settings.var / "log" / "event.log"
        return log.read_text(encoding="utf-8", errors="replace").count("Request will be retried")

    def block(self, kind: str, count: int, clients: int, pool, side: Side) -> None:
        jobs = self.next_payloads(kind, count)
        retries_before = self.retries_so_far()
        cpu_before = server_cpu_seconds(self.instance.server.pid)
        began = time.perf_counter()
        if clients == 1:
            results = [self.post(job) for job in jobs]
        else:
            results = list(pool.map(self.post, jobs))
        side.wall += time.perf_counter() - began
        side.cpu += server_cpu_seconds(self.instance.server.pid) - cpu_before
        side.retries += self.retries_so_far() - retries_before
        side.latencies.extend(r for r in results if isinstance(r, float))
        side.failures.extend(r for r in results if isinstance(r, str))
        if len(side.failures) > max(5, self.args.count // 20):
            raise BenchmarkError(f"too many failed requests, e.g. {side.failures[0]}")

    def run(self, clients: int, count: int, block_size: int) -> dict:
        sides = {DOKUMENT: Side(DOKUMENT), FILE: Side(FILE)}
        with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
            done = 0
            block_number = 0
            while done < count:
                size = min(block_size, count - done)
                order = (DOKUMENT, FILE) if block_number % 2 == 0 else (FILE, DOKUMENT)
                for kind in order:
                    self.block(kind, size, clients, pool, sides[kind])
                done += size
                block_number += 1
                if sys.stdout.isatty():
                    print(f"    {clients} client(s): {done}/{count} of each", end="\r", flush=True)
        if sys.stdout.isatty():
            print(" " * 60, end="\r")
        return sides


def print_table(label: str, sides: dict) -> float:
    dokument, plain = sides[DOKUMENT], sides[FILE]
    ratio = plain.per_second / dokument.per_second if dokument.per_second else float("inf")
    cpu_ratio = ((dokument.cpu / max(1, dokument.count)) / (plain.cpu / max(1, plain.count))
                 if plain.cpu else float("nan"))
    print()
    print(f"{label}")
    print(f"  {'':<24} {'docs':>6} {'seconds':>9} {'docs/s':>8} {'median ms':>10} "
          f"{'p95 ms':>8} {'CPU ms/doc':>11} {'retries':>8} {'failed':>7}")
    print(dokument.row("e-Akte Dokument"))
    print(plain.row("plain Plone File"))
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"  ratio e-Akte / plain: {ratio:.2f}x wall clock, {cpu_ratio:.2f}x Zope CPU "
          f"(target: at most {TARGET_RATIO}x: {verdict})")
    # A cost that grows with the number of documents already filed shows here.
    for side, label in ((dokument, "e-Akte Dokument"), (plain, "plain Plone File")):
        fifth = max(1, side.count // 5)
        medians = [1000 * statistics.median(side.latencies[i:i + fifth])
                   for i in range(0, fifth * 5, fifth) if side.latencies[i:i + fifth]]
        print(f"  median ms per fifth of the run, {label + ':':<17} "
              + " -> ".join(f"{m:.0f}" for m in medians))
    for side in (dokument, plain):
        for failure in side.failures[:3]:
            print(f"  failed {side.kind}: {failure[:300]!r}")
    return ratio


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--count", type=int, default=500, help="documents of each kind (default 500)")
    parser.add_argument("--size", type=int, default=100_000, help="bytes per document (default 100000)")
    parser.add_argument("--clients", default="1",
                        help="comma-separated client concurrencies, one run each (default 1; e.g. 1,4)")
    parser.add_argument("--plain-content-type", default="application/pdf",
                        help="content type of the plain Files (default application/pdf, as the Dokumente; "
                             "Plone extracts the text of a PDF File for its full-text index, the e-Akte "
                             "does not: application/octet-stream leaves that out)")
    parser.add_argument("--akten", type=int, default=5, help="Akten the Dokumente are spread over (default 5)")
    parser.add_argument("--block", type=int, default=25, help="requests per alternating block (default 25)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured documents of each kind first (default 20)")
    parser.add_argument("--dsn", default="",
                        help="PostgreSQL DSN of an empty database instead of SQLite (never a production one)")
    parser.add_argument("--var", help="var directory to use (default: a temporary one, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary var directory")
    parser.add_argument("--max-seconds", type=int, default=1200, help="deadline for the whole run (default 1200)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if the ratio misses the target")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="afterwards, profile N more of each kind inside Zope (cProfile) and print "
                             "where the time goes (see benchmarks/profile_filing.py)")
    args = parser.parse_args(argv)
    args.site_id = "eakte"
    args.clients = [int(c) for c in str(args.clients).split(",") if c.strip()]
    if args.count < 1 or not args.clients or min(args.clients) < 1:
        parser.error("--count and --clients must be positive")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    temporary = args.var is None
    var = Path(args.var) if args.var else Path(tempfile.mkdtemp(prefix="eakte-benchmark-")) / "var"
    instance = ZopeInstance(var, dsn=args.dsn)
    backend = "RelStorage/PostgreSQL" if args.dsn else "RelStorage/SQLite"
    print(f"e-Akte filing benchmark: N={args.count} of each kind, {args.size // 1000} KB each, "
          f"{backend}, var {var}")
    ratios = []
    try:
        output = instance.create_site(demo=False)
        if "nothing to do" in output:
            raise BenchmarkError(f"the site {args.site_id!r} exists already: the benchmark needs an "
                                 "empty database (it never deletes a site)")
        instance.start()
        benchmark = Benchmark(instance, args)
        benchmark.set_up()
        for kind in (DOKUMENT, FILE):
            for job in benchmark.next_payloads(kind, args.warmup):
                result = benchmark.post(job)
                if isinstance(result, str):
                    raise BenchmarkError(f"warm-up: {result}")
        for clients in args.clients:
            sides = benchmark.run(clients, args.count, args.block)
            ratios.append(print_table(f"{clients} client(s), {args.count} of each:", sides))
        if args.profile:
            instance.stop()
            akte_path = benchmark.akten[0].split(f"/{args.site_id}/", 1)[1]
            folder_path = benchmark.folder.split(f"/{args.site_id}/", 1)[1]
            # Its stderr (Zope's start-up, pdftotext complaining about the random PDFs) goes
            # to a log file; the figures come on stdout.
            errors = instance.settings.var / "log" / "profile_filing.err"
            with open(errors, "w") as stderr:
                profiled = subprocess.run(
                    [sys.executable, str(Path(__file__).with_name("profile_filing.py")),
                     str(instance.settings.zope_conf), "--akte", akte_path, "--folder", folder_path,
                     "-n", str(args.profile), "--size", str(args.size)],
                    stderr=stderr, timeout=args.max_seconds,
                )
            if profiled.returncode:
                raise BenchmarkError(f"profiling failed, see {errors}:\n{errors.read_text()[-3000:]}")
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    finally:
        instance.stop()
        if temporary and not args.keep:
            shutil.rmtree(var.parent, ignore_errors=True)
        elif temporary:
            print(f"kept {var}")
    if args.strict and any(ratio > TARGET_RATIO for ratio in ratios):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
