"""Benchmark-only hooks, enabled by BENCHMARK_VIEWS=true (set by `make benchmark`, never in production).

- `bare`: a Django view that does one SQL query and nothing else, the yardstick the pages are compared with;
- `QueryCountMiddleware`: on a request carrying `X-SQL-Count: 1`, answers the number of SQL queries it ran in the
  `X-SQL-Queries` header (other requests, the timed ones, pass untouched).
"""

from django.db import connection
from django.http import HttpResponse


def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (value,) = cursor.fetchone()
    return HttpResponse(f"ok {value}", content_type="text/plain")


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.headers.get("X-SQL-Count") != "1":
            return self.get_response(request)
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
            # A streamed body runs its queries while it is read: count those too.
            if response.streaming:
                response.streaming_content = list(response.streaming_content)
        response["X-SQL-Queries"] = str(count)
        return response
