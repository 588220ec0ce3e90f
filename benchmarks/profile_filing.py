#!/usr/bin/env python3
"""Where does the time of filing a Dokument go, compared with a plain File? (cProfile)

Loads Zope in this process from an instance's zope.conf (the instance's server must not be
running on SQLite), and sends the same plone.restapi POSTs as benchmarks/filing.py straight
to the WSGI publisher, without HTTP: a Dokument into an Akte, a plain File into a Folder,
alternating, each under its own profiler. Prints milliseconds per request for the parts that
matter (versioning, checksum, Aktenzeichen, catalog, commit, ...), and the functions whose
cumulative time differs most between the two.

    .venv/bin/python benchmarks/filing.py -n 100 --profile 100     # runs this afterwards
    .venv/bin/python benchmarks/profile_filing.py var/etc/zope.conf --akte aktenplan/x/y --folder ablage
"""

from pathlib import Path

import argparse
import base64
import cProfile
import io
import json
import os
import pstats
import sys
import time


AUTH = "Basic " + base64.b64encode(b"admin:admin").decode()

# (label, file name suffix, function name) of the parts worth a line of their own.
PARTS = [
    ("whole request (publisher)", "ZPublisher/WSGIPublisher.py", "publish_module"),
    ("  plone.restapi add service (all of it)", "plone/restapi/services/content/add.py", "reply"),
    ("  upload validation (eakte)", "eakte/dokument/validation.py", "validate_upload"),
    ("  Aktenzeichen (eakte)", "eakte/aktenzeichen/__init__.py", "assign_tree"),
    ("  version on creation (eakte)", "eakte/dokument/versions.py", "record_version"),
    ("    SHA-256 of the file", "eakte/dokument/versions.py", "sha256_of"),
    ("    portal_repository.save", "Products/CMFEditions/CopyModifyMergeRepositoryTool.py", "save"),
    ("  catalog: index/reindex (queue)", "Products/CMFCore/indexing.py", "process"),
    ("  response serialization", "plone/restapi/serializer/dxcontent.py", "__call__"),
    ("  transaction commit", "transaction/_transaction.py", "commit"),
    ("    blob upload to the database", "relstorage/blobhelper/cached.py", "upload_blob"),
]


def make_app(zope_conf: str):
    from Zope2.Startup.run import make_wsgi_app

    return make_wsgi_app({}, zope_conf)


def environ_for(path: str, body: bytes) -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8080",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_ACCEPT": "application/json",
        "HTTP_HOST": "127.0.0.1:8080",
        "HTTP_AUTHORIZATION": AUTH,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def payload(kind: str, number: int, size: int) -> bytes:
    data = b"%PDF-1.4\n" + os.urandom(max(0, size - 9))
    return json.dumps({
        "@type": kind,
        "title": f"Profil {number}",
        "file": {"data": base64.b64encode(data).decode(), "encoding": "base64",
                 "filename": f"profil-{kind.lower()}-{number:05d}.pdf", "content-type": "application/pdf"},
    }).encode()


def post(app, path: str, body: bytes) -> None:
    status = []
    result = app(environ_for(path, body), lambda s, headers, exc_info=None: status.append(s))
    b"".join(result)
    if hasattr(result, "close"):
        result.close()
    if not status or not status[0].startswith("201"):
        raise SystemExit(f"POST {path} answered {status}")


def cumulative_ms(stats: pstats.Stats, suffix: str, name: str) -> float:
    total = 0.0
    for (filename, _line, function), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if function == name and filename.endswith(suffix):
            total = max(total, ct)  # recursive entries repeat the same cumulative time
    return 1000 * total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("zope_conf")
    parser.add_argument("--site", default="eakte")
    parser.add_argument("--akte", required=True, help="path of an Akte inside the site")
    parser.add_argument("--folder", required=True, help="path of a plain Folder inside the site")
    parser.add_argument("-n", "--count", type=int, default=100)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    app = make_app(args.zope_conf)
    targets = {"Dokument": f"/{args.site}/{args.akte}", "File": f"/{args.site}/{args.folder}"}
    profiles = {kind: cProfile.Profile() for kind in targets}
    walls = {kind: 0.0 for kind in targets}
    for number in range(10):  # warm-up, not profiled
        for kind, path in targets.items():
            post(app, path, payload(kind, 90_000 + number, args.size))
    for number in range(args.count):
        order = list(targets.items()) if number % 2 == 0 else list(reversed(targets.items()))
        for kind, path in order:
            body = payload(kind, 100_000 + number, args.size)
            began = time.perf_counter()
            profiles[kind].enable()
            post(app, path, body)
            profiles[kind].disable()
            walls[kind] += time.perf_counter() - began

    stats = {kind: pstats.Stats(profile) for kind, profile in profiles.items()}
    per = args.count
    print()
    print(f"Profile of {per} requests of each kind ({args.size // 1000} KB), in-process, under cProfile "
          "(which slows everything down; compare the two columns, not with the benchmark):")
    print(f"  {'ms per request':<40} {'Dokument':>9} {'File':>9} {'difference':>11}")
    print(f"  {'wall clock (profiled)':<40} {1000 * walls['Dokument'] / per:>9.1f} "
          f"{1000 * walls['File'] / per:>9.1f} {1000 * (walls['Dokument'] - walls['File']) / per:>11.1f}")
    for label, suffix, name in PARTS:
        dokument = cumulative_ms(stats["Dokument"], suffix, name) / per
        plain = cumulative_ms(stats["File"], suffix, name) / per
        print(f"  {label:<40} {dokument:>9.1f} {plain:>9.1f} {dokument - plain:>11.1f}")

    # The functions whose cumulative time per request grew most from File to Dokument.
    def by_function(stat):
        table = {}
        for (filename, line, function), (_cc, nc, _tt, ct, _callers) in stat.stats.items():
            key = f"{Path(filename).parent.name}/{Path(filename).name}:{line}({function})"
            table[key] = (max(ct, table.get(key, (0, 0))[0]), nc)
        return table

    dokument, plain = by_function(stats["Dokument"]), by_function(stats["File"])
    grown = sorted(
        ((dokument[key][0] - plain.get(key, (0, 0))[0], key) for key in dokument),
        reverse=True,
    )[: args.top]
    print()
    print(f"  functions by extra cumulative ms per Dokument request (top {args.top}; nested, so they overlap):")
    for extra, key in grown:
        calls = dokument[key][1] / per
        print(f"  {1000 * extra / per:>8.1f}  {calls:>6.1f} calls  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
