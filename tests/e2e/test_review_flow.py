"""Committee staff start the final review from the campaign page, watch it finish, and download the PDF."""

import subprocess
from types import SimpleNamespace

import pytest

from reports import services
from reports.models import ReviewReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_start_watch_and_download_the_final_review(live_server, page, demo, login, monkeypatch, artifacts_dir):
    # The web side only queues; this test plays the worker, so the page is seen waiting and then finishing.
    queued = []
    # Shaped like a Celery task as thidua.outbox.send() uses it (no broker: "eager", the queued id is kept).
    fake_task = SimpleNamespace(
        name="build_review_report_task",
        app=SimpleNamespace(conf=SimpleNamespace(task_always_eager=True)),
        apply_async=lambda args: queued.append(args[0]),
    )
    monkeypatch.setattr("reports.tasks.build_review_report_task", fake_task)
    login("vanphong", "thidua2019")
    page.goto(f"{live_server.url}/phong-trao/{demo.pk}/")
    card = page.locator("#review-card")
    card.locator("select[name=kind]").select_option("final")
    card.locator("input[name=data_as_of]").fill("30/11/2020")  # the data cut-off printed in the appendix
    card.locator("button[type=submit]").click()
    page.wait_for_url("**/bao-cao/*/")
    status = page.locator(".review-status")
    assert status.get_attribute("data-status") == "queued" and "Đang chờ" in status.inner_text()
    assert len(queued) == 1

    services.build_review_report(queued[0])  # the worker
    page.locator("#download-pdf").wait_for(timeout=15_000)  # htmx polling notices, the page reloads
    assert "Hoàn thành" in page.locator(".review-status").inner_text()
    assert page.locator("#states-chart svg").count() == 1 and page.locator("textarea").count() >= 8
    assert page.locator("#data-date").inner_text() == "số liệu tính đến ngày 30/11/2020"
    page.screenshot(path=str(artifacts_dir / "review-report-page.png"), full_page=True)

    with page.expect_download() as download_info:
        page.click("#download-pdf")
    download = download_info.value
    assert download.suggested_filename.startswith("bao-cao-tong-ket-") and download.suggested_filename.endswith(".pdf")
    pdf = open(download.path(), "rb").read()
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    report = ReviewReport.objects.get()
    counts = report.snapshot["counts"]
    assert "BÁO CÁO" in text and "Phụ lục 1" in text and text.startswith("DỰ THẢO")
    assert f"{counts['subplans_built']}/{counts['units']} đơn vị đã xây dựng" in " ".join(text.split())

    # Staff give the report its number and date with the narrative, print again (still a draft), then issue it.
    page.fill("#id_number", "12")
    page.fill("#id_issued_on", "05/12/2024")
    page.fill("#text-proposals", "Đề nghị Thường trực Tỉnh ủy quan tâm.")
    page.click("button:has-text('Lưu và in lại')")
    page.wait_for_url(lambda url: url.rstrip("/").endswith(f"/bao-cao/{queued[-1]}") and len(queued) == 2)
    services.build_review_report(queued[1])
    page.locator("#download-pdf").wait_for(timeout=15_000)
    assert page.locator("#draft-badge").count() == 1 and page.input_value("#id_number") == "12"
    page.check("#confirm-issue")
    page.click("#issue-form button[type=submit]")
    page.wait_for_url(lambda url: len(queued) == 3 and url.rstrip("/").endswith(f"/bao-cao/{queued[-1]}"))
    services.build_review_report(queued[2])
    page.locator("#download-pdf").wait_for(timeout=15_000)
    assert page.locator("#final-badge").count() == 1 and page.locator("textarea").count() == 0
    with page.expect_download() as download_info:
        page.click("#download-pdf")
    pdf = open(download_info.value.path(), "rb").read()
    text = " ".join(
        subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "DỰ THẢO" not in text and "Số 12-BC/HU" in text and "Mai Sơn, ngày 05 tháng 12 năm 2024" in text
    assert "Đề nghị Thường trực Tỉnh ủy quan tâm." in text
    assert "Số liệu đến 30/11/2020" in text  # the data date, not the day the report was built
