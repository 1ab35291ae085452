from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) and every stored file into one "
        "dated tar archive with a manifest of SHA-256 checksums (BACKUP_DIR, default ./backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=None, help="folder for the archive (default BACKUP_DIR)")

    def handle(self, *args, output_dir=None, **options):
        try:
            result = backup(output_dir or settings.BACKUP_DIR)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{result.archive}\n{result.files} tệp, {result.size / 1024 / 1024:.1f} MiB, {result.seconds:.1f} s"
        )
