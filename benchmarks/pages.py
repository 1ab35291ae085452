"""Province-scale benchmark: the pages as users feel them, under gunicorn as in production, loaded with wrk.

    make benchmark            # or, with a database you do not care about:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python benchmarks/pages.py

1. Builds (once) a synthetic province: 10,000 units, a campaign of 1,000 and one of 10,000 units whose assignment
   names every unit (as launching does), sub-plans and final progress reports in every state, nominations, 32 past
   campaigns and a registry of 50,000 awards (benchmarks/data.py); then ANALYZE.
2. Serves the app with gunicorn (DEBUG=false, 2 sync workers, collected static files) with BENCHMARK_VIEWS=true,
   which adds a bare view doing one SQL query and an on-request SQL query count (thidua/benchmark.py).
3. Logs in through the login form as committee staff (a membership in the province committee, not a superuser) and
   as the head of a unit, and loads every page with wrk at 16 connections, each page run right after a run of the
   bare view, --repeat times (medians are printed; the page/bare ratio is taken per pair).
4. Times the xlsx exports one request at a time with the gunicorn workers' peak RSS (reset before each request).
5. Builds the final review report of a 3,000-unit campaign in a real Celery worker on Redis
   (`manage.py bench_review_report`): wall time and worker peak RSS.

Prints a table (req/s, p50, p95, p99 in ms, SQL queries per request, page/bare throughput) and, as its very last
line: `summary: board-1k/bare throughput 0.NN; board-10k p95 NNN ms; home p50 NN ms; report-3k NN s NNN MB`.
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.timeout + summary.errors.connect + summary.errors.read
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\\n", summary.requests, summary.duration, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def django_setup():
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()


def pages(campaigns):
    """(group, label, user, path): group "all" pages are the same at both scales; "1k"/"10k" per campaign."""
    rows = [
        ("all", "home (staff)", "staff", "/"),
        ("all", "home (unit head)", "head", "/"),
        ("all", "registry search 'nguyen van'", "staff", "/khen-thuong/so/?q=nguyen+van"),
        ("all", "registry, 50,000 awards", "staff", "/khen-thuong/so/"),
        ("all", "registry history", "staff", "HISTORY"),
        ("all", "statistics 0602/0603", "staff", "/khen-thuong/so/thong-ke/"),
        ("all", "form 0601 (campaigns)", "staff", "/khen-thuong/so/bieu-mau/0601/?year=2024"),
        ("all", "form 0604 (organisations)", "staff", "/khen-thuong/so/bieu-mau/0604/?year=2024"),
        ("all", "form 0605 (people)", "staff", "/khen-thuong/so/bieu-mau/0605/?year=2024"),
        ("all", "staff record of forms 0604/0605", "staff", "/khen-thuong/so/can-bo-thi-dua/"),
        ("all", "my sub-plans (unit head)", "head", "/phong-trao/ke-hoach-cua-toi/"),
        ("all", "review queue (staff)", "staff", "/phong-trao/cho-duyet/"),
        ("all", "registrations (staff)", "staff", "/dang-ky-thi-dua/"),
        ("all", "registrations (unit head)", "head", "/dang-ky-thi-dua/"),
        ("all", "registration roll-up of 2026", "staff", "/dang-ky-thi-dua/nam/2026/"),
    ]
    for scale, campaign in campaigns.items():
        group = f"{scale // 1000}k"
        board = f"/phong-trao/{campaign.pk}/ke-hoach-don-vi/"
        rows += [
            (group, "campaign page (staff)", "staff", f"/phong-trao/{campaign.pk}/"),
            (group, "campaign page (unit head)", "head", f"/phong-trao/{campaign.pk}/"),
            (group, "board page 1", "staff", board),
            (group, "board page 20", "staff", board + "?page=20"),
            (group, "board search 'na san 3'", "staff", board + "?q=na+san+3"),
            (group, "board filters draft+village", "staff", board + "?state=draft&kind=village"),
            (group, "board overdue", "staff", board + "?state=late"),
            (group, "progress-report board", "staff", f"/phong-trao/{campaign.pk}/bao-cao-don-vi/final/"),
            (group, "registration board", "staff", f"/phong-trao/{campaign.pk}/dang-ky-thi-dua/"),
            (group, "registration roll-up", "staff", f"/dang-ky-thi-dua/phong-trao/{campaign.pk}/"),
            (group, "review list", "staff", f"/bao-cao/phong-trao/{campaign.pk}/"),
            (group, "nominations", "staff", f"/khen-thuong/phong-trao/{campaign.pk}/"),
            (group, "nominations (unit head)", "head", f"/khen-thuong/phong-trao/{campaign.pk}/"),
        ]
    return rows


def exports(campaigns):
    rows = []
    for scale, campaign in campaigns.items():
        rows += [
            (
                f"{scale // 1000}k",
                f"board xlsx ({scale} rows)",
                "staff",
                f"/phong-trao/{campaign.pk}/ke-hoach-don-vi/xuat-excel/",
            ),
            (
                f"{scale // 1000}k",
                f"nominations xlsx ({scale // 5} nominations, all statuses)",
                "staff",
                f"/khen-thuong/phong-trao/{campaign.pk}/xuat-excel/?"
                + "&".join(f"status={s}" for s in ("submitted", "checked", "approved", "decided", "returned")),
            ),
        ]
        rows.append(
            (
                f"{scale // 1000}k",
                f"registration roll-up xlsx ({scale // 2} registrations)",
                "staff",
                f"/dang-ky-thi-dua/phong-trao/{campaign.pk}/xuat-excel/",
            )
        )
    rows += [
        ("all", "registry xlsx, one year (~4,500 rows)", "staff", "/khen-thuong/so/xuat-excel/?year=2024"),
        ("all", "registry xlsx, 10,000 rows ('thi')", "staff", "/khen-thuong/so/xuat-excel/?q=thi"),
        ("all", "statistics xlsx", "staff", "/khen-thuong/so/thong-ke/?format=xlsx"),
    ]
    return rows


class Server:
    def __init__(self, port, database_url, workers=2):
        self.base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "BENCHMARK_VIEWS": "true",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("CELERY_BROKER_URL", None)
        node_modules = Path(env.get("NODE_MODULES_DIR", ROOT / "node_modules"))
        if not (node_modules / "bootstrap" / "dist").is_dir():
            # Without the npm packages the manifest would lack Bootstrap and every page would fail: serve
            # static files unhashed instead (pages render the same; wrk fetches no static files).
            print("note: npm packages missing, static files served without a manifest")
            env["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
        self.env = env
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "thidua.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/__benchmark__/bare/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")

    def worker_pids(self):
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def reset_peaks(self):
        for pid in self.worker_pids():
            Path(f"/proc/{pid}/clear_refs").write_text("5")

    def peak_mb(self):
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
        return max(peaks)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def login(base, username, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/dang-nhap/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    opener.open(urllib.request.Request(base + "/dang-nhap/", data=data.encode(), headers={"Referer": base + "/"}))
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"login as {username} failed")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def fetch(base, path, cookie, count_queries=False):
    headers = {"Cookie": cookie} if cookie else {}
    if count_queries:
        headers["X-SQL-Count"] = "1"
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=300) as response:
        body = response.read()
        status, queries = response.status, response.headers.get("X-SQL-Queries")
    return status, body, queries, time.perf_counter() - started


def wrk(base, path, cookie, duration, connections, script):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command + [base + path], capture_output=True, text=True, check=True).stdout
    _, requests, duration_us, errors, p50, p95, p99 = re.search(r"^RESULT .*$", out, re.M).group(0).split()
    return {
        "rps": int(requests) / (int(duration_us) / 1e6),
        "errors": int(errors),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
    }


def drain(base, workers=2):
    """Wait until the requests wrk left queued are served: gunicorn still answers them after wrk hangs up, and
    they would slow the next run down. A request sent now is served after them."""
    for _ in range(workers):
        fetch(base, "/__benchmark__/bare/", None)


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report_3k(database_url, broker, units):
    """The final review report of a `units`-unit campaign in a real Celery worker: (seconds, MB, text)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    out = subprocess.run(
        [sys.executable, "manage.py", "bench_review_report", "--units", str(units), "--broker", broker],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    text = (out.stdout + out.stderr).strip()
    found = re.search(r"wall time ([\d.]+) s.*peak RSS (\d+) MB", text)
    if out.returncode or not found:
        print(text)
        return None, None, text
    return float(found.group(1)), int(found.group(2)), text.splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 9510)))
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="", help="run only pages whose label contains this text")
    parser.add_argument("--broker", default=os.environ.get("BENCH_BROKER", "redis://127.0.0.1:6379/12"))
    parser.add_argument("--report-units", type=int, default=3000)
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="delete the synthetic province and build it again")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database you do not care about")
    django_setup()
    from django.db import connection

    from benchmarks import data

    if args.fresh and data.exists():
        data.remove()
    started = time.monotonic()
    if not data.exists():
        print("building the synthetic province…")
    campaigns = data.build()
    print(f"synthetic province ready ({time.monotonic() - started:.0f} s); ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()

    from awards.models import Award

    history_key = (
        Award.objects.filter(proposer__code__startswith=data.PREFIX).values_list("nominee_key", flat=True).first()
    )
    server = Server(args.port, database_url)
    try:
        cookies = {
            "staff": login(server.base, data.STAFF, data.PASSWORD),
            "head": login(server.base, data.HEAD, data.PASSWORD),
        }
        rows = [
            (
                g,
                label,
                user,
                path.replace("HISTORY", "/khen-thuong/so/lich-su/?" + urllib.parse.urlencode({"key": history_key})),
            )
            for g, label, user, path in pages(campaigns)
            if args.only in label
        ]
        # Warm up both workers and count queries (one request with the counting header per page).
        queries = {}
        for group, label, user, path in rows:
            for _ in range(2):
                status, _body, count, seconds = fetch(server.base, path, cookies[user], count_queries=True)
                if status != 200:
                    raise SystemExit(f"{label}: HTTP {status}")
            queries[(group, label)] = count
            print(f"  {group:>3} {label:<36} {count:>4} queries, {seconds * 1000:8.0f} ms alone", flush=True)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
            fh.write(WRK_SCRIPT)
            script = fh.name
        runs = {(g, label): [] for g, label, _, _ in rows}
        bare_runs = {(g, label): [] for g, label, _, _ in rows}
        loads = [load_average()]
        for rep in range(args.repeat):
            for group, label, user, path in rows:
                bare = wrk(server.base, "/__benchmark__/bare/", None, args.duration, args.connections, script)
                drain(server.base)
                page = wrk(server.base, path, cookies[user], args.duration, args.connections, script)
                drain(server.base)
                bare_runs[(group, label)].append(bare)
                runs[(group, label)].append(page)
                print(
                    f"  [{rep + 1}/{args.repeat}] {group:>3} {label:<36} {page['rps']:7.1f} req/s "
                    f"p95 {page['p95']:7.1f} ms (bare {bare['rps']:6.0f} req/s){' ERRORS' if page['errors'] else ''}",
                    flush=True,
                )
            loads.append(load_average())
        export_rows = []
        if not args.skip_exports:
            for group, label, user, path in exports(campaigns):
                if args.only not in label:
                    continue
                times, peaks = [], []
                for _ in range(args.repeat):
                    server.reset_peaks()
                    status, body, count, seconds = fetch(server.base, path, cookies[user], count_queries=True)
                    if status != 200 or not body.startswith(b"PK"):
                        raise SystemExit(f"{label}: HTTP {status}")
                    times.append(seconds)
                    peaks.append(server.peak_mb())
                export_rows.append((group, label, statistics.median(times), max(peaks), count, len(body)))
    finally:
        server.stop()

    report = (None, None, "")
    if not args.skip_report:
        print(f"final review report of {args.report_units} units in a Celery worker…", flush=True)
        report = report_3k(database_url, args.broker, args.report_units)

    def med(values, key):
        return statistics.median(v[key] for v in values)

    print()
    print(
        f"load average during the run: {' → '.join(loads)}; {args.repeat} runs × {args.duration} s, "
        f"{args.connections} connections; medians"
    )
    header = f"{'':>3} {'page':<36} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'SQL':>4} {'/bare':>6}"
    print(header)
    print("-" * len(header))
    table = {}
    for group, label, _user, _path in rows:
        page, bare = runs[(group, label)], bare_runs[(group, label)]
        ratio = statistics.median(p["rps"] / max(b["rps"], 0.001) for p, b in zip(page, bare, strict=True))
        table[(group, label)] = {
            "rps": med(page, "rps"),
            "p50": med(page, "p50"),
            "p95": med(page, "p95"),
            "p99": med(page, "p99"),
            "ratio": ratio,
        }
        t = table[(group, label)]
        errors = sum(p["errors"] for p in page)
        print(
            f"{group:>3} {label:<36} {t['rps']:7.1f} {t['p50']:8.1f} {t['p95']:8.1f} {t['p99']:8.1f} "
            f"{queries[(group, label)]:>4} {ratio:6.2f}{f'  {errors} errors' if errors else ''}"
        )
    all_bare = [b for runs_ in bare_runs.values() for b in runs_]
    if all_bare:
        print(
            f"{'':>3} {'bare view (one query)':<36} {med(all_bare, 'rps'):7.1f} {med(all_bare, 'p50'):8.1f} "
            f"{med(all_bare, 'p95'):8.1f} {med(all_bare, 'p99'):8.1f} {1:>4}"
        )
    if export_rows:
        print()
        print(f"{'':>3} {'export (one request at a time)':<52} {'s':>6} {'peak MB':>8} {'SQL':>4} {'KiB':>7}")
        for group, label, seconds, peak, count, size in export_rows:
            print(f"{group:>3} {label:<52} {seconds:6.2f} {peak:8.0f} {count:>4} {size / 1024:7.0f}")
    if report[2]:
        print()
        print(f"report-{args.report_units // 1000}k: {report[2]}")

    def get(group, label, key, fmt):
        t = table.get((group, label))
        return fmt.format(t[key]) if t else "n/a"

    homes = [t["p50"] for (g, label), t in table.items() if label.startswith("home")]
    summary = (
        f"summary: board-1k/bare throughput {get('1k', 'board page 1', 'ratio', '{:.2f}')}; "
        f"board-10k p95 {get('10k', 'board page 1', 'p95', '{:.0f}')} ms; "
        f"home p50 {f'{max(homes):.0f}' if homes else 'n/a'} ms; "
        f"report-{args.report_units // 1000}k "
        f"{f'{report[0]:.0f}' if report[0] is not None else 'n/a'} s "
        f"{report[1] if report[1] is not None else 'n/a'} MB"
    )
    print(summary)


if __name__ == "__main__":
    main()
