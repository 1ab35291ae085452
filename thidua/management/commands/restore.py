from django.core.management.base import BaseCommand, CommandError

from thidua.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into the configured database and file storage, which must be "
        "empty (a newly created database, an empty media folder or bucket). Checksums are verified first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            result = restore(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã khôi phục {archive}: cơ sở dữ liệu và {result.files} tệp, {result.seconds:.1f} s")
