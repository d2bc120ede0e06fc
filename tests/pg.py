"""A throwaway PostgreSQL cluster from the binaries on this machine (tests and benches).

``initdb`` refuses to run as root, so as root the cluster belongs to the
``postgres`` user (``runuser``); otherwise it runs as whoever we are.  It
listens on loopback on a free port and is deleted by :meth:`Cluster.stop`.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name))
    return Path(dirs[-1]) if dirs else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One PostgreSQL server in a temporary folder; ``durable=False`` skips fsync (tests only)."""

    def __init__(self, *, durable: bool = True) -> None:
        bindir = find_bindir()
        if bindir is None:
            raise FileNotFoundError("no PostgreSQL binaries (initdb) on this machine")
        self.bindir = bindir
        self.durable = durable
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="taskboard-pg-"))
        self.data = self.dir / "data"
        self._as_root = os.geteuid() == 0
        self.started = False

    def _run(self, *cmd: str) -> None:
        argv = [str(self.bindir / cmd[0]), *cmd[1:]]
        if self._as_root:
            argv = ["runuser", "-u", SUPERUSER, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> Cluster:
        """initdb and start the server; return self."""
        if self._as_root:
            shutil.chown(self.dir, SUPERUSER, SUPERUSER)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")
        self.started = True
        return self

    def url(self, dbname: str = "postgres") -> str:
        """A URL for ``dbname`` on this cluster."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str) -> str:
        """Make an empty database; return its URL."""
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database even while stores are still connected to it."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        try:
            if self.started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            self.started = False
            shutil.rmtree(self.dir, ignore_errors=True)


def cluster_for_tests(durable: bool = False):
    """A started throwaway cluster for a pytest fixture to yield, stopped when the generator closes.

    Skips the test where PostgreSQL is not installed, unless
    ``TASKBOARD_REQUIRE_POSTGRES=1`` (CI), where that is a failure.
    """
    import pytest

    if find_bindir() is None:
        reason = "PostgreSQL binaries (initdb, pg_ctl) are not installed on this machine"
        if os.environ.get("TASKBOARD_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{reason}, and TASKBOARD_REQUIRE_POSTGRES=1 (CI) forbids skipping")
        pytest.skip(reason)
    cluster = Cluster(durable=durable)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
