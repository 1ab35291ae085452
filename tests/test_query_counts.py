"""Every page of the benchmark runs the same number of SQL queries for 5, 200 and 1,000 units.

The data is the benchmark's synthetic province (benchmarks/data.py) at three sizes: units, their sub-plans and
progress reports, nominations (a fifth of the units), past campaigns and registry awards all grow together. The
users are the ones the benchmark logs in as: committee staff with a membership (not a superuser) and a unit head.
"""

import urllib.parse

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks import data, pages

SIZES = (5, 200, 1000)


def measure(size):
    prefix = f"q{size}-"
    campaigns = data.build(scales=(size,), awards=size, past_campaigns=size // 25, prefix=prefix, log=lambda _: None)
    from awards.models import Award

    key = Award.objects.filter(proposer__code__startswith=prefix).values_list("nominee_key", flat=True).first()
    history = "/khen-thuong/so/lich-su/?" + urllib.parse.urlencode({"key": key})
    clients = {}
    for role in ("staff", "head"):
        clients[role] = Client()
        assert clients[role].login(username=f"{prefix}{role}", password=data.PASSWORD)
    counts = {}
    for _group, label, user, path in pages.pages(campaigns) + pages.exports(campaigns):
        path = path.replace("HISTORY", history)
        label = label.split(" (")[0] if "xlsx" in label else label  # export labels name their row counts
        clients[user].get(path)  # the session and caches are warm, as in the benchmark
        with CaptureQueriesContext(connection) as ctx:
            response = clients[user].get(path)
        assert response.status_code == 200, (label, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)
        counts[(label, user)] = len(ctx.captured_queries)
    return counts


@pytest.mark.django_db
def test_every_benchmarked_page_runs_a_constant_number_of_queries():
    from awards.catalogue import seed_catalogue

    seed_catalogue()  # idempotent; a transactional test earlier in the run flushes the migration's rows

    by_size = {size: measure(size) for size in SIZES}
    pages_ = by_size[SIZES[0]].keys()
    growing = {page: [by_size[s][page] for s in SIZES] for page in pages_ if len({by_size[s][page] for s in SIZES}) > 1}
    assert not growing, f"queries at {SIZES} units: {growing}"
