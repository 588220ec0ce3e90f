"""The e-Akte's data lives in RelStorage: SQLite embedded, PostgreSQL in production.

Each test drives real Zope processes (scripts/instance.py writes their configuration, exactly
as `make start` does) against a real database, and reopens the database in a new process.
"""

from pathlib import Path
from zopeprocess import ROOT
from zopeprocess import ZopeInstance

import psycopg2
import pytest
import re
import shutil
import sqlite3
import subprocess
import sys


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def checksum(output: str) -> str:
    return re.search(r"^SHA256 (\w+)$", output, re.M).group(1)


def storage_cli(instance: ZopeInstance, *args) -> None:
    env = instance.env(EAKTE_VAR=instance.settings.var, EAKTE_DSN=instance.settings.dsn)
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "storage.py"), *args],
        env=env, check=True, capture_output=True,
    )


def object_count(instance: ZopeInstance) -> int:
    if instance.settings.dsn:
        with psycopg2.connect(instance.settings.dsn) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM object_state")
            return cursor.fetchone()[0]
    with sqlite3.connect(instance.settings.var / "sqlite" / "main.sqlite3") as conn:
        return conn.execute("SELECT count(*) FROM object_state").fetchone()[0]


@pytest.fixture(scope="module", params=BACKENDS)
def instance(request, tmp_path_factory) -> ZopeInstance:
    """One e-Akte site per backend for this module; each test uses objects of its own."""
    dsn = request.getfixturevalue("postgresql_server").create_database() if request.param == "postgresql" else ""
    instance = ZopeInstance(tmp_path_factory.mktemp(request.param) / "var", dsn=dsn)
    instance.create_site()
    return instance


def test_a_file_blob_survives_commit_and_reopening_the_database(instance):
    written = instance.run_script("put_file.py", FILE_ID="roundtrip", FILE_SIZE=300_000)
    # The blob directory is only a cache (shared-blob-dir false): without it, the blob must
    # still come back from the database itself.
    shutil.rmtree(instance.settings.var / "blobcache")
    read = instance.run_script("read_file.py", FILE_ID="roundtrip")
    assert checksum(read) == checksum(written)
    assert "SIZE 300000" in read


def test_the_configured_backend_holds_the_site(instance):
    assert object_count(instance) > 1000
    config = instance.settings.zope_conf.read_text()
    if instance.settings.dsn:
        assert "<postgresql>" in config and "<sqlite3>" not in config
    else:
        assert "<sqlite3>" in config and "<postgresql>" not in config
    assert "keep-history false" in config and "shared-blob-dir false" in config


def test_packing_removes_deleted_objects_and_keeps_the_site(instance):
    instance.run_script("put_file.py", FILE_ID="to-delete", FILE_SIZE=1000)
    instance.run_script("delete_object.py", OBJECT_ID="to-delete")
    before = object_count(instance)
    storage_cli(instance, "pack")
    assert object_count(instance) < before
    assert "Site 'eakte' exists" in instance.create_site()


@pytest.mark.postgresql
def test_a_demo_site_moves_from_sqlite_to_postgresql(tmp_path, postgresql_dsn):
    sqlite_instance = ZopeInstance(tmp_path / "sqlite-var")
    sqlite_instance.create_site(demo=True)
    written = sqlite_instance.run_script("put_file.py", FILE_ID="moved", FILE_SIZE=200_000)

    storage_cli(sqlite_instance, "convert", "--to-dsn", postgresql_dsn)

    pg_instance = ZopeInstance(tmp_path / "pg-var", dsn=postgresql_dsn)
    assert checksum(pg_instance.run_script("read_file.py", FILE_ID="moved")) == checksum(written)
    assert "Amt 11 Personal- und Organisationsamt" in pg_instance.run_script("list_aemter.py")


def test_a_backup_restores_into_an_empty_database(tmp_path):
    original = ZopeInstance(tmp_path / "original")
    original.create_site()
    written = original.run_script("put_file.py", FILE_ID="kept", FILE_SIZE=50_000)
    storage_cli(original, "backup", "--dir", str(tmp_path / "backup"))
    (backup_file,) = Path(tmp_path / "backup").glob("*.fs")

    restored = ZopeInstance(tmp_path / "restored")
    storage_cli(restored, "restore", "--file", str(backup_file))
    assert checksum(restored.run_script("read_file.py", FILE_ID="kept")) == checksum(written)


def test_the_verify_command_reports_a_tampered_file_version(instance):
    created = instance.run_script("put_dokument.py", KENNZEICHEN="98")
    path = re.search(r"^PATH (\S+)$", created, re.M).group(1)
    aktenzeichen = re.search(r"^AKTENZEICHEN (\S+)$", created, re.M).group(1)
    assert "0 with mismatches" in instance.run_script("verify.py")

    instance.run_script("tamper_file.py", OBJECT_PATH=path)
    with pytest.raises(AssertionError) as failed:  # the command exits 1
        instance.run_script("verify.py")
    assert f"MISMATCH {aktenzeichen}" in str(failed.value)
    assert "version current" in str(failed.value)
