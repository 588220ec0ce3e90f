"""Real Zope processes for the storage and deployment tests.

A ``ZopeInstance`` is written by the same code as `make start` (scripts/instance.py), runs
scripts inside Zope with ``zconsole run`` and serves HTTP with ``runwsgi``: no mocks.
"""

from pathlib import Path

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ZOPE_SCRIPTS = Path(__file__).resolve().parent / "zope_scripts"

sys.path.insert(0, str(ROOT / "scripts"))

from instance import Settings  # noqa: E402
from instance import write_instance  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 120, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server process exited with {process.returncode} before answering")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # it answers (401/404 are answers)
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


class ZopeInstance:
    """One Zope instance configuration (var directory) and its processes."""

    def __init__(self, var: Path, dsn: str = "", port: int | None = None):
        self.settings = write_instance(
            Settings.from_environ(environ={}, var=var, dsn=dsn, port=port or free_port())
        )
        self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.port}"

    def env(self, **extra) -> dict:
        env = dict(os.environ)
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def run_script(self, script: str | Path, **env) -> str:
        """Run a script inside Zope (a fresh process: the database is reopened)."""
        path = Path(script)
        if not path.is_absolute():
            path = (ROOT / "scripts" / path) if (ROOT / "scripts" / path).exists() else ZOPE_SCRIPTS / path
        result = subprocess.run(
            [str(BIN / "zconsole"), "run", str(self.settings.zope_conf), str(path)],
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"{path.name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def create_site(self, demo: bool = False) -> str:
        return self.run_script("create_site.py", EAKTE_DEMO="1" if demo else "0")

    def start(self) -> "ZopeInstance":
        log = open(self.settings.var / "log" / "runwsgi.out", "w")
        self.server = subprocess.Popen(
            [str(BIN / "runwsgi"), str(self.settings.zope_ini)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env(),
        )
        wait_for_http(self.url + "/", process=self.server)
        return self

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server = None
