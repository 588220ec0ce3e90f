"""buildout.cfg builds a working e-Akte instance with the project's pins, from PyPI alone."""

from zopeprocess import free_port
from zopeprocess import ROOT
from zopeprocess import wait_for_http

import os
import pytest
import requests
import signal
import subprocess
import sys


def run(*cmd, cwd, timeout=1200):
    result = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def test_versions_cfg_is_generated_from_the_constraints():
    generated = run(sys.executable, ROOT / "scripts" / "buildout_versions.py", cwd=ROOT)
    assert (ROOT / "versions.cfg").read_text() == generated, "run `make constraints`"


@pytest.mark.slow
def test_buildout_builds_an_instance_that_serves_the_site(tmp_path):
    """A clean virtualenv with only zc.buildout: everything else comes from PyPI, pinned."""
    port = free_port()
    run(sys.executable, "-m", "venv", tmp_path / "venv", cwd=tmp_path)
    run(tmp_path / "venv/bin/pip", "install", "-q", "-c", ROOT / "constraints.txt",
        "zc.buildout", "setuptools", "wheel", cwd=tmp_path)
    run(
        tmp_path / "venv/bin/buildout", "-c", ROOT / "buildout.cfg",
        f"buildout:directory={tmp_path}", f"buildout:develop={ROOT}",
        f"settings:http-address=127.0.0.1:{port}",
        cwd=tmp_path,
    )
    instance = tmp_path / "bin" / "instance"
    assert "Created e-Akte site 'eakte'" in run(instance, "run", ROOT / "scripts" / "create_site.py", cwd=tmp_path)

    server = subprocess.Popen(
        [str(instance), "fg"], cwd=tmp_path, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(url + "/", process=server)
        page = requests.get(f"{url}/eakte", timeout=60)
        assert page.status_code == 200
        assert 'lang="de"' in page.text
        api = requests.get(
            f"{url}/eakte", auth=("admin", "admin"), headers={"Accept": "application/json"}, timeout=60
        )
        assert api.status_code == 200
        assert api.json()["title"] == "e-Akte Stadtverwaltung"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
