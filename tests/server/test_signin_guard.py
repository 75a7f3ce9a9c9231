"""Password guessing is throttled per address and account; password hashes are capped."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from server_stub.app import create_app
from server_stub.errors import ServiceError
from server_stub.service import AtriumService
from server_stub.signin_guard import (
    FORGET_AFTER_S,
    FREE_PER_ACCOUNT,
    FREE_PER_PAIR,
    MAX_WAIT_S,
    SignInGuard,
    wait_after,
)
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, FakeClock

LOGIN = "/api/v1/auth/login"


@pytest.fixture
def other_client(service: AtriumService) -> Iterator[TestClient]:
    app = create_app(service.data_dir, service=service)
    with TestClient(app, client=("192.0.2.77", 40000)) as test_client:
        yield test_client


def test_thirty_wrong_passwords_get_429_and_the_owner_still_signs_in_elsewhere(
    client: TestClient, other_client: TestClient
) -> None:
    answers = [
        client.post(LOGIN, json={"email": ADMIN_EMAIL, "password": f"guess {i:04d}"})
        for i in range(30)
    ]
    statuses = [a.status_code for a in answers]
    assert statuses[:FREE_PER_PAIR] == [401] * FREE_PER_PAIR
    assert statuses.count(429) >= 24, statuses
    for answer in answers:
        if answer.status_code == 429:
            assert int(answer.headers["Retry-After"]) >= 1
            assert answer.json()["detail"]["code"] == "too_many_attempts"
    # the right password from the guessing address waits too (no oracle, no bypass)
    assert (
        client.post(LOGIN, json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}).status_code
        == 429
    )
    ok = other_client.post(LOGIN, json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert ok.status_code == 200, ok.text
    assert ok.json()["token_type"] == "user"


def test_the_wait_doubles_then_stops_at_the_cap(service: AtriumService, clock: FakeClock) -> None:
    waits = []
    for _ in range(FREE_PER_PAIR + 3):
        with pytest.raises(ServiceError) as wrong:
            service.login(ADMIN_EMAIL, "not the password", "198.51.100.1")
        assert wrong.value.status == 401
        try:
            service.signin_guard.check(ADMIN_EMAIL, "198.51.100.1")
        except ServiceError as exc:
            assert exc.status == 429 and exc.retry_after is not None
            waits.append(exc.retry_after)
            clock.advance(exc.retry_after)
    assert waits == [1, 2, 4]
    assert wait_after(1000, FREE_PER_PAIR) == MAX_WAIT_S


def test_a_success_clears_the_account_not_the_address(service: AtriumService) -> None:
    guard = service.signin_guard
    for _ in range(FREE_PER_PAIR):
        guard.failed("someone@example.com", "203.0.113.9")
    token, _ = service.login(ADMIN_EMAIL, ADMIN_PASSWORD, "203.0.113.9")
    assert token
    assert guard._counters[("address", "203.0.113.9")].failures == FREE_PER_PAIR


def test_parallel_logins_never_run_more_hashes_than_the_cap(service: AtriumService) -> None:
    guard = SignInGuard(service.clock, max_hashes=2, max_queued=30)
    service.signin_guard = guard
    errors: list[BaseException] = []

    def sign_in(i: int) -> None:
        try:
            service.login(ADMIN_EMAIL, ADMIN_PASSWORD, f"10.0.0.{i}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=sign_in, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert guard.peak_hashing == 2
    assert guard.hashing_now == 0


def test_past_the_queue_a_login_gets_503(service: AtriumService) -> None:
    guard = SignInGuard(service.clock, max_hashes=1, max_queued=1)
    release = threading.Event()
    holding = threading.Event()

    def hold() -> None:
        with guard.hashing():
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    queued = threading.Thread(target=lambda: guard.hashing().__enter__())
    queued.start()
    while guard._waiting < 1:
        time.sleep(0.01)
    with pytest.raises(ServiceError) as busy, guard.hashing():
        pass
    assert busy.value.status == 503 and busy.value.retry_after
    release.set()
    holder.join()
    queued.join()


def test_guessing_from_many_addresses_meets_the_account_ceiling_not_its_owner() -> None:
    now = [0.0]
    guard = SignInGuard(lambda: now[0])
    guard.succeeded("owner@example.com", "198.51.100.7")  # the owner's usual address
    refused = 0
    for i in range(FREE_PER_ACCOUNT + 10):
        try:
            guard.check("owner@example.com", f"203.0.113.{i % 250}")
            guard.failed("owner@example.com", f"203.0.113.{i % 250}")
        except ServiceError as exc:
            assert exc.status == 429
            refused += 1
    assert refused >= 9, "past the account's free tries every new address waits"
    guard.check("owner@example.com", "198.51.100.7")  # the owner is not held back


def test_a_day_without_failures_forgets_them() -> None:
    now = [0.0]
    guard = SignInGuard(lambda: now[0])
    for _ in range(FREE_PER_PAIR + 4):
        now[0] += MAX_WAIT_S
        guard.failed("a@example.com", "192.0.2.1")
    with pytest.raises(ServiceError):
        guard.check("a@example.com", "192.0.2.1")
    now[0] += FORGET_AFTER_S + 1
    guard.check("a@example.com", "192.0.2.1")
    guard.failed("a@example.com", "192.0.2.1")
    guard.check("a@example.com", "192.0.2.1")  # one failure again: still free
