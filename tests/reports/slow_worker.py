"""The project's Celery app for the fault tests, run as a real `celery worker` process.

Every review build first sleeps SLOW_BUILD_SECONDS (in the pool child), so a test can kill the worker while the
build is running. Nothing else differs from production.
"""

import os
import time

from celery.signals import worker_process_init

from thidua.celery import app

__all__ = ["app"]


@worker_process_init.connect
def slow_down_builds(**kwargs):
    from reports import services

    delay = float(os.environ.get("SLOW_BUILD_SECONDS", "0"))
    real = services.render_review_pdf

    def slow_render(*args, **kw):
        time.sleep(delay)
        return real(*args, **kw)

    services.render_review_pdf = slow_render
