"""Commendation end to end in Chromium: a unit nominates, staff check, the council votes, staff issue the
decision, and the certificate PDF prints with the right name."""

import subprocess

import pytest

from awards.demo import demo_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Điêu Thị Mai"


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "thidua2019")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_nominate_check_vote_decide_print(live_server, page, demo, artifacts_dir, tmp_path):
    page.on("dialog", lambda dialog: dialog.accept())
    campaign_url = f"{live_server.url}/khen-thuong/phong-trao/{demo.pk}/"

    # The unit nominates.
    sign_in(page, live_server, "chiengmung")
    page.goto(f"{live_server.url}/phong-trao/{demo.pk}/")
    page.click("#awards-card >> text=Đề nghị khen thưởng của phong trào")
    page.click("text=Đề nghị mới")
    page.select_option("#id_nominee_kind", "individual")
    page.fill("#id_full_name", NAME)
    page.fill("#id_title_prefix", "Bà")
    page.fill("#id_position", "Bí thư Chi bộ bản Củ")
    page.fill("#id_unit_name", "Đảng bộ xã Chiềng Mung")
    page.select_option("#id_gender", "female")
    page.fill("#id_ethnicity", "Thái")
    page.fill("#id_birth_year", "1988")
    page.select_option("#id_award_type", label="Giấy khen của Ban Thường vụ Huyện ủy")
    page.fill("#id_achievement", "Vận động 40 hộ chuyển đổi cây trồng; chi bộ hoàn thành xuất sắc nhiệm vụ năm 2020.")
    page.click("#nomination-form button[type=submit]")
    assert page.inner_text("#nominee-name") == f"Bà {NAME}"
    # The dossier is required before sending: the rules say what is missing until both files are uploaded.
    assert "Hồ sơ còn thiếu" in page.inner_text(".findings [data-rule=dossier]")
    for kind, name in (("proposal", "to-trinh.pdf"), ("achievement", "bao-cao-thanh-tich.pdf")):
        page.select_option("#id_kind", kind)
        page.set_input_files(
            "#id_file", files=[{"name": name, "mimeType": "application/pdf", "buffer": demo_pdf(name)}]
        )
        page.click("form[action$='/ho-so/'] button[type=submit]")
    assert page.locator("#dossier li").count() == 2
    page.click("#move-submit button")
    assert page.locator("[data-status=submitted]").count() == 1
    page.screenshot(path=str(artifacts_dir / "awards-1-nominated.png"), full_page=True)
    nomination_url = page.url

    # Committee staff check it and put it to the open sitting of the council.
    sign_in(page, live_server, "vanphong")
    page.goto(nomination_url)
    page.click("#move-check button")
    page.select_option("#id_session", label="Phiên họp bổ sung xét khen thưởng (29/12/2020)")
    page.click("#to-council button[type=submit]")
    assert page.locator("[data-status=in_council]").count() == 1

    # The council member votes (a secret ballot).
    sign_in(page, live_server, "hoidong")
    page.goto(f"{live_server.url}/khen-thuong/hoi-dong/")
    page.click("text=Phiên họp bổ sung xét khen thưởng")
    row = page.locator("#agenda tr", has_text=NAME)
    row.locator("button[value=yes]").click()
    assert "Đã bỏ phiếu" in page.locator("#agenda tr", has_text=NAME).inner_text()
    page.screenshot(path=str(artifacts_dir / "awards-2-council.png"), full_page=True)
    # The two other members vote on the agenda too: a sitting closes once two thirds of its members voted.
    from django.contrib.auth import get_user_model

    from awards import services
    from awards.models import Nomination

    sitting = Nomination.objects.get(full_name=NAME).session
    for n in sitting.nominations.filter(status="in_council"):
        mine = n.full_name == NAME  # the demo's other nomination waiting there is turned down
        for username, choice in (("hoidong2", "yes" if mine else "no"), ("hoidong3", "no")):
            services.cast_vote(sitting, n, get_user_model().objects.get(username=username), choice)

    # Staff close the sitting, draw up the decision and issue it.
    sign_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/khen-thuong/hoi-dong/")
    page.click("text=Phiên họp bổ sung xét khen thưởng")
    page.click("#close-session")
    assert "2 đồng ý / 1 không / 3 thành viên" in page.locator("#agenda tr", has_text=NAME).inner_text()
    page.goto(campaign_url)
    page.click("text=Lập quyết định khen thưởng")
    page.fill("#id_number", "151")
    page.fill("#id_issued_on", "30/12/2020")
    for box in page.locator("input[name=nominations]").all():
        label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        box.set_checked(NAME in label)
    page.click("#decision-form button[type=submit]")
    page.click("#issue-decision")
    assert page.inner_text("#decision-status") == "Đã ban hành"
    assert "Số 151-QĐ/HU" in page.inner_text("#decision-document")
    page.screenshot(path=str(artifacts_dir / "awards-3-decision.png"), full_page=True)

    # The certificate prints with her name; the registry shows the award.
    href = page.locator("#certificates a", has_text=NAME).get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "giay-khen.pdf"
    pdf.write_bytes(response.body())
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert f"Bà {NAME}" in text and "GIẤY KHEN" in text and "151-QĐ/HU" in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(artifacts_dir / "awards-4-certificate")],
        check=True,
    )

    page.goto(f"{live_server.url}/khen-thuong/so/?q=dieu thi mai")
    assert page.locator("#registry tbody tr").count() == 1
    assert NAME in page.inner_text("#registry")
    page.screenshot(path=str(artifacts_dir / "awards-5-registry.png"), full_page=True)

    # Nothing left within the issuer's authority: the decision form says so instead of failing silently.
    page.goto(campaign_url)
    page.click("text=Lập quyết định khen thưởng")
    assert "Không có đề nghị nào đã được Hội đồng thông qua" in page.inner_text("#no-nominations")
    page.click("#decision-form button[type=submit]")
    assert "Chọn ít nhất một đề nghị" in page.inner_text("#decision-errors")
    page.screenshot(path=str(artifacts_dir / "awards-7-decision-nothing-to-decide.png"))

    # The proposal upward prints as an official letter with the number and date typed on its page.
    page.goto(campaign_url)
    page.click("text=Tờ trình đề nghị cấp trên")
    page.fill("#id_number", "36")
    page.fill("#id_day", "05/01/2021")
    query = page.eval_on_selector("#proposal-print", "f => new URLSearchParams(new FormData(f)).toString()")
    response = page.request.get(f"{page.url.split('?')[0]}?{query}")
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(response.body())
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 36-TTr/HU",
        "Mai Sơn, ngày 05 tháng 01 năm 2021",
        "TỜ TRÌNH",
        "Kính gửi: Ban Thường vụ Tỉnh ủy Sơn La",
        "Nơi nhận:",
        "Lưu Văn phòng Huyện ủy.",
        "T/M BAN THƯỜNG VỤ",
    ):
        assert expected in text, expected
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf), str(artifacts_dir / "awards-6-proposal")], check=True
    )


def test_final_actions_ask_for_confirmation(live_server, page, demo):
    """Cancelling the browser's confirmation leaves the vote and the review undone; accepting does them."""
    from playwright.sync_api import expect

    from awards.enums import NominationStatus
    from awards.models import Nomination, Vote

    answers = []
    page.on(
        "dialog", lambda dialog: (answers.append(dialog.message), dialog.accept() if accept[0] else dialog.dismiss())
    )
    accept = [False]

    sign_in(page, live_server, "hoidong")
    page.goto(f"{live_server.url}/khen-thuong/hoi-dong/")
    page.click("text=Phiên họp bổ sung xét khen thưởng")
    waiting = Nomination.objects.get(status=NominationStatus.IN_COUNCIL)
    row = page.locator(f"#agenda-{waiting.pk}")
    row.locator("button[value=no]").click()
    page.wait_for_timeout(300)
    assert "Bỏ phiếu «Không đồng ý» cho" in answers[-1] and waiting.full_name in answers[-1]
    assert Vote.objects.filter(nomination=waiting).count() == 0
    accept[0] = True
    row.locator("button[value=yes]").click()
    expect(page.locator(f"#agenda-{waiting.pk}")).to_contain_text("Đã bỏ phiếu")
    assert Vote.objects.filter(nomination=waiting).count() == 1

    submitted = Nomination.objects.get(status=NominationStatus.SUBMITTED)
    sign_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/{submitted.pk}/")
    accept[0] = False
    page.click("#move-check button")
    page.wait_for_timeout(300)
    assert answers[-1].startswith("Thẩm định đạt:")
    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.SUBMITTED
    accept[0] = True
    page.click("#move-check button")
    page.wait_for_selector("[data-status=checked]")
    submitted.refresh_from_db()
    assert submitted.status == NominationStatus.CHECKED
