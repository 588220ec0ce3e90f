"""`make start`, the README's first command: the e-Akte with demo data on the embedded default,
and the same site on PostgreSQL by setting EAKTE_DSN only."""

from zopeprocess import free_port
from zopeprocess import ROOT
from zopeprocess import wait_for_http

import os
import pytest
import requests
import signal
import subprocess
import time


def make_start(var, port, dsn=""):
    env = dict(os.environ, EAKTE_VAR=str(var), EAKTE_PORT=str(port), EAKTE_DSN=dsn)
    log = open(var.parent / f"make-start-{port}.log", "w")
    return subprocess.Popen(
        ["make", "-s", "start"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


def start_and_check(var, dsn=""):
    port = free_port()
    url = f"http://localhost:{port}"
    started = time.monotonic()
    process = make_start(var, port, dsn)
    try:
        wait_for_http(url + "/", timeout=300, process=process)
        seconds = time.monotonic() - started
        page = requests.get(f"{url}/eakte", timeout=60)
        api = requests.get(
            f"{url}/eakte", auth=("admin", "admin"), headers={"Accept": "application/json"}, timeout=60
        )
    finally:
        stop(process)
    log = (var.parent / f"make-start-{port}.log").read_text()
    return seconds, page, api, log


def assert_german_eakte(page, api, log):
    assert page.status_code == 200
    assert 'lang="de"' in page.text
    assert "Willkommen in der e-Akte" in page.text
    assert api.status_code == 200
    assert api.headers["Content-Type"].startswith("application/json")
    assert api.json()["title"] == "e-Akte Stadtverwaltung"
    assert "Demo-Login: admin / admin" in log


@pytest.mark.slow
def test_make_start_serves_the_german_eakte_and_restarts_quickly(tmp_path):
    first, page, api, log = start_and_check(tmp_path / "var")
    assert_german_eakte(page, api, log)
    assert "Created e-Akte site 'eakte' (demo data: yes)" in log

    second, page, api, log = start_and_check(tmp_path / "var")
    assert_german_eakte(page, api, log)
    assert "Site 'eakte' exists" in log
    print(f"\nmake start: first run {first:.1f}s, second run {second:.1f}s (reuses the site)")


@pytest.mark.slow
@pytest.mark.postgresql
def test_make_start_runs_the_same_site_on_postgresql_by_setting_eakte_dsn(tmp_path, postgresql_dsn):
    seconds, page, api, log = start_and_check(tmp_path / "var", dsn=postgresql_dsn)
    assert_german_eakte(page, api, log)
    assert "storage: postgresql" in log
    assert not list((tmp_path / "var" / "sqlite").glob("*.sqlite3"))
