#!/usr/bin/env python3
"""Write the Zope instance configuration of the e-Akte.

One source of truth: the environment. Nobody edits zope.conf by hand.

    EAKTE_DSN    empty (default): RelStorage on SQLite under $EAKTE_VAR/sqlite (embedded)
                 a libpq DSN, e.g. "dbname=eakte host=127.0.0.1 user=eakte": RelStorage on PostgreSQL
    EAKTE_VAR    directory for data, caches and logs (default: ./var)
    EAKTE_HOST   address to listen on (default: 127.0.0.1)
    EAKTE_PORT   port to listen on (default: 8080)
    EAKTE_THREADS  WSGI worker threads (default: 4)

Writes $EAKTE_VAR/etc/{zope.conf,zope.ini,site.zcml} from the templates in instance/ and,
for PostgreSQL, creates the database if it does not exist yet.
"""

from dataclasses import dataclass
from pathlib import Path

import argparse
import os
import shutil
import sys


ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "instance"

SQLITE_SECTION = """\
    # Embedded: one machine, one database file directory. SQLite wants no local cache.
    cache-local-mb 0
    <sqlite3>
      data-dir {var}/sqlite
    </sqlite3>"""

POSTGRESQL_SECTION = """\
    # Production / scale-out: every Zope process on every host uses this database and
    # nothing else (blobs live in the database; blob-dir is only a local cache).
    cache-local-mb {cache_local_mb}
    cache-local-dir {var}/cache/relstorage
    <postgresql>
      dsn {dsn}
    </postgresql>"""


@dataclass(frozen=True)
class Settings:
    var: Path
    dsn: str = ""
    host: str = "127.0.0.1"
    port: int = 8080
    threads: int = 4
    cache_local_mb: int = 256

    @classmethod
    def from_environ(cls, environ=os.environ, **overrides) -> "Settings":
        values = {
            "var": Path(environ.get("EAKTE_VAR") or ROOT / "var").resolve(),
            "dsn": environ.get("EAKTE_DSN", "").strip(),
            "host": environ.get("EAKTE_HOST") or "127.0.0.1",
            "port": int(environ.get("EAKTE_PORT") or 8080),
            "threads": int(environ.get("EAKTE_THREADS") or 4),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["var"] = Path(values["var"]).resolve()
        return cls(**values)

    @property
    def backend(self) -> str:
        return "postgresql" if self.dsn else "sqlite"

    @property
    def etc(self) -> Path:
        return self.var / "etc"

    @property
    def zope_conf(self) -> Path:
        return self.etc / "zope.conf"

    @property
    def zope_ini(self) -> Path:
        return self.etc / "zope.ini"

    @property
    def url(self) -> str:
        host = "localhost" if self.host in ("127.0.0.1", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}"


def storage_section(settings: Settings) -> str:
    if settings.backend == "postgresql":
        return POSTGRESQL_SECTION.format(
            var=settings.var, dsn=settings.dsn, cache_local_mb=settings.cache_local_mb
        )
    return SQLITE_SECTION.format(var=settings.var)


def ensure_postgresql_database(dsn: str) -> None:
    """Create the database named in the DSN if it is missing (RelStorage creates the schema)."""
    import psycopg2
    import psycopg2.extensions

    params = psycopg2.extensions.parse_dsn(dsn)
    dbname = params.get("dbname")
    if not dbname:
        raise SystemExit("EAKTE_DSN must name a database (dbname=...)")
    try:
        psycopg2.connect(dsn).close()
        return
    except psycopg2.OperationalError as error:
        if f'database "{dbname}" does not exist' not in str(error):
            raise SystemExit(f"PostgreSQL is not reachable with EAKTE_DSN={dsn!r}: {error}")
    maintenance = dict(params, dbname="postgres")
    conn = psycopg2.connect(**maintenance)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{dbname}"')
    conn.close()
    print(f"Created PostgreSQL database {dbname!r}")


def write_instance(settings: Settings) -> Settings:
    for sub in ("etc", "log", "sqlite", "blobcache", "cache/chameleon", "cache/relstorage"):
        (settings.var / sub).mkdir(parents=True, exist_ok=True)
    if settings.backend == "postgresql":
        ensure_postgresql_database(settings.dsn)
    label = "RelStorage/PostgreSQL" if settings.backend == "postgresql" else "RelStorage/SQLite"
    conf = (TEMPLATES / "zope.conf.in").read_text(encoding="utf-8").format(
        var=settings.var, storage_label=label, storage_section=storage_section(settings)
    )
    ini = (TEMPLATES / "zope.ini.in").read_text(encoding="utf-8").format(
        var=settings.var, host=settings.host, port=settings.port, threads=settings.threads
    )
    settings.zope_conf.write_text(conf, encoding="utf-8")
    settings.zope_ini.write_text(ini, encoding="utf-8")
    shutil.copyfile(TEMPLATES / "site.zcml", settings.etc / "site.zcml")
    return settings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--var", help="overrides EAKTE_VAR")
    parser.add_argument("--dsn", help="overrides EAKTE_DSN")
    parser.add_argument("--port", type=int, help="overrides EAKTE_PORT")
    parser.add_argument("--host", help="overrides EAKTE_HOST")
    parser.add_argument("--print-url", action="store_true", help="only print the URL and exit")
    args = parser.parse_args(argv)
    if args.print_url:
        print(Settings.from_environ(port=args.port, host=args.host).url)
        return 0
    settings = write_instance(
        Settings.from_environ(var=args.var, dsn=args.dsn, port=args.port, host=args.host)
    )
    print(f"Instance written to {settings.etc} (storage: {settings.backend})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
