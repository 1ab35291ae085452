"""Backup and restore of the demo on PostgreSQL: every table's rows and every stored file come back the same.

The restore runs as an operator would run it (`manage.py restore` in another process) into a new database and an
empty media folder; a second restore into the same target and a tampered archive are refused.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from thidua.backup import storage_names

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db(transaction=True)


def pg_connect(name):
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=name, host=db["HOST"] or None, port=db["PORT"] or None, user=db["USER"], password=db["PASSWORD"]
    )


def database_url(name):
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def table_contents(conn):
    """{table: sorted rows} for every table of the public schema, and {sequence: last value}."""
    with conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cur.fetchall()]
        contents = {}
        for table in tables:
            cur.execute(f'SELECT * FROM "{table}"')
            contents[table] = sorted(repr(row) for row in cur.fetchall())
        cur.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        sequences = dict(cur.fetchall())
    return contents, sequences


def file_digests(folder):
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def run_restore(archive, database, media):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="thidua.settings", DEBUG="true", DATABASE_URL=database_url(database), MEDIA_ROOT=media
    )
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture
def restore_db():
    name = f"{connection.settings_dict['NAME']}_restore"
    admin = pg_connect("postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_demo_backup_restores_every_row_and_file(settings, tmp_path, restore_db):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    stored = storage_names()
    assert len(stored) >= 20, stored  # dossiers, scans, the decision and its certificates

    out = io.StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    archive = Path(out.getvalue().splitlines()[0])
    assert archive.parent == tmp_path / "backups" and archive.name.startswith("thidua-")

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        sums = tar.extractfile("SHA256SUMS").read().decode()
    assert manifest["database"] == {"engine": "postgresql", "member": "database.dump"}
    assert manifest["media_files"] == len(stored)
    assert sorted(m.removeprefix("media/") for m in manifest["members"] if m.startswith("media/")) == stored
    assert len(sums.splitlines()) == len(stored) + 1

    restored_media = tmp_path / "restored-media"
    result = run_restore(archive, restore_db, restored_media)
    assert result.returncode == 0, result.stderr
    assert f"{len(stored)} tệp" in result.stdout

    source, target = pg_connect(connection.settings_dict["NAME"]), pg_connect(restore_db)
    try:
        (source_tables, source_sequences), (target_tables, target_sequences) = (
            table_contents(source),
            table_contents(target),
        )
    finally:
        source.close()
        target.close()
    assert set(source_tables) == set(target_tables)
    assert len(source_tables) >= 40
    for table, rows in source_tables.items():
        assert target_tables[table] == rows, table
    rows = sum(len(rows) for rows in source_tables.values())
    assert rows > 500
    assert target_sequences == source_sequences

    original = file_digests(settings.MEDIA_ROOT)
    assert len(original) == len(stored)
    assert file_digests(restored_media) == original
    print(f"backup/restore: {len(source_tables)} tables, {rows} rows, {len(original)} files compared")

    # Restoring again into the same (now full) target is refused, and changes nothing.
    again = run_restore(archive, restore_db, tmp_path / "other-media")
    assert again.returncode != 0
    assert "không trống" in again.stderr
    assert not (tmp_path / "other-media").exists() or not any((tmp_path / "other-media").iterdir())


def test_tampered_archive_is_refused_before_anything_is_written(settings, tmp_path, restore_db):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "uploads").mkdir(parents=True)
    (tmp_path / "media" / "uploads" / "scan.pdf").write_bytes(b"%PDF-1.4 original")
    out = io.StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    archive = Path(out.getvalue().splitlines()[0])

    # Same size, one byte changed in the stored file.
    data = archive.read_bytes()
    at = data.index(b"%PDF-1.4 original")
    archive.write_bytes(data[:at] + b"%PDF-1.4 0riginal" + data[at + 17 :])

    result = run_restore(archive, restore_db, tmp_path / "restored")
    assert result.returncode != 0
    assert "SHA-256" in result.stderr and "media/uploads/scan.pdf" in result.stderr
    target = pg_connect(restore_db)
    with target.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cur.fetchone()[0] == 0
    target.close()
    assert not (tmp_path / "restored").exists()
