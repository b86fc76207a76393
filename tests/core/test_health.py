"""/healthz/ and /ping/: what a load balancer and the operator's monitor are told."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from apps.core.tasks import record_heartbeat

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 16, 5, 0, tzinfo=datetime.UTC)


def health(client, status=200):
    response = client.get("/healthz/")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response.json()


def database_down():
    """Every new cursor fails as it does when PostgreSQL has gone away."""
    return mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("server closed the connection")
    )


def test_health_reports_the_database_and_a_worker_never_seen(client):
    data = health(client)
    assert data["status"] == "ok"
    assert data["database"] == "ok"
    assert data["worker"] == "never-seen"
    assert data["worker_last_seen"] is None


def test_heartbeat_marks_the_worker_alive_until_it_goes_stale(client, settings, time_machine):
    time_machine.move_to(NOON, tick=False)
    record_heartbeat.enqueue()  # ImmediateBackend: the task runs here, as a worker would
    data = health(client)
    assert data["worker"] == "ok"
    assert datetime.datetime.fromisoformat(data["worker_last_seen"]) == NOON

    time_machine.shift(datetime.timedelta(seconds=settings.WARTA_WORKER_STALE_AFTER))
    assert health(client)["worker"] == "ok"
    time_machine.shift(datetime.timedelta(seconds=1))
    assert health(client)["worker"] == "stale"

    record_heartbeat.enqueue()
    assert health(client)["worker"] == "ok"
    assert datetime.datetime.fromisoformat(health(client)["worker_last_seen"]) == timezone.now()


def test_health_answers_503_when_the_database_is_unreachable(client):
    with database_down():
        data = health(client, status=503)
    assert data["status"] == "error"
    assert data["database"] == "unreachable"
    assert data["detail"] == "OperationalError"


def test_health_answers_503_after_earlier_requests_too(client):
    # A warm process (site already looked up and cached) must say the same.
    health(client)
    with database_down():
        assert health(client, status=503)["database"] == "unreachable"


def test_ping_answers_ok_and_is_never_cached(client, settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 300
    for _ in range(2):
        response = client.get("/ping/")
        assert response.status_code == 200
        assert response.content == b"ok"
        assert response["Content-Type"].startswith("text/plain")
        assert "no-cache" in response["Cache-Control"]
        assert "X-Warta-Cache" not in response


def test_ping_answers_without_the_database(client):
    with database_down():
        response = client.get("/ping/")
    assert (response.status_code, response.content) == (200, b"ok")
