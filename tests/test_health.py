"""/health/: JSON, 200 when the database and the broker answer, 503 naming what does not."""

import pytest
from django.conf import settings
from django.db import OperationalError

from thidua import health
from thidua.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(request):
    """Point the Celery app at a broker URL for one test (the real Redis or a closed port), then restore."""

    def use(url):
        app.conf.update(CELERY_BROKER_URL=url, CELERY_TASK_ALWAYS_EAGER=False)

    keys = ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER")
    saved = {key: app.conf.get(key) for key in keys}
    yield use
    app.conf.update(saved)


def test_eager_install_is_healthy_without_a_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok", "broker": "eager", "status": "ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_real_redis_broker_is_checked(client, broker):
    broker(settings.TEST_REDIS_URL)
    response = client.get("/health/")
    assert (response.status_code, response.json()) == (200, {"database": "ok", "broker": "ok", "status": "ok"})


def test_unreachable_broker_is_503(client, broker):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    broker(f"redis://127.0.0.1:{port}/0")
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"] == "ok"
    assert body["broker"].startswith("error: ") and "127.0.0.1" not in body["broker"]


def test_database_failure_is_503(client, monkeypatch):
    def down():
        raise OperationalError("connection refused to db-host")

    monkeypatch.setitem(health.CHECKS, "database", down)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"


def test_post_is_refused(client):
    assert client.post("/health/").status_code == 405
