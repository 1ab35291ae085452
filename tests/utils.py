from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url):
    """Number of SQL queries one GET makes (asserting the response is 200)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)
