"""Production smoke test: what docker-compose.yml starts, started here as processes, then used over HTTP.

The commands come from docker-compose.yml (migrate, web, worker, beat and both healthchecks) and the Dockerfile
(collectstatic), the settings from .env.example (the README's production .env, "change-me" values replaced),
against a PostgreSQL database and a Redis database of this run's own. Over HTTP on 127.0.0.1 (as the TLS proxy
would pass requests on, with X-Forwarded-Proto: https) it logs in with CSRF, resubmits and approves a sub-plan,
builds a review report through the Celery worker, downloads its PDF (text checked with pdftotext), and checks that
beat scheduled and sent the reminders task, that static files carry far-future cache headers and that
`manage.py check --deploy` is clean.

    make smoke      # SMOKE_DATABASE_URL (default: DATABASE_URL's server, database <name>_smoke, dropped and created)
                    # SMOKE_REDIS_URL (default TEST_REDIS_URL, else redis://127.0.0.1:6379/14; flushed)
                    # SMOKE_PORT (default a free port)
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg2
import redis
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "thidua2019"  # the demo's


class SmokeFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise SmokeFailure(message)


STARTED = time.monotonic()


def step(message):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


# --- Configuration: one source for the commands and the settings ---------------------------------------------------


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def collectstatic_command():
    """The Dockerfile's collectstatic step (RUN line), as a shell command."""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("RUN ") and "collectstatic" in line:
            return line[4:]
    raise SmokeFailure("Dockerfile has no collectstatic step")


def production_env_file(folder):
    """.env.example with every change-me replaced: a random SECRET_KEY, mail to the console."""
    lines = []
    for line in (ROOT / ".env.example").read_text().splitlines():
        key = line.split("=", 1)[0]
        if key == "SECRET_KEY":
            line = f"SECRET_KEY={secrets.token_urlsafe(50)}"
        elif key == "EMAIL_URL":
            line = "EMAIL_URL=consolemail://"
        elif line.endswith("change-me"):
            line = f"{key}=smoke-{secrets.token_hex(8)}"
        lines.append(line)
    path = folder / "production.env"
    path.write_text("\n".join(lines) + "\n")
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_urls():
    base = os.environ.get("SMOKE_DATABASE_URL")
    if not base:
        server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/thidua")
        check(server.startswith(("postgres://", "postgresql://")), "the smoke test needs PostgreSQL (DATABASE_URL)")
        name = urllib.parse.urlsplit(server).path.lstrip("/") or "thidua"
        base = server.rsplit("/", 1)[0] + f"/{name}_smoke"
    return base, base.rsplit("/", 1)[0] + "/postgres"


def fresh_database(url, admin_url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    admin = psycopg2.connect(admin_url)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def drop_database(url, admin_url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    admin = psycopg2.connect(admin_url)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


# --- Processes -----------------------------------------------------------------------------------------------------


class Processes:
    def __init__(self, folder, env):
        self.folder, self.env, self.running = folder, env, {}

    def command(self, text, port):
        """A compose command for this machine: the container's port becomes ours, programs come from the venv."""
        return text.replace("0.0.0.0:8000", f"127.0.0.1:{port}").replace("127.0.0.1:8000", f"127.0.0.1:{port}")

    def run(self, name, command, timeout=600, env=None):
        started = time.monotonic()
        result = subprocess.run(
            command if isinstance(command, list) else ["sh", "-c", command],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        (self.folder / f"{name}.log").write_text(result.stdout + result.stderr)
        check(
            result.returncode == 0,
            f"{name} failed ({result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-3000:]}",
        )
        step(f"{name}: ok in {time.monotonic() - started:.1f} s")
        return result

    def start(self, name, command):
        log = open(self.folder / f"{name}.log", "w")
        self.running[name] = subprocess.Popen(
            ["sh", "-c", f"exec {command}"], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        step(f"{name}: started ({command})")

    def log(self, name):
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def alive(self):
        for name, process in self.running.items():
            check(process.poll() is None, f"{name} stopped ({process.returncode}):\n{self.log(name)[-3000:]}")

    def stop(self):
        for process in self.running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.running.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_for(what, probe, timeout, processes, interval=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.alive()
        try:
            result = probe()
        except (OSError, http.client.HTTPException):
            result = None
        if result:
            return result
        time.sleep(interval)
    raise SmokeFailure(f"timed out after {timeout} s waiting for {what}")


# --- HTTP as a browser behind the TLS proxy ------------------------------------------------------------------------


class Browser:
    """Cookies, CSRF and the proxy's X-Forwarded-Proto: https; never follows redirects by itself."""

    def __init__(self, port):
        self.port, self.cookies = port, {}
        self.origin = f"https://127.0.0.1:{port}"

    def request(self, method, path, fields=None, referer=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urllib.parse.urlencode({**(fields or {}), "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + (referer or path)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, path, expect=200):
        status, headers, data = self.request("GET", path)
        check(status == expect, f"GET {path}: {status}, expected {expect}")
        return headers, data

    def post(self, path, fields=None, referer=None):
        """POST and follow the redirect (the app answers every successful form with one)."""
        status, headers, data = self.request("POST", path, fields, referer)
        check(status == 302, f"POST {path}: {status}, expected a redirect\n{data[:2000]!r}")
        location = urllib.parse.urlsplit(headers["location"])
        check(location.scheme in ("", "https"), f"POST {path} redirected off HTTPS: {headers['location']}")
        target = location.path + (f"?{location.query}" if location.query else "")
        _, page = self.get(target)
        return target, page.decode()

    def login(self, username):
        self.cookies.clear()
        self.get("/dang-nhap/")
        check("csrftoken" in self.cookies, "the login page set no CSRF cookie")
        target, page = self.post("/dang-nhap/", {"username": username, "password": PASSWORD})
        check("sessionid" in self.cookies, f"login as {username} failed")
        return page


def hidden(page, name):
    found = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(rf'value="([^"]*)" name="{name}"', page)
    check(found, f"no hidden {name} on the page")
    return found.group(1)


# --- The scenario --------------------------------------------------------------------------------------------------


def scenario(port, procs, db_url):
    browser = Browser(port)

    # Health (compose's own healthchecks, run as compose would run them).
    services = compose()["services"]
    web_check = services["web"]["healthcheck"]["test"]
    check(web_check[0] == "CMD", "web healthcheck is a plain command")
    procs.run("web-healthcheck", [procs.command(part, port) for part in web_check[1:]], timeout=30)
    _, body = browser.get("/health/")
    check(json.loads(body) == {"database": "ok", "broker": "ok", "status": "ok"}, f"/health/: {body!r}")

    # DEBUG is off: an unknown page is the plain 404, no technical details.
    _, _, body = browser.request("GET", "/khong-co-trang-nay/")
    check(b"URLconf" not in body and b"Traceback" not in body, "a 404 shows debug details")

    # Static files: hashed names with far-future cache headers (whitenoise).
    _, page = browser.get("/dang-nhap/")
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page.decode())
    check(css, "the login page links no hashed CSS file")
    headers, _ = browser.get(css.group(1))
    max_age = re.search(r"max-age=(\d+)", headers.get("cache-control", ""))
    check(max_age and int(max_age.group(1)) >= 365 * 24 * 3600, f"static cache header: {headers.get('cache-control')}")
    step(f"static {css.group(1)}: Cache-Control {headers['cache-control']}")

    # A unit resubmits its returned sub-plan; committee staff approve it.
    browser.login("conoi")
    _, page = browser.get("/phong-trao/ke-hoach-cua-toi/")
    subplan = re.search(r"/phong-trao/ke-hoach-don-vi/(\d+)/", page.decode())
    check(subplan, "conoi sees no sub-plan")
    subplan_url = subplan.group(0)
    _, page = browser.get(subplan_url)
    page = page.decode()
    campaign = re.search(r'href="/phong-trao/(\d+)/"', page)
    check(campaign, "the sub-plan page links no campaign")
    _, page = browser.post(f"{subplan_url}chuyen/submit/", {"version": hidden(page, "version")}, subplan_url)
    check("Đã nộp kế hoạch." in page, "the submission was refused")
    step("conoi resubmitted the returned sub-plan")

    browser.login("vanphong")
    _, page = browser.get(subplan_url)
    _, page = browser.post(f"{subplan_url}chuyen/approve/", {"version": hidden(page.decode(), "version")}, subplan_url)
    check("Đã duyệt kế hoạch." in page, "the approval was refused")
    step("vanphong approved it")

    # The final review report, built by the Celery worker; its PDF downloaded and read.
    campaign_pk = campaign.group(1)
    target, page = browser.post(
        f"/bao-cao/phong-trao/{campaign_pk}/tong-hop/",
        {"kind": "final", "data_as_of": ""},
        f"/phong-trao/{campaign_pk}/",
    )
    report = re.fullmatch(r"/bao-cao/(\d+)/", target)
    check(report, f"starting the review report went to {target}")
    report_pk = report.group(1)
    queued = time.monotonic()

    def done():
        _, _, body = browser.request("GET", f"/bao-cao/{report_pk}/")
        text = body.decode()
        check('data-status="failed"' not in text, f"the review report failed:\n{procs.log('worker')[-3000:]}")
        return 'data-status="done"' in text

    wait_for("the review report", done, 300, procs, interval=1)
    step(f"review report {report_pk} built by the worker in {time.monotonic() - queued:.1f} s")
    headers, pdf = browser.get(f"/bao-cao/{report_pk}/bao-cao.pdf")
    check(headers["content-type"] == "application/pdf" and pdf.startswith(b"%PDF"), "the download is no PDF")
    text = " ".join(
        subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    check("BÁO CÁO" in text and "Phụ lục 1" in text and "DỰ THẢO" in text, f"PDF text: {text[:500]}")
    check("Đảng ủy xã Cò Nòi" in text, "the PDF does not list the unit whose sub-plan was approved")
    step(f"PDF {len(pdf)} bytes: {text[:60]}…")
    check("build_review_report" in procs.log("worker"), "the worker log does not show the build")

    # Permission checks still stand in front of the file: anonymous → login, another unit → 404.
    anonymous = Browser(port)
    status, headers, _ = anonymous.request("GET", f"/bao-cao/{report_pk}/bao-cao.pdf")
    check(status == 302 and "/dang-nhap/" in headers.get("location", ""), f"anonymous download: {status}")
    browser.login("conoi")
    status, _, _ = browser.request("GET", f"/bao-cao/{report_pk}/bao-cao.pdf")
    check(status in (403, 404), f"a unit downloads the committee's report: {status}")

    # Beat: the reminders task is in the database schedule (synced from settings when beat started) and sent when
    # due; made due by moving its last run back two days, as after a downtime.
    conn = psycopg2.connect(db_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "SELECT t.id, t.enabled, c.minute, c.hour FROM django_celery_beat_periodictask t "
            "JOIN django_celery_beat_crontabschedule c ON c.id = t.crontab_id "
            "WHERE t.task = 'campaigns.tasks.send_subplan_reminders'"
        )
        rows = cur.fetchall()
        check(len(rows) == 1 and rows[0][1:] == (True, "0", "7"), f"beat schedule rows: {rows}")
        # Every minute, last run two days ago: due at once. Beat reloads a changed schedule within seconds.
        cur.execute(
            "UPDATE django_celery_beat_crontabschedule SET minute = '*', hour = '*' WHERE id = "
            "(SELECT crontab_id FROM django_celery_beat_periodictask WHERE id = %s)",
            [rows[0][0]],
        )
        cur.execute(
            "UPDATE django_celery_beat_periodictask SET last_run_at = now() - interval '2 days' WHERE id = %s",
            [rows[0][0]],
        )
        cur.execute("UPDATE django_celery_beat_periodictasks SET last_update = now()")
    conn.close()
    step("beat: reminders task scheduled daily at 07:00; now made due")
    wait_for(
        "beat to send the reminders task and the worker to run it",
        lambda: re.search(r"send_subplan_reminders\[[0-9a-f-]+\] succeeded", procs.log("worker")),
        90,
        procs,
    )
    check("send_subplan_reminders" in procs.log("beat"), "beat's log does not show the reminders task sent")
    step("beat sent the reminders task, the worker ran it")

    # The worker's healthcheck, as compose runs it.
    worker_check = services["worker"]["healthcheck"]["test"]
    check(worker_check[0] == "CMD-SHELL", "worker healthcheck is a shell command")
    procs.run("worker-healthcheck", worker_check[1].replace("$$", "$"), timeout=60)


def main():
    started = time.monotonic()
    db_url, admin_url = database_urls()
    redis_url = os.environ.get("SMOKE_REDIS_URL") or os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/14"
    port = int(os.environ.get("SMOKE_PORT") or free_port())
    folder = Path(tempfile.mkdtemp(prefix="thidua-smoke-"))
    keep = False
    step(f"database {db_url.rsplit('/', 1)[1]}, broker {redis_url}, port {port}, logs in {folder}")
    fresh_database(db_url, admin_url)
    redis.Redis.from_url(redis_url).flushdb()

    services = compose()["services"]
    app_env = services["web"].get("environment", {})
    env = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": os.environ.get("HOME", str(folder)),
        "LANG": "C.UTF-8",
        "HOSTNAME": socket.gethostname(),
        "ENV_FILE": str(production_env_file(folder)),
        "STATIC_ROOT": str(folder / "staticfiles"),
    }
    # What compose sets for every app container, with this machine's PostgreSQL, Redis and folders.
    local = {"DATABASE_URL": db_url, "CELERY_BROKER_URL": redis_url, "MEDIA_ROOT": str(folder / "media")}
    local["BACKUP_DIR"] = str(folder / "backups")
    check(set(app_env) <= set(local), f"compose sets variables this test does not know: {set(app_env) - set(local)}")
    env.update({key: local[key] for key in app_env})
    for key in ("CHROMIUM_PATH",):
        if key in os.environ:
            env[key] = os.environ[key]

    procs = Processes(folder, env)
    try:
        # The image build's collectstatic (no .env at build time), then compose's one-shot migrate.
        procs.run("collectstatic", collectstatic_command(), env={**env, "ENV_FILE": str(folder / "none")})
        procs.run("migrate", services["migrate"]["command"])
        procs.run("load_demo", "python manage.py load_demo")  # the README's trial install
        for name in ("web", "worker", "beat"):
            procs.start(name, procs.command(services[name]["command"], port))
        wait_for("gunicorn", lambda: Browser(port).request("GET", "/health/")[0] == 200, 60, procs)
        wait_for("the worker", lambda: "ready." in procs.log("worker"), 90, procs)
        step("web, worker and beat are up")
        scenario(port, procs, db_url)
        # The README's production .env passes Django's deployment checklist, warnings included.
        procs.run("check-deploy", "python manage.py check --deploy --fail-level WARNING", timeout=120)
        check("no issues (0 silenced)" in procs.log("check-deploy"), f"check --deploy:\n{procs.log('check-deploy')}")
        procs.alive()
        step(f"smoke test passed in {time.monotonic() - started:.1f} s")
    except Exception:
        keep = True
        for name in ("web", "worker", "beat"):
            if (folder / f"{name}.log").exists():
                print(f"--- {name}.log (last lines)\n{procs.log(name)[-2500:]}", file=sys.stderr)
        raise
    finally:
        procs.stop()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
            drop_database(db_url, admin_url)
        else:
            print(f"smoke test failed; logs and files kept in {folder}", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except SmokeFailure as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
