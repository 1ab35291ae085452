"""The benchmark's bare view and query count exist only when BENCHMARK_VIEWS is set (never in production)."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from thidua.benchmark import QueryCountMiddleware, bare


def test_benchmark_views_are_off_by_default():
    assert settings.BENCHMARK_VIEWS is False
    assert "thidua.benchmark.QueryCountMiddleware" not in settings.MIDDLEWARE
    with pytest.raises(Resolver404):
        resolve("/__benchmark__/bare/")


@pytest.mark.django_db
def test_bare_view_does_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        response = bare(RequestFactory().get("/__benchmark__/bare/"))
    assert response.content == b"ok 1"


@pytest.mark.django_db
def test_query_count_header_only_when_asked():
    from units.models import Organization

    def view(request):
        list(Organization.objects.all())
        list(Organization.objects.all())
        return HttpResponse("x")

    middleware = QueryCountMiddleware(view)
    assert middleware(RequestFactory().get("/", HTTP_X_SQL_COUNT="1"))["X-SQL-Queries"] == "2"
    assert "X-SQL-Queries" not in middleware(RequestFactory().get("/"))
