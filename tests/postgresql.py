"""A PostgreSQL server for the tests: the machine's, or a throw-away cluster of our own.

EAKTE_TEST_PG_DSN (default "host=127.0.0.1 port=5432 user=postgres dbname=postgres") names a
server the tests may create and drop databases on. If nothing answers there, a throw-away
cluster is started from the Debian server binaries (/usr/lib/postgresql/*/bin) in a temporary
directory. If neither works the tests fail with a clear message: PostgreSQL is required.
"""

from pathlib import Path

import os
import psycopg2
import psycopg2.extensions
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid


DEFAULT_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


class PostgreSQLMissing(RuntimeError):
    pass


def _answers(dsn: str) -> bool:
    try:
        psycopg2.connect(dsn, connect_timeout=3).close()
        return True
    except psycopg2.OperationalError:
        return False


def _server_binaries() -> Path | None:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: float(p.parent.parent.name))
    return versions[-1].parent if versions else None


class ThrowawayCluster:
    """initdb + pg_ctl in a temporary directory, on a free port; removed at the end."""

    def __init__(self):
        from zopeprocess import free_port

        self.bindir = _server_binaries()
        if self.bindir is None:
            raise PostgreSQLMissing(
                "No PostgreSQL server answers and no server binaries are installed "
                "(apt-get install postgresql)."
            )
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="eakte-pg-"))
        self.datadir = self.base / "data"
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.base, "postgres", "postgres")

    def _run(self, *args):
        cmd = [str(a) for a in args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, text=True)

    def start(self) -> str:
        self._run(self.bindir / "initdb", "-D", self.datadir, "-U", self.user, "-A", "trust", "-E", "UTF8")
        self._run(
            self.bindir / "pg_ctl", "-D", self.datadir, "-l", self.base / "log", "-w",
            "-o", f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1", "start",
        )
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres"

    def stop(self):
        try:
            self._run(self.bindir / "pg_ctl", "-D", self.datadir, "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


class Server:
    def __init__(self, dsn: str, cluster: ThrowawayCluster | None = None):
        self.dsn = dsn
        self.cluster = cluster
        self.databases = []

    def _admin(self):
        conn = psycopg2.connect(self.dsn)
        conn.autocommit = True
        return conn

    def create_database(self) -> str:
        """A new empty database; returns its DSN."""
        name = f"eakte_test_{uuid.uuid4().hex[:10]}"
        conn = self._admin()
        try:
            with conn.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()
        self.databases.append(name)
        params = psycopg2.extensions.parse_dsn(self.dsn)
        params["dbname"] = name
        return " ".join(f"{key}={value}" for key, value in params.items())

    def close(self):
        conn = self._admin()
        with conn.cursor() as cursor:
            for name in self.databases:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()
        if self.cluster is not None:
            self.cluster.stop()


def start_server() -> Server:
    dsn = os.environ.get("EAKTE_TEST_PG_DSN", DEFAULT_DSN)
    if _answers(dsn):
        return Server(dsn)
    cluster = ThrowawayCluster()
    try:
        own_dsn = cluster.start()
    except subprocess.CalledProcessError as error:
        cluster.stop()
        raise PostgreSQLMissing(
            f"PostgreSQL does not answer at {dsn!r} and a throw-away cluster did not start: "
            f"{error.stderr or error}"
        ) from error
    for _ in range(50):
        if _answers(own_dsn):
            return Server(own_dsn, cluster)
        time.sleep(0.2)
    cluster.stop()
    raise PostgreSQLMissing("The throw-away PostgreSQL cluster did not answer.")
