"""Files on S3-compatible object storage (django-storages) against a real S3 HTTP API: moto in server mode.

With S3_BUCKET's settings every uploaded and generated file of the demo (scans, evidence, dossiers, the decision,
certificates) and a review report go to the bucket and nothing to the local media folder; downloads still go through
the permission-checked views; backups read the bucket through the same storage API.
"""

import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.management import call_command
from django.test import Client

from campaigns.models import SubPlanAttachment
from reports import services as review_services
from reports.models import ReviewReport
from thidua.backup import storage_names

pytestmark = pytest.mark.django_db

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """moto_server (the S3 API over HTTP) in its own process, on S3_TEST_PORT or a free port."""
    port = int(os.environ.get("S3_TEST_PORT") or 0)
    if not port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "w")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "moto_server did not start"
            time.sleep(0.2)
    yield endpoint
    server.terminate()
    server.wait(10)
    log.close()


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path):
    """A fresh private bucket as the default storage; the local media folder must stay empty."""
    name = f"thidua-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, **KEYS)
    client.create_bucket(Bucket=name)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "access_key": "testing",
                "secret_key": "testing",
                "region_name": "us-east-1",
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
                "max_memory_size": 5 * 1024 * 1024,
            },
        },
    }

    def keys():
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=name)
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))

    def read(key):
        return client.get_object(Bucket=name, Key=key)["Body"].read()

    yield type("Bucket", (), {"name": name, "keys": staticmethod(keys), "read": staticmethod(read)})


def streamed(response):
    assert response.streaming, "downloads are streamed"
    return b"".join(response.streaming_content)


def storage_from_environment(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("S3_")}
    env.update(DJANGO_SETTINGS_MODULE="thidua.settings", DEBUG="true", **extra)
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, *[getattr(s, a, '-') for a in "
        "('bucket_name', 'location', 'addressing_style', 'file_overwrite', 'default_acl')])"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_settings_choose_s3_from_the_environment():
    s3 = storage_from_environment(S3_BUCKET="thidua-files", S3_ENDPOINT_URL="http://127.0.0.1:9", S3_PREFIX="media")
    assert s3 == ["S3Storage", "thidua-files", "media", "path", "False", "None"]
    assert storage_from_environment()[0] == "FileSystemStorage"


def test_every_demo_file_and_a_review_report_live_in_the_bucket(
    bucket, settings, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the decision is printed after commit
        call_command("load_demo", stdout=io.StringIO())
    keys = bucket.keys()
    prefixes = {
        key.split("/")[0] if not key.startswith(("awards/", "documents/")) else "/".join(key.split("/")[:2])
        for key in keys
    }
    # Decisions and certificates are issued documents: stored versions under documents/<kind>/.
    assert {"subplans", "progress", "documents/decision", "documents/certificate"} <= prefixes, prefixes
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*"))

    # A sub-plan scan: stored under its generated name, downloaded through the view by its unit, refused elsewhere.
    attachment = (
        SubPlanAttachment.objects.select_related("subplan").filter(subplan__organization__code="du-co-noi").first()
    )
    assert attachment.file.name in keys
    assert hashlib.sha256(bucket.read(attachment.file.name)).hexdigest() == attachment.sha256
    url = f"/phong-trao/ke-hoach-don-vi/{attachment.subplan_id}/tep/{attachment.pk}/"
    unit, other, anonymous = Client(), Client(), Client()
    unit.login(username="conoi", password="thidua2019")
    other.login(username="chiengmung", password="thidua2019")
    response = unit.get(url)
    assert response.status_code == 200 and streamed(response) == bucket.read(attachment.file.name)
    assert other.get(url).status_code == 404
    assert anonymous.get(url).status_code == 302

    # A review report built (eagerly, as the worker would) into the bucket, downloaded by committee staff only.
    from django.contrib.auth import get_user_model

    from campaigns.models import Campaign

    staff = get_user_model().objects.get(username="vanphong")
    with django_capture_on_commit_callbacks(execute=True):
        review_services.request_review_report(Campaign.objects.get(), "final", staff)
    report = ReviewReport.objects.get()
    assert report.status == "done", report.failure_reason
    assert {report.pdf.name, report.xlsx.name} <= set(bucket.keys())
    committee = Client()
    committee.login(username="vanphong", password="thidua2019")
    response = committee.get(f"/bao-cao/{report.pk}/bao-cao.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert streamed(response) == bucket.read(report.pdf.name)
    assert unit.get(f"/bao-cao/{report.pk}/bao-cao.pdf").status_code == 404

    # The decision's PDF and certificates went through the storage too.
    from awards.models import Award, Decision

    decision = Decision.objects.exclude(pdf="").first()
    assert decision.pdf.name in bucket.keys() and bucket.read(decision.pdf.name).startswith(b"%PDF")
    assert all(a.certificate.name in bucket.keys() for a in Award.objects.exclude(certificate=""))

    # Backups read the bucket through the same storage API: every object, with its checksum.
    assert storage_names() == bucket.keys()
    out = io.StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    with tarfile.open(out.getvalue().splitlines()[0]) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    media = {name.removeprefix("media/"): m for name, m in manifest["members"].items() if name.startswith("media/")}
    assert sorted(media) == bucket.keys()
    assert all(hashlib.sha256(bucket.read(key)).hexdigest() == media[key]["sha256"] for key in media)
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*"))
