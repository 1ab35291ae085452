"""Health endpoints for load balancers and compose healthchecks (no login, no session, JSON).

`/health/` answers 200 when the database and the Celery broker are reachable, 503 otherwise, with one entry
per check ("ok", or the error's class name: nothing about hosts or credentials). The worker's own health is
`celery -A thidua inspect ping` (see docker-compose.yml).
"""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

BROKER_TIMEOUT = 3  # seconds


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker():
    from thidua.celery import app

    if app.conf.task_always_eager:
        return "eager"  # no broker configured: tasks run in the web process
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
        conn.default_channel  # noqa: B018 - opening a channel talks to the broker (e.g. Redis PING)
    return "ok"


CHECKS = {"database": check_database, "broker": check_broker}


@never_cache
@require_GET
def health(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as exc:  # any failure is reported, never raised
            results[name] = f"error: {type(exc).__name__}"
            healthy = False
    results["status"] = "ok" if healthy else "error"
    return JsonResponse(results, status=200 if healthy else 503)
