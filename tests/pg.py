"""A throw-away PostgreSQL cluster (initdb + pg_ctl) with an owner and an application role.

Used by the test fixtures (``tests/conftest.py``) and by ``benchmarks/server_ingest.py``. The
cluster lives in a temp dir, listens on 127.0.0.1 on a free port and on a socket in that dir,
and needs password authentication (scram-sha-256) even there. ``initdb`` and ``pg_ctl`` refuse
to run as root, so as root they run as the ``postgres`` system user that Debian's package makes.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OWNER_ROLE = "atrium_owner"
APP_ROLE = "atrium_app"
SUPERUSER = "atrium_super"
HOW_TO_ENABLE = (
    "PostgreSQL is not installed: the PostgreSQL half of the tests is skipped "
    "(install it with 'apt-get install postgresql', or set ATRIUM_PG_BINDIR to the directory "
    "holding initdb and pg_ctl)"
)


class PgUnavailable(Exception):
    """No usable PostgreSQL installation on this machine."""


def find_bindir() -> Path | None:
    """The directory with initdb, pg_ctl and postgres: $ATRIUM_PG_BINDIR, pg_config, Debian's."""
    candidates: list[str] = []
    if os.environ.get("ATRIUM_PG_BINDIR"):
        candidates.append(os.environ["ATRIUM_PG_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            )
            candidates.append(out.stdout.strip())
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates.extend(sorted(debian, key=lambda p: int(Path(p).parent.name), reverse=True))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).parent))
    for candidate in candidates:
        path = Path(candidate)
        if all((path / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return path
    return None


def require_postgres() -> bool:
    """True when a missing PostgreSQL must fail the run instead of skipping (CI)."""
    return os.environ.get("ATRIUM_REQUIRE_POSTGRES", "") not in ("", "0")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged account for initdb/pg_ctl when running as root, else None."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PgUnavailable("running as root and there is no 'postgres' user to run PostgreSQL as")


def role_setup_sql(database: str, owner: str, app: str, owner_pw: str, app_pw: str) -> list[str]:
    """Cluster-level statements: the two roles and the database (run as a superuser).

    The README shows the same statements (``test_the_readme_creates_the_roles_as_the_tests_do``).
    """
    return [
        f"CREATE ROLE {owner} LOGIN PASSWORD '{owner_pw}' NOSUPERUSER NOCREATEDB NOCREATEROLE",
        f"CREATE ROLE {app} LOGIN PASSWORD '{app_pw}' "
        "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT",
        f"CREATE DATABASE {database} OWNER {owner}",
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {database} TO {app}",
    ]


def grants_sql(owner: str, app: str) -> list[str]:
    """Inside the database: the app role gets DML on whatever the owner creates, nothing else."""
    return [
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]


@dataclass
class Cluster:
    """A running throw-away cluster; ``stop()`` (or the context manager) removes it."""

    bindir: Path
    root: Path
    port: int
    durable: bool = False
    passwords: dict[str, str] = field(default_factory=dict)
    _account: pwd.struct_passwd | None = None

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def log(self) -> Path:
        return self.root / "postgres.log"

    @classmethod
    def start(cls, *, durable: bool = False, max_connections: int = 200) -> Cluster:
        """initdb a fresh cluster in a temp dir and start it on a free port."""
        bindir = find_bindir()
        if bindir is None:
            raise PgUnavailable(HOW_TO_ENABLE)
        account = _run_as()
        root = Path(tempfile.mkdtemp(prefix="atrium-pg-"))
        cluster = cls(bindir, root, 0, durable, _account=account)
        cluster.passwords = {
            r: secrets.token_urlsafe(18) for r in (SUPERUSER, OWNER_ROLE, APP_ROLE)
        }
        try:
            cluster.socket_dir.mkdir(mode=0o700)
            pwfile = root / "pwfile"
            pwfile.write_text(cluster.passwords[SUPERUSER] + "\n")
            pwfile.chmod(0o600)
            if account is not None:
                for path in (root, cluster.socket_dir, pwfile):
                    os.chown(path, account.pw_uid, account.pw_gid)
            cluster._tool(
                "initdb", "-D", str(cluster.data), "-U", SUPERUSER, "--pwfile", str(pwfile),
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions",
            )  # fmt: skip
            pwfile.unlink()
            cluster._configure(max_connections)
            cluster._start_on_free_port()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _configure(self, max_connections: int) -> None:
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "max_connections": str(max_connections),
            "shared_buffers": "'128MB'",
            "log_min_messages": "warning",
            "log_min_error_statement": "panic",
        }
        if not self.durable:
            settings.update(fsync="off", synchronous_commit="off", full_page_writes="off")
        conf = "".join(f"{key} = {value}\n" for key, value in settings.items())
        with (self.data / "postgresql.conf").open("a") as handle:
            handle.write(conf)

    def _start_on_free_port(self) -> None:
        for _ in range(5):
            self.port = free_port()
            try:
                self.pg_ctl("start")
                return
            except PgUnavailable:
                if "could not bind" not in self.log_tail():
                    raise
        raise PgUnavailable("PostgreSQL found no free port to listen on")

    def _tool(self, tool: str, *args: str) -> str:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"}
        kwargs: dict[str, Any] = {}
        if self._account is not None:
            kwargs.update(user=self._account.pw_uid, group=self._account.pw_gid, extra_groups=[])
            env["HOME"] = str(self.root)
        result = subprocess.run(
            [str(self.bindir / tool), *args],
            capture_output=True, text=True, env=env, cwd=self.root, timeout=120, check=False,
            **kwargs,
        )  # fmt: skip
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise PgUnavailable(f"{tool} failed: {detail[-1] if detail else result.returncode}")
        return result.stdout

    def pg_ctl(self, action: str, *, mode: str = "fast") -> None:
        """start, stop or restart the server (``-m fast``: sessions are cut off at once)."""
        args = ["-D", str(self.data), "-w", "-t", "60", "-l", str(self.log)]
        if action == "start" or action == "restart":
            args += ["-o", f"-p {self.port}"]
        if action != "start":
            args += ["-m", mode]
        self._tool("pg_ctl", action, *args)

    def log_tail(self, lines: int = 20) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def url(self, role: str, database: str, *, driver: str = "postgresql") -> str:
        """A URL for ``role`` over TCP on 127.0.0.1 (``driver`` e.g. ``postgresql+psycopg``)."""
        return f"{driver}://{role}:{self.passwords[role]}@127.0.0.1:{self.port}/{database}"

    def connect(self, role: str = SUPERUSER, database: str = "postgres") -> Any:
        """A psycopg connection in autocommit mode."""
        import psycopg

        return psycopg.connect(self.url(role, database), autocommit=True)

    def create_app_database(self, database: str) -> None:
        """The roles (once) and a database owned by the owner role, the app role granted DML."""
        with self.connect() as conn:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OWNER_ROLE,))
            statements = role_setup_sql(
                database, OWNER_ROLE, APP_ROLE,
                self.passwords[OWNER_ROLE], self.passwords[APP_ROLE],
            )  # fmt: skip
            if exists.fetchone():
                statements = statements[2:]
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]
        with self.connect(SUPERUSER, database) as conn:
            for statement in grants_sql(OWNER_ROLE, APP_ROLE):
                conn.execute(statement)  # type: ignore[arg-type]

    def clone_database(self, template: str, database: str) -> None:
        """A new database from ``template`` (which nobody may be connected to)."""
        with self.connect() as conn:
            conn.execute(
                f'CREATE DATABASE "{database}" TEMPLATE "{template}" OWNER {OWNER_ROLE}'  # type: ignore[arg-type]
            )
            conn.execute(f'GRANT CONNECT ON DATABASE "{database}" TO {APP_ROLE}')  # type: ignore[arg-type]

    def drop_database(self, database: str) -> None:
        with self.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')  # type: ignore[arg-type]

    def stop(self) -> None:
        """Stop the server (if it runs) and remove the cluster's directory."""
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(PgUnavailable, subprocess.SubprocessError):
                self.pg_ctl("stop", mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Snapshot:
    """The rows of a database, put back in one transaction: cheaper than a database per test.

    Runs as the superuser (which row-level security does not bind), with foreign-key triggers
    off while it refills; the schema itself is never touched.
    """

    def __init__(self, cluster: Cluster, database: str) -> None:
        self.cluster, self.database = cluster, database
        self._connect()
        tables = [
            row[0]
            for row in self._conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        self._rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
        for table in tables:
            cursor = self._conn.execute(f'SELECT * FROM "{table}"')  # type: ignore[arg-type]
            columns = [column.name for column in cursor.description or ()]
            self._rows[table] = (columns, cursor.fetchall())
        self._conn.commit()

    def _connect(self) -> None:
        self._conn = self.cluster.connect(SUPERUSER, self.database)
        self._conn.autocommit = False
        self._conn.execute("SET lock_timeout = '10s'")
        self._conn.commit()

    def restore(self) -> None:
        """Every table as it was when the snapshot was taken (sequences restarted too)."""
        import psycopg

        try:
            self._restore()
        except psycopg.errors.AdminShutdown:  # the cluster restarted since: a new connection
            self._connect()
            self._restore()
        except psycopg.errors.LockNotAvailable:  # a connection left open by a failed test
            self._conn.rollback()
            with self.cluster.connect() as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    (self.database,),
                )
            self._connect()
            self._restore()
        except psycopg.OperationalError:  # the cluster was restarted (by a test) since
            self._conn.close()
            self._connect()
            self._restore()

    def _restore(self) -> None:
        conn = self._conn
        names = ", ".join(f'"{table}"' for table in self._rows)
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute(f"TRUNCATE {names} RESTART IDENTITY")  # type: ignore[arg-type]
        for table, (columns, rows) in self._rows.items():
            if rows:
                marks = ", ".join(["%s"] * len(columns))
                listed = ", ".join(f'"{c}"' for c in columns)
                with conn.cursor() as cursor:
                    cursor.executemany(
                        f'INSERT INTO "{table}" ({listed}) VALUES ({marks})',  # type: ignore[arg-type]
                        rows,
                    )
        # rows came back with their own ids: move each serial column's sequence past them
        serials = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_default LIKE 'nextval(%%'"
        ).fetchall()
        for table, column in serials:
            conn.execute(
                f'SELECT setval(pg_get_serial_sequence(%s, %s), '  # type: ignore[arg-type]
                f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)',
                (table, column),
            )
        conn.commit()

    def close(self) -> None:
        self._conn.close()


@contextlib.contextmanager
def cluster(**kwargs: Any) -> Iterator[Cluster]:
    """Start a cluster for the duration of a ``with`` block."""
    started = Cluster.start(**kwargs)
    try:
        yield started
    finally:
        started.stop()
