"""Bad PostgreSQL settings: one line naming the problem, a non-zero exit, no password shown."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from server_stub import cli
from server_stub.service import AtriumService
from tests.pg import APP_ROLE, OWNER_ROLE, Cluster, free_port

COMMANDS = (["device", "list"], ["checkins"], ["migrate"], ["run", "--port", "0"])


def run_cli(
    capsys: pytest.CaptureFixture[str], data_dir: Path, url: str, *args: str
) -> tuple[int, str]:
    code = cli.main(["--data-dir", str(data_dir), "--database-url", url, *args])
    return code, capsys.readouterr().err


def assert_one_line(code: int, err: str, *expected: str, secret: str | None = None) -> None:
    assert code == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for part in expected:
        assert part in err, err
    if secret:
        assert secret not in err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "server"
    path.mkdir()
    return path


@pytest.fixture
def fresh_database(pg_cluster: Cluster) -> str:
    name = f"bad_{uuid.uuid4().hex[:8]}"
    pg_cluster.create_app_database(name)
    return name


def test_unreachable_server(
    pg_cluster: Cluster, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://{APP_ROLE}:secret-pw@127.0.0.1:{free_port()}/atrium"
    for args in COMMANDS:
        code, err = run_cli(capsys, data_dir, url, *args)
        assert_one_line(code, err, "cannot use the database", "refused", secret="secret-pw")


@pytest.mark.parametrize(
    ("role", "password", "database", "expected"),
    [
        (APP_ROLE, "wrong-password", None, "password authentication failed"),
        ("no_such_role", "some-password", None, 'for user "no_such_role"'),
        (APP_ROLE, None, "no_such_database", 'database "no_such_database" does not exist'),
    ],
)
def test_wrong_password_missing_role_or_database(
    pg_cluster: Cluster,
    fresh_database: str,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    role: str,
    password: str | None,
    database: str | None,
    expected: str,
) -> None:
    password = password or pg_cluster.passwords[APP_ROLE]
    url = f"postgresql://{role}:{password}@127.0.0.1:{pg_cluster.port}/{database or fresh_database}"
    for args in COMMANDS:
        code, err = run_cli(capsys, data_dir, url, *args)
        assert_one_line(code, err, "cannot use the database", expected, secret=password)


def test_an_empty_database_names_init(
    pg_cluster: Cluster, fresh_database: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.url(APP_ROLE, fresh_database)
    for args in COMMANDS[:2]:
        code, err = run_cli(capsys, data_dir, url, *args)
        assert_one_line(code, err, "atrium-server init", secret=pg_cluster.passwords[APP_ROLE])


def test_the_app_role_cannot_migrate_and_says_so(
    pg_cluster: Cluster, fresh_database: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(capsys, data_dir, pg_cluster.url(APP_ROLE, fresh_database), "migrate")
    assert_one_line(code, err, "permission denied", secret=pg_cluster.passwords[APP_ROLE])


def test_a_database_at_an_older_revision_names_migrate(
    pg_cluster: Cluster, fresh_database: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = pg_cluster.url(OWNER_ROLE, fresh_database)
    AtriumService.initialise(data_dir, "Acme Corp", "Berlin HQ", database_url=owner)[0].close()
    with pg_cluster.connect(OWNER_ROLE, fresh_database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0002'")
    for args in (COMMANDS[0], COMMANDS[1], COMMANDS[3]):
        code, err = run_cli(capsys, data_dir, pg_cluster.url(APP_ROLE, fresh_database), *args)
        assert_one_line(code, err, "revision 0002", "atrium-server migrate")


@pytest.mark.parametrize("role", [OWNER_ROLE, "atrium_super"])
def test_the_server_refuses_to_run_as_the_owner_or_a_superuser(
    pg_cluster: Cluster,
    fresh_database: str,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    role: str,
) -> None:
    AtriumService.initialise(
        data_dir, "Acme Corp", "Berlin HQ", database_url=pg_cluster.url(OWNER_ROLE, fresh_database)
    )[0].close()
    code, err = run_cli(
        capsys, data_dir, pg_cluster.url(role, fresh_database), "run", "--port", "0"
    )
    why = "owns the tables" if role == OWNER_ROLE else "bypasses row-level security"
    assert_one_line(code, err, f"must not connect as '{role}'", why, "application role")
