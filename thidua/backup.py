"""Backup and restore: the database and every stored file in one dated tar archive with SHA-256 checksums.

Archive `thidua-YYYYMMDD-HHMMSS.tar` holds:

- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite's online backup API,
  consistent while the app runs);
- `media/<name>` for every file of the default storage (local folder or S3 bucket, read through Django's
  storage API);
- `SHA256SUMS` (`sha256sum -c` format) and `manifest.json` (what, when, from which engine, every member's size
  and SHA-256).

`restore()` checks every checksum before it writes anything, refuses a database that has any table or a
storage that holds any file, then restores the database (`pg_restore --single-transaction`, or the SQLite
backup API) and the files (through the storage API, under the same names), and checks the files once more.
"""

import hashlib
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1
CHUNK = 1024 * 1024
MANIFEST, SUMS = "manifest.json", "SHA256SUMS"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (shown as is by the commands)."""


@dataclass
class Result:
    archive: Path
    files: int
    size: int
    seconds: float


def engine():
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
    return vendor


def storage_names(storage=None, prefix=""):
    """Every file name in a storage, sorted, walking folders through the storage API."""
    storage = storage or default_storage
    try:
        dirs, files = storage.listdir(prefix)
    except FileNotFoundError:  # a local media folder not created yet
        return []
    names = [posixpath.join(prefix, name) if prefix else name for name in files]
    for folder in dirs:
        names.extend(storage_names(storage, posixpath.join(prefix, folder) if prefix else folder))
    return sorted(names)


def _pg_env():
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
    ):
        if value:
            env[key] = str(value)
        else:
            env.pop(key, None)
    return env


def _run(command, **kwargs):
    try:
        result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy lệnh {command[0]} (cài postgresql-client).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} lỗi: {result.stderr.strip()[-2000:]}")
    return result


def dump_database(target):
    """Write a consistent copy of the default database to `target`; returns the archive member name."""
    vendor = engine()
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], env=_pg_env())
    else:
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    return DUMPS[vendor]


class _Hashing(io.RawIOBase):
    """Reads through a file object, hashing what passes."""

    def __init__(self, fileobj):
        self.fileobj, self.digest = fileobj, hashlib.sha256()

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.fileobj.read(size)
        self.digest.update(data)
        return data


def _add(tar, name, fileobj, size):
    hashing = _Hashing(fileobj)
    tar.addfile(_info(name, size), hashing)
    return {"size": size, "sha256": hashing.digest.hexdigest()}


def backup(output_dir, storage=None):
    """Write one archive into output_dir (created if missing); returns a Result."""
    started = time.monotonic()
    storage = storage or default_storage
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    archive = output_dir / f"thidua-{timezone.localtime(created):%Y%m%d-%H%M%S}.tar"
    if archive.exists():
        raise BackupError(f"Đã có {archive}: chờ một giây rồi chạy lại.")
    partial = archive.with_name(archive.name + ".partial")
    members = {}
    try:
        with tempfile.TemporaryDirectory() as scratch, tarfile.open(partial, "w") as tar:
            dump = Path(scratch) / "dump"
            dump_name = dump_database(dump)
            with open(dump, "rb") as fh:
                members[dump_name] = _add(tar, dump_name, fh, dump.stat().st_size)
            for name in storage_names(storage):
                with storage.open(name, "rb") as fh:
                    members[f"media/{name}"] = _add(tar, f"media/{name}", fh, storage.size(name))
            sums = "".join(f"{m['sha256']}  {name}\n" for name, m in members.items()).encode()
            tar.addfile(_info(SUMS, len(sums)), io.BytesIO(sums))
            manifest = {
                "format": FORMAT,
                "app": "thidua",
                "created": created.isoformat(),
                "database": {"engine": engine(), "member": dump_name},
                "media_files": sum(1 for name in members if name.startswith("media/")),
                "members": members,
            }
            raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            tar.addfile(_info(MANIFEST, len(raw)), io.BytesIO(raw))
        os.replace(partial, archive)
    finally:
        if partial.exists():
            partial.unlink()
    return Result(archive, manifest["media_files"], archive.stat().st_size, time.monotonic() - started)


def _info(name, size):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o600
    return info


def _safe(name):
    parts = name.split("/")
    return not name.startswith("/") and ".." not in parts and "" not in parts


def verify(tar):
    """Check the archive against its manifest (every member, size and SHA-256); returns the manifest."""
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError(f"Tệp sao lưu không có manifest.json hợp lệ ({exc}).") from None
    if manifest.get("format") != FORMAT or manifest.get("app") != "thidua":
        raise BackupError("manifest.json không phải của bản sao lưu Thi đua (định dạng 1).")
    expected = manifest["members"]
    seen = set()
    for info in tar.getmembers():
        if info.name in (MANIFEST, SUMS):
            continue
        if info.name not in expected or not info.isfile() or not _safe(info.name):
            raise BackupError(f"Tệp lạ trong bản sao lưu: {info.name}")
        digest = hashlib.sha256()
        with tar.extractfile(info) as fh:
            for chunk in iter(lambda fh=fh: fh.read(CHUNK), b""):
                digest.update(chunk)
        if digest.hexdigest() != expected[info.name]["sha256"] or info.size != expected[info.name]["size"]:
            raise BackupError(f"Sai mã kiểm tra SHA-256: {info.name}. Bản sao lưu bị hỏng, không khôi phục.")
        seen.add(info.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"Bản sao lưu thiếu {len(missing)} tệp, ví dụ {missing[0]}.")
    return manifest


def check_empty(storage=None):
    """Refuse a target that holds anything: restore never merges into or overwrites existing data."""
    storage = storage or default_storage
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu đích không trống ({len(tables)} bảng, ví dụ {sorted(tables)[0]}): "
            "hãy khôi phục vào một cơ sở dữ liệu mới tạo."
        )
    names = storage_names(storage)
    if names:
        raise BackupError(f"Thư mục/kho tệp đích không trống ({len(names)} tệp, ví dụ {names[0]}).")


def restore(archive, storage=None):
    """Verify, then restore into the (empty) default database and storage; returns a Result."""
    started = time.monotonic()
    storage = storage or default_storage
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không có tệp {archive}.")
    with tarfile.open(archive, "r:") as tar:
        manifest = verify(tar)
        vendor = engine()
        if manifest["database"]["engine"] != vendor:
            raise BackupError(
                f"Bản sao lưu của {manifest['database']['engine']}, đích là {vendor}: không khôi phục chéo."
            )
        check_empty(storage)
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / "dump"
            with tar.extractfile(manifest["database"]["member"]) as src, open(dump, "wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
            _restore_database(dump, vendor)
        media = [name for name in manifest["members"] if name.startswith("media/")]
        for member in media:
            name = member.removeprefix("media/")
            with tar.extractfile(member) as fh:
                stored = storage.save(name, File(fh, name=posixpath.basename(name)))
            if stored != name:
                raise BackupError(f"Kho tệp đổi tên {name} thành {stored}: kho đích không trống?")
        for member in media:
            name = member.removeprefix("media/")
            digest = hashlib.sha256()
            with storage.open(name, "rb") as fh:
                for chunk in iter(lambda fh=fh: fh.read(CHUNK), b""):
                    digest.update(chunk)
            if digest.hexdigest() != manifest["members"][member]["sha256"]:
                raise BackupError(f"Tệp {name} đọc lại sau khi khôi phục không khớp mã kiểm tra.")
    return Result(archive, len(media), archive.stat().st_size, time.monotonic() - started)


def _restore_database(dump, vendor):
    connection.close()
    if vendor == "postgresql":
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "-d",
             connection.settings_dict["NAME"], str(dump)],
            env=_pg_env(),
        )  # fmt: skip
    else:
        source = sqlite3.connect(dump)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
